/**
 * Compiles the mini-program with WeChat's own compiler (miniprogram-ci, the one DevTools
 * uses: TypeScript plugin, ES5 pass, WXML/WXSS checks, minification), offline: the project
 * is given its default attributes, a placeholder AppID and a throw-away key, so nothing is
 * asked of WeChat's servers. Any compile error fails the run. Prints the real package sizes,
 * which are what WeChat's 2 MB limit counts. `npm run compile:miniprogram`; CI runs it.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll } from './build';

const ROOT = path.resolve(__dirname, '..');

interface CiProject {
  attr(): Promise<Record<string, unknown>>;
}
interface Ci {
  Project: new (options: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores: string[] }) => CiProject;
  getCompiledResult(options: { project: CiProject; desc: string; setting: Record<string, unknown>; onProgressUpdate(m: unknown): void }, savePath?: string): Promise<Record<string, string | Buffer>>;
}

export interface CompileReport {
  files: number;
  /** Compiled bytes of every file, by its path in the package. */
  fileBytes: Record<string, number>;
  mainBytes: number;
  subpackageBytes: Record<string, number>;
  seconds: number;
}

/** Main package and each subpackage, by the roots app.json declares. */
function sizes(files: Record<string, string | Buffer>, subRoots: readonly string[]): Pick<CompileReport, 'mainBytes' | 'subpackageBytes'> {
  const subpackageBytes: Record<string, number> = Object.fromEntries(subRoots.map((r) => [r, 0]));
  let mainBytes = 0;
  for (const [name, content] of Object.entries(files)) {
    const bytes = Buffer.byteLength(content);
    const root = subRoots.find((r) => name.startsWith(`${r}/`));
    if (root) subpackageBytes[root] += bytes;
    else mainBytes += bytes;
  }
  return { mainBytes, subpackageBytes };
}

/** What no build of the mini-program carries, wherever the project folder is. */
export const PROJECT_IGNORES = ['node_modules/**/*', 'test/**/*', 'gallery/**/*', 'bench/**/*', 'cloudfunctions/**/*', 'dev/**/*', 'dist/**/*', '.gallery/**/*', '.cache/**/*', '.data/**/*', '.deploy/**/*', 'coverage/**/*'];

/** `projectPath` is the repository, or the staged copy `npm run deploy` uploads. */
export async function compileMiniprogram(projectPath = ROOT): Promise<CompileReport> {
  const started = Date.now();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-compile-'));
  try {
    // The vendored modules must exist first: miniprogram_npm/ (zod's stand-in) and the
    // page-less subpackages fetched with require.async (vendor/zod, vendor/qr).
    await buildAll(path.join(out, 'dist'));
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' });
    const keyPath = path.join(out, 'throwaway.key');
    fs.writeFileSync(keyPath, key);
    // Loaded here, not at the top: it is large and only this command needs it.
    const ci = (await import('miniprogram-ci')) as unknown as Ci;
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath,
      privateKeyPath: keyPath,
      ignores: PROJECT_IGNORES,
    });
    // Without a real key the project's attributes cannot be fetched: these are the defaults.
    project.attr = async () => ({ platform: false, appType: 0, isSandbox: false, released: false, setting: {}, gameApp: false, isGameTourist: false });
    const files = await ci.getCompiledResult({ project, desc: 'ci', setting: { useProjectConfig: true }, onProgressUpdate: () => undefined });
    const app = JSON.parse(fs.readFileSync(path.join(projectPath, 'miniprogram', 'app.json'), 'utf8')) as { subpackages?: Array<{ root: string }> };
    const roots = (app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    const fileBytes = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, Buffer.byteLength(content)]));
    return { files: Object.keys(files).length, fileBytes, ...sizes(files, roots), seconds: Math.round((Date.now() - started) / 100) / 10 };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Where the bytes are: compiled size by folder (to `depth` path parts) and the largest
 * files, so a package-size change can be aimed and checked (`--files`).
 */
export function breakdown(fileBytes: Record<string, number>, depth = 2, largest = 25): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  const folders = new Map<string, number>();
  for (const [name, bytes] of Object.entries(fileBytes)) {
    const parts = name.split('/');
    const folder = parts.length > 1 ? parts.slice(0, Math.min(depth, parts.length - 1)).join('/') : '.';
    folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  const byFolder = [...folders].sort((a, b) => b[1] - a[1]).map(([f, b]) => `${kb(b)}  ${f}/`);
  const byFile = Object.entries(fileBytes).sort((a, b) => b[1] - a[1]).slice(0, largest).map(([f, b]) => `${kb(b)}  ${f}`);
  return ['by folder:', ...byFolder, `largest ${largest} files:`, ...byFile].join('\n');
}

if (process.argv[1]?.endsWith('compile-miniprogram.ts')) {
  // miniprogram-ci asks WeChat for an extension allow-list and logs the refusal offline; the
  // compile does not depend on it.
  compileMiniprogram().then(
    (r) => {
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      if (process.argv.includes('--files')) console.log(breakdown(r.fileBytes));
      console.log(`compiled ${r.files} files in ${r.seconds} s with WeChat's compiler: main package ${kb(r.mainBytes)}${Object.entries(r.subpackageBytes).map(([k, v]) => `, ${k} ${kb(v)}`).join('')}`);
      // miniprogram-ci keeps its compiler worker alive after answering; CI must not wait on it.
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`mini-program compile failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
