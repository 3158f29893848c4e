/**
 * `npm run bench`: what dominates cost on CloudBase and what a resident feels.
 * (a) every action's DB round-trips (reads, writes), sequential waits and modelled latency
 * (b) latency p50/p99 and throughput through a gateway process, at 1k and 100k concerns
 * (c) cold start: bundle size and `require` time, bundled vs unbundled
 * (d) mini-program main package size and setData bytes of each tab page's first render
 * (e) 1,000 parallel bookings for 10 seats, sign-ups for 10 places and votes of 500
 *     households, in one process and across three
 * (f) the workbench, the subdistrict and the monthly report at 10 communities and 100k concerns
 * (g) the sweep at that scale, run after run until its backlog is gone (`--sweep-scale=0.1`
 *     seeds a tenth of it, for development)
 * `--large` adds the concern lists and submit at 1k, 10k, 100k and 1M concerns (bench/large.ts;
 * `--large-max=100000` stops at that size) and runs only that unless `--only` names more parts.
 * Writes bench/results/latest.json and prints the Markdown tables (bench/readme-table.ts
 * prints the same tables again from the JSON). `npm run bench -- --only=trips,latency`
 * runs a subset and `--small` uses 10k instead of 100k concerns; both write
 * bench/results/partial.json instead, so latest.json always holds a whole run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureColdStart } from './cold-start';
import { LARGE_SIZES, measureLarge } from './large';
import { measureContention, measureSignupContention, measureVoteContention } from './contention';
import { LATENCY_SETUP, measureLatency } from './latency';
import { mainPackageSize, measureSetData, PACKAGE_TARGET_BYTES, SETDATA_TARGET_BYTES } from './mini-program';
import { measureRoundTrips } from './round-trips';
import { measureSweep } from './sweep';
import { renderTables, type BenchResult } from './tables';
import { benchWorld } from './world';
import { measureWorkbench, WORKBENCH_SETUP } from './workbench';

const root = path.resolve(__dirname, '..');
const P99_LIMIT = 1.5;

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

async function main() {
  const started = Date.now();
  const large = process.argv.includes('--large');
  const only = option('only')?.split(',') ?? (large ? ['large'] : undefined);
  const want = (part: string) => !only || only.includes(part);
  const sizes = process.argv.includes('--small') ? [1000, 10_000] : [1000, 100_000];
  const sweepScale = Number(option('sweep-scale') ?? 1);
  const log = (s: string) => console.error(s);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
  const result: Partial<BenchResult> = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    node: process.version,
  };
  try {
    if (want('trips')) {
      log('(a) round-trips per action');
      result.roundTrips = await measureRoundTrips(log);
    }
    if (want('latency')) {
      log(`(b) latency through the gateway at ${sizes.join(' and ')} concerns`);
      const rows = await measureLatency(dir, sizes, log);
      const [from, to] = sizes;
      const p99Ratio = [...new Set(rows.map((x) => x.action))].map((action) => {
        const a = rows.find((x) => x.action === action && x.concerns === from)!;
        const b = rows.find((x) => x.action === action && x.concerns === to)!;
        const ratio = +(b.p99ms / a.p99ms).toFixed(2);
        return { action, from, to, ratio, within: ratio <= P99_LIMIT };
      });
      result.latency = { setup: LATENCY_SETUP, rows, p99Ratio, limit: P99_LIMIT };
    }
    if (want('cold')) {
      log('(c) cold start');
      result.coldStart = await measureColdStart();
    }
    if (want('mp')) {
      log('(d) mini-program package and setData');
      // WeChat's own compiler (miniprogram-ci, offline), which builds miniprogram_npm first.
      result.miniprogram = { package: await mainPackageSize(), packageTargetBytes: PACKAGE_TARGET_BYTES, setData: await measureSetData(), setDataTargetBytes: SETDATA_TARGET_BYTES };
    }
    if (want('contention')) {
      log('(e) booking, sign-up and vote contention');
      const w = await benchWorld(dir, { name: 'contention' });
      result.contention = await measureContention(w);
      result.races = [...(await measureSignupContention(w)), ...(await measureVoteContention(w))];
      w.close();
    }
    if (want('workbench')) {
      log('(f) workbench, subdistrict and report at subdistrict scale');
      result.workbench = { setup: WORKBENCH_SETUP, rows: await measureWorkbench(dir, log) };
    }
    if (want('large')) {
      const max = Number(option('large-max') ?? LARGE_SIZES[LARGE_SIZES.length - 1]);
      log(`(h) the concern lists and submit from 1k to ${max.toLocaleString('en')} concerns`);
      result.large = await measureLarge(dir, max, log);
    }
    if (want('sweep')) {
      log('(g) the sweep at subdistrict scale');
      result.sweep = await measureSweep(dir, log, sweepScale);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - started) / 1000;

  // A partial run (--only, --small) does not replace the README's numbers.
  const partial = !!only || sizes[1] !== 100_000 || sweepScale !== 1;
  // --large has its own file: its sizes take long to seed and are run apart.
  const out = path.join(root, 'bench/results', large && only?.length === 1 ? 'large.json' : partial ? 'partial.json' : 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${renderTables(result)}\n\n(written to ${path.relative(root, out)})`);
}

main().then(
  // miniprogram-ci (part d) keeps its compiler worker alive after answering.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
