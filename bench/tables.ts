/** The README's benchmark tables, rendered from bench/results/latest.json's shape. */
import type { ColdStart } from './cold-start';
import type { ContentionRow, RaceRow } from './contention';
import type { LatencyRow } from './latency';
import type { measureLarge } from './large';
import type { PackageSize } from './mini-program';
import type { ProbeResult } from './miniprogram/setdata-probe';
import type { RoundTrips } from './round-trips';
import type { WorkbenchRow } from './workbench';
import type { SweepRunRow, SweepSetup } from './sweep';

export interface BenchResult {
  date: string;
  machine: string;
  node: string;
  seconds: number;
  roundTrips: RoundTrips;
  latency: { setup: Record<string, number>; rows: LatencyRow[]; p99Ratio: Array<{ action: string; from: number; to: number; ratio: number; within: boolean }>; limit: number };
  coldStart: ColdStart;
  miniprogram: { package: PackageSize; packageTargetBytes: number; setData: ProbeResult[]; setDataTargetBytes: number };
  contention: ContentionRow[];
  races: RaceRow[];
  workbench: { setup: { communities: number; concerns: number; samples: number }; rows: WorkbenchRow[] };
  sweep: { setup: SweepSetup; runs: SweepRunRow[]; drained: boolean };
  large: Awaited<ReturnType<typeof measureLarge>>;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const short = (detail: Record<string, number>, kind: 'write' | 'read') =>
  Object.entries(detail)
    .filter(([k]) => (kind === 'write' ? /^(insert|set|update|remove|tx commit|tx\.insert|tx\.set|tx\.remove)/ : /^(get|getMany|query|tx\.get)/).test(k))
    .map(([k, n]) => `${k.replace(/^tx\./, 'tx ')}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');

/** Renders whatever parts `r` holds (a `--only` run holds some). */
export function renderTables(r: Partial<BenchResult>): string {
  const L: string[] = [];
  L.push(`${r.date?.slice(0, 10)} · ${r.machine} · Node ${r.node} · whole run ${Math.round(r.seconds ?? 0)} s`, '');
  if (r.roundTrips) roundTripTable(r.roundTrips, L);
  if (r.latency) latencyTable(r.latency, L);
  if (r.coldStart) coldStartLine(r.coldStart, L);
  if (r.miniprogram) miniprogramTables(r.miniprogram, L);
  if (r.contention) contentionTable(r.contention, L);
  if (r.races) racesTable(r.races, L);
  if (r.workbench) workbenchTable(r.workbench, L);
  if (r.sweep) sweepTable(r.sweep, L);
  if (r.large) largeTable(r.large, L);
  return L.join('\n').trimEnd();
}

function roundTripTable(t: BenchResult['roundTrips'], L: string[]): void {
  const measured = t.rows.filter((x) => !x.error);
  const over = measured.filter((x) => !x.withinTarget);
  const residentOver = measured.filter((x) => x.residentFacing && x.waits > t.target.residentWaits);
  const retries = measured.filter((x) => x.retry);
  const costlier = retries.filter((x) => !x.retry!.notCostlier);
  L.push(
    `**Every action: round-trips, sequential waits, modelled latency** (each action and variant driven once from the authorization matrix's fixture, as the first caller the matrix allows; ` +
      `reads and writes as CloudBase bills them: in a transaction each get, each write and the commit; target ≤ ${t.target.reads} reads and ≤ ${t.target.writes} writes including the audit event, ` +
      `and ≤ ${t.target.residentWaits} sequential waits for what residents call; modelled latency at ${t.model.readMs} ms a read, ${t.model.writeMs} ms a write, ${t.model.commitMs} ms a transaction's commit; ⚠ = over target; retry = the same request again with the same idempotency key)`,
    '',
  );
  L.push('| action | as | reads | writes | waits | modelled ms | | retry (r/w/waits) | writes |', '|---|---|---|---|---|---|---|---|---|');
  for (const x of t.rows) {
    if (x.error) {
      L.push(`| ${x.label} | ${x.as} | — | — | — | — | not driven | | ${x.error} |`);
      continue;
    }
    const retry = x.retry ? `${x.retry.reads}/${x.retry.writes}/${x.retry.waits}${x.retry.notCostlier ? '' : ' ⚠'}` : '';
    L.push(`| ${x.label} | ${x.as} | ${x.reads} | ${x.writes} | ${x.waits} | ${x.modelledMs} | ${x.withinTarget ? '' : '⚠'} | ${retry} | ${short(x.detail, 'write')} |`);
  }
  L.push(
    '',
    `${measured.length} calls measured; ${over.length} over target; ${residentOver.length} resident-facing over ${t.target.residentWaits} waits; ${costlier.length} of ${retries.length} retries cost more than the first call.` +
      (t.notDriven.length ? ` Not driven: ${t.notDriven.join(', ')}.` : ' Every action in the contract table was driven.'),
    '',
  );
}

function latencyTable(l: BenchResult['latency'], L: string[]): void {
  L.push(`**Latency through the gateway** (a separate \`dev/gateway-process.ts\` on 127.0.0.1; ${l.setup.samples} sequential calls for p50/p99 after ${l.setup.warmup} warm-up, then ${l.setup.concurrentCalls} calls from ${l.setup.concurrent} concurrent clients for throughput)`, '');
  L.push('| action | concerns in DB | p50 ms | p99 ms | calls/s, 1 client | calls/s, 16 clients |', '|---|---|---|---|---|---|');
  for (const x of l.rows) L.push(`| ${x.action} | ${x.concerns.toLocaleString('en')} | ${x.p50ms} | ${x.p99ms} | ${x.perSecondSerial} | ${x.perSecondConcurrent} |`);
  L.push('', `p99 at ${l.p99Ratio[0]?.to.toLocaleString('en')} vs ${l.p99Ratio[0]?.from.toLocaleString('en')} concerns (limit ${l.limit}×): ${l.p99Ratio.map((x) => `${x.action} ${x.ratio}×${x.within ? '' : ' ⚠'}`).join(', ')}.`, '');
}

function coldStartLine(c: ColdStart, L: string[]): void {
  L.push(
    `**Cold start**: \`api/index.js\` bundle ${kb(c.apiBundleBytes)}${c.vendorBytes ? ` + ${kb(Object.values(c.vendorBytes.api ?? {}).reduce((a, b) => a + b, 0))} of vendor files beside it, each loaded on first use (node-sdk on the first call)` : ''} (sweep ${kb(c.sweepBundleBytes)}); \`require\` in a fresh process, median of ${c.runs}: ` +
      `${c.requireBundledMs} ms bundled vs ${c.requireUnbundledMs} ms unbundled (${c.unbundledHow}; ${c.unbundledFiles} files compiled) = **${c.ratio}×**; ` +
      `${c.requireFromSourcesTsxMs} ms from the TypeScript sources through tsx.`,
    '',
  );
  if (!c.require) return;
  const r = c.require;
  const cost = (x: { ms: number; peakMiB: number }) => `${x.ms} ms, ${x.peakMiB} MiB peak`;
  L.push(
    `**Against the SDKs** (fresh process each, median of ${c.runs}, same run): api bundle ${cost(r.api)}, sweep ${cost(r.sweep)}; ` +
      `\`require('wx-server-sdk')\` ${cost(r.wxServerSdk)}; \`require('@cloudbase/node-sdk')\` ${cost(r.nodeSdk)}. ` +
      `api / wx-server-sdk = **${c.ratioToWxServerSdk}×** (goal ≤ 0.5${c.ratioToWxServerSdk <= 0.5 ? '' : ' ⚠'}); memory ${c.memoryBelowWxServerSdk ? 'below' : '⚠ not below'} wx-server-sdk's. ` +
      `Loaded on first use, after index.js: ${Object.entries(c.firstUseMs).map(([f, ms]) => `${f} ${ms} ms`).join(', ')}.`,
    '',
    `index.js's largest inputs (esbuild metafile): ${c.apiInputs.map((i) => `${i.name} ${kb(i.bytes)}`).join(', ')}; vendor files beside it: ${Object.entries(c.vendorBytes.api ?? {}).map(([f, b]) => `${f} ${kb(b)}`).join(', ')}.`,
    '',
  );
}

function miniprogramTables(m: BenchResult['miniprogram'], L: string[]): void {
  const p = m.package;
  if (p.compiledBytes === undefined) {
    // A run from before the official compiler: esbuild's estimate.
    L.push(`**Mini-program main package** (esbuild estimate): ${kb(p.minifiedBytes ?? 0)} minified, ${kb(p.bytes ?? 0)} before minifying; target ≤ ${kb(m.packageTargetBytes)}.`, '');
  } else {
    L.push(
      `**Mini-program main package** as WeChat's compiler outputs it (miniprogram-ci, offline): ${kb(p.compiledBytes)}; ` +
        `target ≤ ${kb(m.packageTargetBytes)}: ${p.compiledBytes <= m.packageTargetBytes ? 'met' : '⚠ over'}. ` +
        `Subpackages: ${Object.entries(p.subpackageBytes).map(([s, b]) => `${s} ${kb(b)}`).join(', ')}. ` +
        `${p.files} files: ${Object.entries(p.byFolder).sort((a, b) => b[1] - a[1]).map(([f, b]) => `${f} ${kb(b)}`).join(', ')}. ` +
        `Left out: ${p.excluded.join(', ')}.`,
      '',
    );
  }
  L.push(`**setData on first render** (miniprogram-simulate under jsdom, the real backend in-process with the demo community, as demo-resident-1 with 24 concerns of their own (more than one page); target ≤ ${kb(m.setDataTargetBytes)})`, '');
  L.push('| tab page | backend calls | setData calls | setData bytes | largest call | initial data |', '|---|---|---|---|---|---|');
  for (const p of m.setData) {
    L.push(`| ${p.page.replace('/index', '')} | ${p.actions.join(', ')} | ${p.setDataCalls} | ${p.setDataBytes.toLocaleString('en')}${p.setDataBytes > m.setDataTargetBytes ? ' ⚠' : ''} | ${p.largestSetDataBytes.toLocaleString('en')} | ${p.initialDataBytes.toLocaleString('en')} |`);
  }
  L.push('');
}

function contentionTable(rows: ContentionRow[], L: string[]): void {
  L.push('**Booking under contention**: 1,000 residents book one slot of 10 seats at once', '');
  L.push('| where | bookings | booked | waitlisted | FULL | other | seats held (slot) | ms | bookings/s |', '|---|---|---|---|---|---|---|---|---|');
  for (const x of rows) L.push(`| ${x.where} | ${x.bookings} | ${x.booked} | ${x.waitlisted} | ${x.full} | ${x.other} | ${x.slotHolders} of ${x.seats} | ${x.ms} | ${x.perSecond} |`);
}

function workbenchTable(t: BenchResult['workbench'], L: string[]): void {
  L.push(`**Workbench, subdistrict and monthly report at scale** (${t.setup.communities} communities, ${t.setup.concerns.toLocaleString('en')} concerns between them; round-trips of one call on the counting store, then ${t.setup.samples} sequential calls in-process for p50/p99)`, '');
  L.push('| action | as | reads | writes | p50 ms | p99 ms |', '|---|---|---|---|---|---|');
  for (const x of t.rows) L.push(x.error ? `| ${x.label} | ${x.as} | ${x.reads} | ${x.writes} | — | ${x.error} |` : `| ${x.label} | ${x.as} | ${x.reads} | ${x.writes} | ${x.p50ms} | ${x.p99ms} |`);
  L.push('');
}

function sweepTable(t: BenchResult['sweep'], L: string[]): void {
  const s = t.setup;
  const m = s.modelMs;
  L.push(
    `**The sweep at subdistrict scale** (${s.communities} communities, ${s.concerns.toLocaleString('en')} open concerns of which ${Math.round(s.due * 100)}% due, ${s.bookings.toLocaleString('en')} bookings whose reminder is due, ${s.polls ?? 0} polls past their end with ${(s.ballots ?? 0).toLocaleString('en')} ballots each to count, ${(s.signups ?? 0).toLocaleString('en')} sign-ups whose clock is due; ` +
      `the jobs run again and again until nothing is due; modelled = every round-trip in turn at ${m.read} ms a read, ${m.write} ms a write, ${m.commit} ms a commit, against ${s.limitMs / 1000} s)`,
    '',
  );
  const over = t.runs.filter((x) => !x.withinLimit);
  const worst = t.runs.reduce((a, b) => (b.modelledMs > a.modelledMs ? b : a), t.runs[0]);
  L.push(`${t.drained ? `Drained in **${t.runs.length} runs**` : `⚠ not drained after ${t.runs.length} runs`}; slowest run ${Math.max(...t.runs.map((x) => x.ms))} ms here, modelled ${worst?.modelledMs ?? 0} ms; ${over.length ? `⚠ ${over.length} runs over the limit` : 'every run inside the limit'}.`, '');
  L.push('| run | ms | reads | writes | modelled ms | due concerns left | due bookings left | due polls left | due sign-ups left | handled |', '|---|---|---|---|---|---|---|---|---|---|');
  const shown = t.runs.filter((_x, i) => i < 3 || i === t.runs.length - 1 || (i + 1) % 10 === 0);
  for (const x of shown) {
    const handled = x.jobs.filter((j) => Object.keys(j.handled).length).map((j) => `${j.job} ${Object.entries(j.handled).map(([k, n]) => `${k} ${n}`).join(' ')}`).join('; ');
    L.push(`| ${x.run} | ${x.ms} | ${x.reads} | ${x.writes} | ${x.modelledMs}${x.withinLimit ? '' : ' ⚠'} | ${x.backlog.concerns} | ${x.backlog.bookings} | ${x.backlog.polls ?? 0} | ${x.backlog.signups ?? 0} | ${handled}${x.failed.length ? ` ⚠ failed: ${x.failed.join(', ')}` : ''} |`);
  }
  L.push('', 'Per job in the first run:', '', '| job | ms | reads | writes | handled |', '|---|---|---|---|---|');
  for (const j of t.runs[0]?.jobs ?? []) L.push(`| ${j.job} | ${j.ms} | ${j.reads} | ${j.writes} | ${Object.entries(j.handled).map(([k, n]) => `${k} ${n}`).join(', ')} |`);
  L.push('');
}

function racesTable(rows: RaceRow[], L: string[]): void {
  L.push('', '**Sign-ups and votes under contention**: 1,000 volunteers sign up for one role of 10 places; 1,000 residents of 500 households (two each) vote in a 一户一票 poll at once. Checked against the database: places filled = min(places, callers), one ballot per household, participation = ballots', '');
  L.push('| race | where | callers | places / households | won | waitlisted / told already voted | other | stored | pool holders / participation | exact | ms | calls/s |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const x of rows) L.push(`| ${x.race === 'signup' ? 'activity.signup' : 'poll.vote'} | ${x.where} | ${x.callers} | ${x.capacity} | ${x.won} | ${x.lost} | ${x.other} | ${x.stored} | ${x.tally} | ${x.exact ? 'yes' : `⚠ ${x.problems.join('; ')}`} | ${x.ms} | ${x.perSecond} |`);
  L.push('');
}

function largeTable(t: BenchResult['large'], L: string[]): void {
  const n = (x: number) => (x >= 1_000_000 ? `${x / 1_000_000}M` : x >= 1000 ? `${x / 1000}k` : String(x));
  L.push(
    '',
    `**Scale: the concern lists and submit from ${n(t.sizes[0])} to ${n(t.sizes[t.sizes.length - 1])} concerns** (one database per size, seeded in ${Math.round(t.seedSeconds)} s: ${t.setup.communities} communities, ` +
      `${t.setup.ratePerDay} concerns a day, the last two weeks half open, older ones closed but a straggler in 20 up to two months back (so the open backlog is the same from 10k on; at 1k, 3 days of history, fewer are open); each call through the api function in this process, ` +
      `${t.setup.samples} sequential calls per size in ${t.setup.blocks} alternating blocks after ${t.setup.warmup} warm-up; goal p99 at the largest size ≤ ${t.limit}× p99 at the smallest)`,
    '',
  );
  L.push(`| action | ${t.sizes.map((s) => `${n(s)} p50 / p99 ms`).join(' | ')} | p99 ${n(t.sizes[t.sizes.length - 1])}/${n(t.sizes[0])} |`, `|---|${t.sizes.map(() => '---|').join('')}---|`);
  for (const r of t.ratios) {
    const cells = t.sizes.map((s) => {
      const x = t.rows.find((y) => y.action === r.action && y.concerns === s)!;
      return `${x.p50ms} / ${x.p99ms}`;
    });
    L.push(`| ${r.action} | ${cells.join(' | ')} | ${r.ratio}×${r.within ? '' : ' ⚠'} |`);
  }
}
