/**
 * `npm run build`: bundles each cloud function into a deployable folder
 * (dist/cloudfunctions/<name>/index.js + package.json + config.json) that runs with no
 * node_modules, and bundles the mini-program's npm dependencies into miniprogram_npm so
 * DevTools needs no "构建 npm" step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { z as zodApi } from 'zod';

const root = path.resolve(__dirname, '..');
const FUNCTIONS = ['api', 'sweep'] as const;
// Vendor modules the mini-program imports; each becomes miniprogram_npm/<name>/index.js.
// (No page imports dayjs: the server formats times, the device uses services/dates.ts.)
// qrcode-generator is not among them: it is a subpackage (DEVICE_VENDOR).
const MINIPROGRAM_NPM = ['zod'] as const;

/**
 * The device reaches zod only through core/schema.ts's `z`, and calls a dozen of its
 * builders. Exporting just the ones the mini-program's sources name (`z.<name>`) lets
 * esbuild leave out the rest of zod (JSON Schema, codecs, ISO and format builders…):
 * ≈250 KB → ≈105 KB. The schemas are the same code on both sides; only the device's copy
 * of the library is narrower. Found by scanning, so a contract that starts using another
 * builder gets it in the next build.
 */
export function deviceZodNames(dir = path.join(root, 'miniprogram')): string[] {
  const zod = zodApi as unknown as Record<string, unknown>;
  const names = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'miniprogram_npm') continue;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        for (const m of fs.readFileSync(abs, 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
      }
    }
  };
  walk(dir);
  // Type-only names (z.output, z.infer…) are not values of zod and drop out here.
  return [...names].filter((n) => zod[n] !== undefined).sort();
}

function miniprogramNpmEntry(name: string): string {
  if (name !== 'zod') return `module.exports = require(${JSON.stringify(name)});`;
  // What the device's `import { z } from 'zod'` gets: the stand-in that records the
  // contracts' schemas until zod itself arrives from its subpackage (DEVICE_ZOD_FILE).
  return "export { z, whenLoaded, isLoaded } from './miniprogram/services/lazy-zod';\n";
}

function deviceZodEntry(): string {
  const fields = deviceZodNames().map((n) => `${JSON.stringify(n)}: zod[${JSON.stringify(n)}]`);
  return `import * as zod from 'zod';\nexport const z = { ${fields.join(', ')} };\n`;
}

/**
 * Libraries the device fetches with `require.async`, each a subpackage without pages (app.json
 * roots vendor/<name>) so they are not in the main package: zod itself (≈125 KB, fetched from
 * launch on, see services/lazy-zod.ts) and the QR encoder (≈20 KB, fetched by the screens that
 * draw a code, see services/certificate-image.ts).
 */
const DEVICE_VENDOR: Record<string, () => string> = {
  'vendor/zod': deviceZodEntry,
  'vendor/qr': () => "module.exports = require('qrcode-generator');",
};

/**
 * The functions narrowed the same way: their `z` carries only the builders the contract and
 * the server's own sources name (scanned as for the device), so what is left of zod is what
 * a cold start must compile. zod's own modules still import the whole of it, unnarrowed.
 */
const narrowZod: Plugin = {
  name: 'zod-named-builders',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) =>
      args.namespace === 'linli-zod' || args.importer.includes(`${path.sep}node_modules${path.sep}`) ? undefined : { path: 'zod', namespace: 'linli-zod' },
    );
    b.onLoad({ filter: /.*/, namespace: 'linli-zod' }, () => {
      const names = [...new Set([...deviceZodNames(path.join(root, 'miniprogram')), ...deviceZodNames(path.join(root, 'cloudfunctions'))])].sort();
      const fields = names.map((n) => `${JSON.stringify(n)}: zod[${JSON.stringify(n)}]`);
      return { contents: `import * as zod from 'zod';\nexport const z = { ${fields.join(', ')} };\n`, resolveDir: root, loader: 'js' };
    });
  },
};

/**
 * zod's classic API re-exports every locale (≈320 KB minified). The mini-program and the
 * functions speak only Chinese, so `z.locales` is narrowed to zh-CN in every bundle.
 */
const onlyChineseLocale: Plugin = {
  name: 'zod-zh-cn-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.c?js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales-zh-cn', namespace: 'linli' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'linli' }, () => ({
      contents: "export { default as zhCN } from 'zod/v4/locales/zh-CN.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * Packages each function folder carries as vendor/<file>.js beside index.js instead of
 * inside it. V8 compiles all of a script when it loads, so code that only some calls run
 * still cost start-up while it sat in index.js; in its own file it is read and compiled when
 * first required (the project loads those with `import()` where they are used; node-sdk
 * with a plain `require` on the first call, see wiring/production.ts). wx-server-sdk, which
 * wraps node-sdk, is handed the same file.
 */
const VENDOR: Record<string, string> = {
  '@cloudbase/node-sdk': 'cloudbase-node-sdk',
  'wx-server-sdk': 'wx-server-sdk',
  exceljs: 'exceljs',
  jszip: 'jszip',
  'write-excel-file/node': 'write-excel-file',
};

/**
 * Sends the project's imports of a VENDOR package to its file. wx-server-sdk pins its own
 * @cloudbase/node-sdk (3.17.2, against our 3.18.3), so bundled as it was the function carried
 * two copies of the SDK; its import of node-sdk gets ours too. The two versions differ in
 * accessKey support and logging, not in the calls it makes (their src/wx/index.ts is the same).
 */
function vendorFiles(self: string | null): Plugin {
  return {
    name: 'vendor-files',
    setup(b) {
      const names = Object.keys(VENDOR).map((n) => n.replace(/[/.]/g, '\\$&'));
      b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => {
        if (args.path === self) return undefined;
        const fromProject = !args.importer.includes(`${path.sep}node_modules${path.sep}`);
        const wxToSdk = args.path === '@cloudbase/node-sdk' && args.importer.includes(`${path.sep}wx-server-sdk${path.sep}`);
        if (!fromProject && !wxToSdk) return undefined;
        return { path: `${self === null ? './vendor/' : './'}${VENDOR[args.path]}.js`, external: true };
      });
    },
  };
}

/** Bytes of the output each package accounts for, largest first (from esbuild's metafile). */
export type InputsByPackage = Array<{ name: string; bytes: number }>;

export function inputsByPackage(metafile: Metafile): InputsByPackage {
  const by = new Map<string, number>();
  for (const out of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
      // The last node_modules/<pkg> of the path names the package; a nested copy shows its parent.
      const parts = file.split('node_modules/').slice(1).map((p) => p.split('/').slice(0, p.startsWith('@') ? 2 : 1).join('/'));
      const name = parts.length === 0 ? '(project)' : parts.join(' > ');
      by.set(name, (by.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export interface BuildReport {
  /** index.js's bytes and what they are made of; vendor, each vendor file's bytes. */
  functions: Record<string, { bytes: number; inputs: InputsByPackage; vendor: Record<string, number> }>;
  miniprogramNpm: Record<string, { bytes: number }>;
}

export async function buildAll(outRoot = path.join(root, 'dist')): Promise<BuildReport> {
  const report: BuildReport = { functions: {}, miniprogramNpm: {} };
  for (const name of FUNCTIONS) {
    const outDir = path.join(outRoot, 'cloudfunctions', name);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const result = await build({
      entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
      outfile: path.join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      keepNames: true,
      legalComments: 'linked',
      logLevel: 'warning',
      metafile: true,
      // The functions speak Chinese only, as the device does (zod's other locales were a third
      // of index.js, compiled on every cold start), and name a few dozen of zod's builders.
      plugins: [vendorFiles(null), onlyChineseLocale, narrowZod],
      // `import()` of a vendor file as a `require` with esbuild's interop, exactly as when it
      // was bundled in (a native import() of a CommonJS file wraps its exports once more).
      supported: { 'dynamic-import': false },
    });
    const vendor: Record<string, number> = {};
    for (const [pkg, file] of Object.entries(VENDOR)) {
      const outfile = path.join(outDir, 'vendor', `${file}.js`);
      await build({
        stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: root },
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        minify: true,
        keepNames: true,
        legalComments: 'linked',
        logLevel: 'warning',
        plugins: [vendorFiles(pkg)],
      });
      vendor[file] = fs.statSync(outfile).size;
    }
    fs.copyFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), path.join(outDir, 'config.json'));
    fs.writeFileSync(
      path.join(outDir, 'package.json'),
      `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: {} }, null, 2)}\n`,
    );
    report.functions[name] = { bytes: fs.statSync(path.join(outDir, 'index.js')).size, inputs: inputsByPackage(result.metafile), vendor };
  }

  const npmRoot = path.join(root, 'miniprogram', 'miniprogram_npm');
  // A module no longer vendored must not linger in a checkout and be shipped from there.
  for (const stale of fs.existsSync(npmRoot) ? fs.readdirSync(npmRoot) : []) {
    if (!(MINIPROGRAM_NPM as readonly string[]).includes(stale)) fs.rmSync(path.join(npmRoot, stale), { recursive: true, force: true });
  }
  for (const name of MINIPROGRAM_NPM) {
    const outDir = path.join(npmRoot, name);
    fs.rmSync(outDir, { recursive: true, force: true });
    await build({
      stdin: { contents: miniprogramNpmEntry(name), resolveDir: root },
      outfile: path.join(outDir, 'index.js'),
      bundle: true,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      plugins: [onlyChineseLocale],
      target: 'es2017',
      format: 'cjs',
      minify: true,
      logLevel: 'warning',
    });
    report.miniprogramNpm[name] = { bytes: fs.statSync(path.join(outDir, 'index.js')).size };
  }
  fs.rmSync(path.join(root, 'miniprogram', 'vendor'), { recursive: true, force: true });
  for (const [dir, entry] of Object.entries(DEVICE_VENDOR)) {
    const outfile = path.join(root, 'miniprogram', dir, 'index.js');
    await build({
      stdin: { contents: entry(), resolveDir: root },
      outfile,
      bundle: true,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      plugins: [onlyChineseLocale],
      target: 'es2017',
      format: 'cjs',
      minify: true,
      logLevel: 'warning',
    });
    report.miniprogramNpm[dir] = { bytes: fs.statSync(outfile).size };
  }
  return report;
}

// Run directly (`npm run build`), not when imported by tests or the benchmark.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  buildAll()
    .then((report) => {
      for (const [name, { bytes, vendor }] of Object.entries(report.functions)) {
        console.log(`cloudfunctions/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB`);
        for (const [file, b] of Object.entries(vendor)) console.log(`cloudfunctions/${name}/vendor/${file}.js  ${(b / 1024).toFixed(1)} KB`);
      }
      for (const [name, { bytes }] of Object.entries(report.miniprogramNpm)) {
        console.log(`miniprogram_npm/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB`);
      }
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
