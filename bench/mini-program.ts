/**
 * The mini-program side: the main package's size (what WeChat downloads before the first
 * page shows) and the bytes each tab page pushes through setData on its first render.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { runCLI } from 'jest';
import type { ProbeResult } from './miniprogram/setdata-probe';

const root = path.resolve(__dirname, '..');
const mp = path.join(root, 'miniprogram');
export const PACKAGE_TARGET_BYTES = 500 * 1024;
export const SETDATA_TARGET_BYTES = 16 * 1024;

export interface PackageSize {
  /** Every file of the main package, with TypeScript counted as the JS DevTools compiles it to. */
  bytes: number;
  /** The same, minified as DevTools does on upload (project.config.json `minified: true`). */
  minifiedBytes: number;
  files: number;
  byFolder: Record<string, number>;
  excluded: string[];
}

/**
 * Everything under miniprogram/ except subpackage roots (app.json `subpackages`) and what
 * project.config.json `packOptions.ignore` leaves out (test files, fixtures), plus the
 * miniprogram_npm that `npm run build` writes.
 */
export function mainPackageSize(): PackageSize {
  const app = JSON.parse(fs.readFileSync(path.join(mp, 'app.json'), 'utf8')) as { subpackages?: Array<{ root: string }> };
  const project = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { packOptions?: { ignore?: Array<{ type: string; value: string }> } };
  const subRoots = (app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const ignore = project.packOptions?.ignore ?? [];
  const ignored = (rel: string) =>
    subRoots.some((r) => rel === r || rel.startsWith(`${r}/`)) ||
    ignore.some((i) => (i.type === 'suffix' && rel.endsWith(i.value)) || (i.type === 'folder' && (rel === i.value || rel.startsWith(`${i.value}/`))) || (i.type === 'file' && rel === i.value));
  const out: PackageSize = { bytes: 0, minifiedBytes: 0, files: 0, byFolder: {}, excluded: [...subRoots.map((r) => `${r}/ (subpackage)`), ...ignore.map((i) => `${i.type} ${i.value}`)] };
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(mp, abs).split(path.sep).join('/');
      if (ignored(rel)) continue;
      if (e.isDirectory()) {
        walk(abs);
        continue;
      }
      if (rel.endsWith('.d.ts')) continue;
      const raw = fs.readFileSync(abs);
      let bytes = raw.length;
      let minified = raw.length;
      if (rel.endsWith('.ts')) {
        bytes = Buffer.byteLength(transformSync(raw.toString(), { loader: 'ts', format: 'cjs', target: 'es2017' }).code);
        minified = Buffer.byteLength(transformSync(raw.toString(), { loader: 'ts', format: 'cjs', target: 'es2017', minify: true }).code);
      } else if (rel.endsWith('.js') && !rel.startsWith('miniprogram_npm/')) {
        minified = Buffer.byteLength(transformSync(raw.toString(), { loader: 'js', minify: true }).code);
      }
      out.bytes += bytes;
      out.minifiedBytes += minified;
      out.files += 1;
      const folder = rel.includes('/') ? rel.split('/')[0] : '(root)';
      out.byFolder[folder] = (out.byFolder[folder] ?? 0) + bytes;
    }
  };
  walk(mp);
  return out;
}

export const TAB_PAGES = ['pages/home/index', 'pages/concerns/index', 'pages/services/index', 'pages/me/index'];

/** Runs bench/miniprogram/*.probe.ts under Jest (jsdom + miniprogram-simulate), one page per file. */
export async function measureSetData(): Promise<ProbeResult[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-probe-out-'));
  process.env.LINLI_PROBE_OUT = out;
  try {
    const config = {
      rootDir: root,
      roots: ['<rootDir>/bench/miniprogram'],
      testMatch: ['<rootDir>/bench/miniprogram/*.probe.ts'],
      testEnvironment: 'jsdom',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
      moduleFileExtensions: ['ts', 'js', 'json'],
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
    };
    const { results } = await runCLI({ config: JSON.stringify(config), runInBand: true, silent: true, _: [], $0: 'bench' } as unknown as Parameters<typeof runCLI>[0], [root]);
    if (!results.success) {
      const failures = results.testResults.flatMap((t) => [t.failureMessage ?? '', ...t.testResults.flatMap((r) => r.failureMessages)]).filter(Boolean);
      throw new Error(`setData probes failed:\n${failures.join('\n').slice(0, 4000)}`);
    }
    return TAB_PAGES.map((p) => JSON.parse(fs.readFileSync(path.join(out, `${p.replace(/\//g, '_')}.json`), 'utf8')) as ProbeResult);
  } finally {
    delete process.env.LINLI_PROBE_OUT;
    fs.rmSync(out, { recursive: true, force: true });
  }
}
