/**
 * Cold start of the `api` function: the size of the deployable bundle, and how long a fresh
 * Node process takes to `require` it, against the same code unbundled — each source file
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

/** Median over RUNS fresh processes of the time `require(file)` takes inside them. */
function timeRequire(file: string, cwd: string, nodeArgs: string[] = []): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const out = execFileSync(
      process.execPath,
      [...nodeArgs, '-e', `const s=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write('\\n'+String(Number(process.hrtime.bigint()-s)/1e6))`],
      { cwd, env: { ...process.env, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'bench', WX_APPID: 'bench' }, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
    samples.push(Number(out.trim().split('\n').pop()));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(RUNS / 2)];
}

export interface ColdStart {
  apiBundleBytes: number;
  sweepBundleBytes: number;
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

    const bundled = timeRequire('./index.js', path.join(out, 'cloudfunctions/api'));
    const plain = timeRequire('./cloudfunctions/api/index.js', unbundled);
    const tsx = timeRequire('./cloudfunctions/api/index.ts', root, ['-r', 'tsx/cjs']);
    return {
      apiBundleBytes: report.functions.api.bytes,
      sweepBundleBytes: report.functions.sweep.bytes,
      miniprogramNpmBytes: Object.fromEntries(Object.entries(report.miniprogramNpm).map(([k, v]) => [k, v.bytes])),
      requireBundledMs: +bundled.toFixed(1),
      requireUnbundledMs: +plain.toFixed(1),
      unbundledFiles: sources.length,
      requireFromSourcesTsxMs: +tsx.toFixed(1),
      ratio: +(plain / bundled).toFixed(2),
      runs: RUNS,
      unbundledHow: 'each .ts compiled alone by esbuild (no bundling), dependencies from node_modules',
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
