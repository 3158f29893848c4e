/** The README's benchmark tables, rendered from bench/results/latest.json's shape. */
import type { ColdStart } from './cold-start';
import type { ContentionRow } from './contention';
import type { LatencyRow } from './latency';
import type { PackageSize } from './mini-program';
import type { ProbeResult } from './miniprogram/setdata-probe';
import type { TripRow } from './round-trips';
import type { WorkbenchRow } from './workbench';

export interface BenchResult {
  date: string;
  machine: string;
  node: string;
  seconds: number;
  roundTrips: { target: { reads: number; writes: number }; rows: TripRow[]; notDriven: string[] };
  latency: { setup: Record<string, number>; rows: LatencyRow[]; p99Ratio: Array<{ action: string; from: number; to: number; ratio: number; within: boolean }>; limit: number };
  coldStart: ColdStart;
  miniprogram: { package: PackageSize; packageTargetBytes: number; setData: ProbeResult[]; setDataTargetBytes: number };
  contention: ContentionRow[];
  workbench: { setup: { communities: number; concerns: number; samples: number }; rows: WorkbenchRow[] };
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
  if (r.workbench) workbenchTable(r.workbench, L);
  return L.join('\n').trimEnd();
}

function roundTripTable(t: BenchResult['roundTrips'], L: string[]): void {
  const over = t.rows.filter((x) => !x.error && !x.withinTarget);
  L.push(`**Database round-trips per action** (counted by the store port, CountingStore; target ≤ ${t.target.reads} reads and ≤ ${t.target.writes} writes including the audit event; ⚠ = over target). Production wiring, so rate-limit windows (\`rateWindows\`) and inbox notices count.`, '');
  L.push('| action | as | reads | writes | total | | writes |', '|---|---|---|---|---|---|---|');
  for (const x of t.rows) {
    if (x.error) L.push(`| ${x.label} | ${x.as} | — | — | — | not driven | ${x.error} |`);
    else L.push(`| ${x.label} | ${x.as} | ${x.reads} | ${x.writes} | ${x.total} | ${x.withinTarget ? '' : '⚠'} | ${short(x.detail, 'write')} |`);
  }
  L.push('', `${over.length} of ${t.rows.filter((x) => !x.error).length} measured calls are over target.${t.notDriven.length ? ` Not driven: ${t.notDriven.join(', ')}.` : ' Every action in the contract table was driven.'}`, '');
}

function latencyTable(l: BenchResult['latency'], L: string[]): void {
  L.push(`**Latency through the gateway** (a separate \`dev/gateway-process.ts\` on 127.0.0.1; ${l.setup.samples} sequential calls for p50/p99 after ${l.setup.warmup} warm-up, then ${l.setup.concurrentCalls} calls from ${l.setup.concurrent} concurrent clients for throughput)`, '');
  L.push('| action | concerns in DB | p50 ms | p99 ms | calls/s, 1 client | calls/s, 16 clients |', '|---|---|---|---|---|---|');
  for (const x of l.rows) L.push(`| ${x.action} | ${x.concerns.toLocaleString('en')} | ${x.p50ms} | ${x.p99ms} | ${x.perSecondSerial} | ${x.perSecondConcurrent} |`);
  L.push('', `p99 at ${l.p99Ratio[0]?.to.toLocaleString('en')} vs ${l.p99Ratio[0]?.from.toLocaleString('en')} concerns (limit ${l.limit}×): ${l.p99Ratio.map((x) => `${x.action} ${x.ratio}×${x.within ? '' : ' ⚠'}`).join(', ')}.`, '');
}

function coldStartLine(c: ColdStart, L: string[]): void {
  L.push(
    `**Cold start**: \`api/index.js\` bundle ${kb(c.apiBundleBytes)} (sweep ${kb(c.sweepBundleBytes)}); \`require\` in a fresh process, median of ${c.runs}: ` +
      `${c.requireBundledMs} ms bundled vs ${c.requireUnbundledMs} ms unbundled (${c.unbundledHow}; ${c.unbundledFiles} files compiled) = **${c.ratio}×**; ` +
      `${c.requireFromSourcesTsxMs} ms from the TypeScript sources through tsx.`,
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
