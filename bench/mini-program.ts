/**
 * The mini-program side: the main package's size (what WeChat downloads before the first
 * page shows) and the bytes each tab page pushes through setData on its first render.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCLI } from 'jest';
import type { ProbeResult } from './miniprogram/setdata-probe';

const root = path.resolve(__dirname, '..');
export const PACKAGE_TARGET_BYTES = 300 * 1024;
export const SETDATA_TARGET_BYTES = 16 * 1024;

export interface PackageSize {
  /** The main package as WeChat's compiler outputs it (dev/compile-miniprogram.ts): what the limit counts. */
  compiledBytes: number;
  /** Each subpackage, compiled the same way. */
  subpackageBytes: Record<string, number>;
  files: number;
  /** Compiled main-package bytes by top folder. */
  byFolder: Record<string, number>;
  excluded: string[];
  /** Earlier runs (before the official compiler) counted esbuild's output instead. */
  bytes?: number;
  minifiedBytes?: number;
}

/**
 * The main package as miniprogram-ci compiles it (TypeScript, ES5 pass, minification,
 * unused files dropped): everything outside the app.json subpackage roots, miniprogram_npm
 * included (the compile builds it first).
 */
export async function mainPackageSize(): Promise<PackageSize> {
  const { compileMiniprogram, PROJECT_IGNORES } = await import('../dev/compile-miniprogram');
  const r = await compileMiniprogram();
  const subRoots = Object.keys(r.subpackageBytes);
  const byFolder: Record<string, number> = {};
  let files = 0;
  for (const [name, bytes] of Object.entries(r.fileBytes)) {
    if (subRoots.some((s) => name.startsWith(`${s}/`))) continue;
    files += 1;
    const folder = name.includes('/') ? name.split('/')[0] : '(root)';
    byFolder[folder] = (byFolder[folder] ?? 0) + bytes;
  }
  return { compiledBytes: r.mainBytes, subpackageBytes: r.subpackageBytes, files, byFolder, excluded: [...subRoots.map((s) => `${s}/ (subpackage)`), ...PROJECT_IGNORES] };
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
