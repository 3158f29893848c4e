/**
 * Cold start of the `api` function: the size of the deployable bundle, and how long a fresh
 * Node process takes to `require` it and its peak memory (RSS), against `require('wx-server-sdk')`
 * and `require('@cloudbase/node-sdk')` alone from node_modules in the same run (the goal: the
 * bundle in ≤ 0.5× wx-server-sdk's time, below its memory); what the bundle is made of by
 * package (esbuild's metafile); what a vendor file loaded on first use costs then; and the
 * same code unbundled — each source file
 * compiled to its own .js (esbuild transform, no bundling, same target as the bundle) and
 * loaded with its dependencies from node_modules, as a function deployed with 云端安装依赖
 * would be. From-sources-through-tsx is reported too, as the cost of not compiling at all.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildAll, type BuildReport } from '../dev/build';

const root = path.resolve(__dirname, '..');
const RUNS = 9;

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'miniprogram_npm' || e.name === 'node_modules' ? [] : listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Medians over RUNS fresh processes of the time `require(file)` takes inside them and of the
 * process's peak RSS after it; with `then`, the time of requiring that next (a vendor file
 * loaded on first use), after `file`.
 */
function requireCost(file: string, cwd: string, nodeArgs: string[] = [], then?: string): { ms: number; peakMiB: number; thenMs?: number } {
  const ms: number[] = [];
  const rss: number[] = [];
  const next: number[] = [];
  const t = 'const t=()=>Number(process.hrtime.bigint())/1e6;';
  const second = then ? `const b=t();require(${JSON.stringify(then)});const d=t()-b;` : 'const d=0;';
  for (let i = 0; i < RUNS; i += 1) {
    const out = execFileSync(
      process.execPath,
      [...nodeArgs, '-e', `${t}const a=t();require(${JSON.stringify(file)});const c=t()-a;${second}process.stdout.write('\\n'+JSON.stringify([c,d,process.resourceUsage().maxRSS]))`],
      { cwd, env: { ...process.env, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'bench', WX_APPID: 'bench' }, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
    const [c, d, maxRssKiB] = JSON.parse(out.trim().split('\n').pop()!) as [number, number, number];
    ms.push(c);
    next.push(d);
    rss.push(maxRssKiB / 1024);
  }
  return { ms: +median(ms).toFixed(1), peakMiB: +median(rss).toFixed(1), ...(then ? { thenMs: +median(next).toFixed(1) } : {}) };
}
const timeRequire = (file: string, cwd: string, nodeArgs: string[] = []) => requireCost(file, cwd, nodeArgs).ms;

export interface RequireCost {
  ms: number;
  peakMiB: number;
}

export interface ColdStart {
  apiBundleBytes: number;
  sweepBundleBytes: number;
  /** Each function's vendor/*.js files (loaded by require, not bundled into index.js). */
  vendorBytes: Record<string, Record<string, number>>;
  /** In a fresh process each, median: the two bundles and the two SDKs alone from node_modules. */
  require: { api: RequireCost; sweep: RequireCost; wxServerSdk: RequireCost; nodeSdk: RequireCost };
  /** api bundle's require time over wx-server-sdk's (goal ≤ 0.5), and its peak RSS under wx-server-sdk's. */
  ratioToWxServerSdk: number;
  memoryBelowWxServerSdk: boolean;
  /** What a vendor file costs when first required, after index.js (ms, median). */
  firstUseMs: Record<string, number>;
  /** index.js's largest inputs by package, from esbuild's metafile. */
  apiInputs: Array<{ name: string; bytes: number }>;
  miniprogramNpmBytes: Record<string, number>;
  requireBundledMs: number;
  requireUnbundledMs: number;
  unbundledFiles: number;
  requireFromSourcesTsxMs: number;
  ratio: number;
  runs: number;
  unbundledHow: string;
}

export async function measureColdStart(): Promise<ColdStart> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-build-'));
  try {
    const report: BuildReport = await buildAll(out);
    // Unbundled: every source file of the function's closure compiled on its own.
    const unbundled = path.join(out, 'unbundled');
    const sources = [...listTs(path.join(root, 'cloudfunctions')), ...listTs(path.join(root, 'miniprogram/core'))];
    await build({ entryPoints: sources, outdir: unbundled, outbase: root, bundle: false, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'warning' });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(unbundled, 'node_modules'), 'dir');

    const apiDir = path.join(out, 'cloudfunctions/api');
    const api = requireCost('./index.js', apiDir);
    const bundled = api.ms;
    const sweep = requireCost('./index.js', path.join(out, 'cloudfunctions/sweep'));
    const wxServerSdk = requireCost('wx-server-sdk', root);
    const nodeSdk = requireCost('@cloudbase/node-sdk', root);
    const firstUse = Object.fromEntries(
      ['cloudbase-node-sdk', 'wx-server-sdk', 'exceljs', 'write-excel-file'].map((f) => [f, requireCost('./index.js', apiDir, [], `./vendor/${f}.js`).thenMs!]),
    );
    const plain = timeRequire('./cloudfunctions/api/index.js', unbundled);
    const tsx = timeRequire('./cloudfunctions/api/index.ts', root, ['-r', 'tsx/cjs']);
    return {
      apiBundleBytes: report.functions.api.bytes,
      sweepBundleBytes: report.functions.sweep.bytes,
      vendorBytes: Object.fromEntries(Object.entries(report.functions).map(([k, v]) => [k, v.vendor])),
      require: { api: { ms: api.ms, peakMiB: api.peakMiB }, sweep: { ms: sweep.ms, peakMiB: sweep.peakMiB }, wxServerSdk: { ms: wxServerSdk.ms, peakMiB: wxServerSdk.peakMiB }, nodeSdk: { ms: nodeSdk.ms, peakMiB: nodeSdk.peakMiB } },
      ratioToWxServerSdk: +(api.ms / wxServerSdk.ms).toFixed(2),
      memoryBelowWxServerSdk: api.peakMiB < wxServerSdk.peakMiB,
      firstUseMs: firstUse,
      apiInputs: report.functions.api.inputs.slice(0, 15),
      miniprogramNpmBytes: Object.fromEntries(Object.entries(report.miniprogramNpm).map(([k, v]) => [k, v.bytes])),
      requireBundledMs: bundled,
      requireUnbundledMs: plain,
      unbundledFiles: sources.length,
      requireFromSourcesTsxMs: tsx,
      ratio: +(plain / bundled).toFixed(2),
      runs: RUNS,
      unbundledHow: 'each .ts compiled alone by esbuild (no bundling), dependencies from node_modules',
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
