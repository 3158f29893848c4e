/**
 * `npm run build`: bundles each cloud function into a deployable folder
 * (dist/cloudfunctions/<name>/index.js + package.json + config.json) that runs with no
 * node_modules, and bundles the mini-program's npm dependencies into miniprogram_npm so
 * DevTools needs no "构建 npm" step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, transform, type Metafile, type Plugin } from 'esbuild';
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

const contractsFile = path.join(root, 'miniprogram', 'core', 'contracts.ts');
const manifestsFile = path.join(root, 'cloudfunctions', 'lib', 'manifests.ts');
const sourceOf = (resolveDir: string, spec: string) => path.resolve(resolveDir, spec).replace(/(\.ts)?$/, '.ts');

/**
 * The contract table as contracts.ts writes it: each action name → (module, export), read
 * from its source. Checked against the table itself, so a line the pattern misread fails the
 * build instead of shipping a wrong contract.
 */
export async function contractEntries(): Promise<Array<{ name: string; module: string; member: string }>> {
  const source = fs.readFileSync(contractsFile, 'utf8');
  const modules = new Map([...source.matchAll(/^import \* as (\w+) from '(\.[^']+)';$/gm)].map((m) => [m[1], m[2]]));
  const entries = [...source.matchAll(/^ {2}'([\w.]+)': (\w+)\.(\w+),$/gm)].map((m) => {
    const module = modules.get(m[2]);
    if (!module) throw new Error(`contracts.ts: ${m[1]} names ${m[2]}, which is not an \`import * as\``);
    return { name: m[1], module, member: m[3] };
  });
  const { contracts } = (await import('../miniprogram/core/contracts')) as { contracts: Record<string, unknown> };
  const names = entries.map((e) => e.name);
  if (names.length !== Object.keys(contracts).length || names.some((n) => !(n in contracts))) {
    throw new Error('contracts.ts: its table is written in a way the lazy contract table cannot read (one `\'name\': module.member,` per line)');
  }
  for (const e of entries) {
    const mod = (await import(sourceOf(path.dirname(contractsFile), e.module))) as Record<string, unknown>;
    if (mod[e.member] !== contracts[e.name]) throw new Error(`contracts.ts: ${e.name} is not ${e.module}.${e.member}`);
  }
  return entries;
}

/**
 * The `api` function's contract table loads each contract module when one of its contracts
 * is first read: esbuild wraps a module reached only through `require()` in a function in an
 * initializer that runs on that first `require`, so the schemas of features nobody has
 * called yet are not built at start-up. Same modules, same schema objects (one schema for
 * device and server): only when they are built differs.
 */
const lazyContracts: Plugin = {
  name: 'contracts-on-first-use',
  setup(b) {
    b.onResolve({ filter: /\/contracts$/ }, (args) =>
      args.namespace === 'file' && sourceOf(args.resolveDir, args.path) === contractsFile ? { path: contractsFile, namespace: 'linli-contracts' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'linli-contracts' }, async () => {
      const entries = await contractEntries();
      const modules = [...new Set(entries.map((e) => e.module))];
      const loaders = modules.map((m, i) => `  ${i}: () => require(${JSON.stringify(m)}),`).join('\n');
      const table = JSON.stringify(entries.map((e) => [e.name, modules.indexOf(e.module), e.member]));
      return {
        contents: [
          'const loaders = {', loaders, '};',
          'const loaded = {};',
          'export const contracts = {};',
          `for (const [name, m, member] of ${table}) {`,
          '  Object.defineProperty(contracts, name, { enumerable: true, get: () => (loaded[m] ??= loaders[m]())[member] });',
          '}',
        ].join('\n'),
        resolveDir: path.dirname(contractsFile),
        loader: 'js',
      };
    });
  },
};

/** The file a feature's manifest becomes in the split api bundle. */
const featureFile = (name: string) => `feature-${name}.js`;

/**
 * manifests.ts for the `api` function: the same tables (registry.ts) over the index of the
 * manifests taken at build time, each feature's manifest — its handlers and, through them,
 * its contracts — `require`d from its own file (buildSplit) on the first call of one of its
 * actions or hooks. The manifests
 * are checked (checkManifests) when the build imports them, so an incomplete one fails the
 * build as it failed the start.
 */
const lazyManifests: Plugin = {
  name: 'manifests-on-first-use',
  setup(b) {
    // Each feature is its own file beside index.js (featureFile, buildSplit), required by name.
    b.onResolve({ filter: /^\.\/feature-[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /\/manifests$/ }, (args) =>
      args.namespace === 'file' && sourceOf(args.resolveDir, args.path) === manifestsFile ? { path: manifestsFile, namespace: 'linli-manifests' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'linli-manifests' }, async () => {
      const { FEATURES, MANIFEST_INDEX } = await import('../cloudfunctions/lib/manifests');
      const loaders: string[] = [];
      for (const [name, manifest] of Object.entries(FEATURES)) {
        const file = `./features/${name}/manifest`;
        const member = `${name}Manifest`;
        const mod = (await import(sourceOf(path.dirname(manifestsFile), file))) as Record<string, unknown>;
        if (mod[member] !== manifest) throw new Error(`manifests.ts: feature ${name} must be ${file}.ts's export ${member}`);
        loaders.push(`  ${JSON.stringify(name)}: () => require(${JSON.stringify(`./${featureFile(name)}`)}).${member},`);
      }
      return {
        contents: [
          "import { createRegistry } from './registry';",
          'const loaders = {', ...loaders, '};',
          'const loaded = {};',
          `const registry = createRegistry(${JSON.stringify(MANIFEST_INDEX)}, (feature) => (loaded[feature] ??= loaders[feature]()));`,
          'export const { lookupAction, actionNames, COLLECTIONS, DEFAULT_RATE_LIMITS, templateForKind, FEATURE_REGISTRY } = registry;',
        ].join('\n'),
        resolveDir: path.dirname(manifestsFile),
        loader: 'js',
      };
    });
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

/**
 * What a function's bundle is built with. The api function builds each feature's schemas and
 * handlers on its first call; the sweep runs every feature's jobs, so it loads them all
 * either way and keeps the plain tables.
 */
function functionPlugins(name: string): Plugin[] {
  return [vendorFiles(null), onlyChineseLocale, narrowZod, ...(name === 'api' ? [lazyContracts, lazyManifests] : [])];
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

/**
 * The inputs a `require` of the bundle evaluates before returning: those reached from the
 * entry through `import` statements. A module reached only through a `require()` call
 * waits in an initializer until that call runs.
 */
export function eagerInputs(metafile: Metafile): string[] {
  const entry = Object.values(metafile.outputs).find((o) => o.entryPoint?.endsWith('/index.ts'))?.entryPoint;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  if (entry) visit(entry);
  return [...seen].sort();
}

export interface BuildReport {
  /**
   * bytes: what a require of index.js reads (index.js and the files it imports at once);
   * totalBytes and files: every file of the bundle; inputs: what they are made of; vendor,
   * each vendor file's bytes; eager: the inputs evaluated when index.js is required.
   */
  functions: Record<string, { bytes: number; totalBytes: number; files: number; inputs: InputsByPackage; vendor: Record<string, number>; eager: string[] }>;
  miniprogramNpm: Record<string, { bytes: number }>;
}

/** What each function's bundles share: node, minified, names kept for stack traces. */
const FUNCTION_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  minify: true,
  keepNames: true,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  // `import()` of a vendor file as a `require` with esbuild's interop, exactly as when it
  // was bundled in (a native import() of a CommonJS file wraps its exports once more).
  supported: { 'dynamic-import': false },
} as const;

type Bundled = Omit<BuildReport['functions'][string], 'vendor'>;

/** One index.js with everything (the sweep: it runs every feature's jobs). */
async function buildOne(name: string, outDir: string): Promise<Bundled> {
  const result = await build({
    ...FUNCTION_OPTIONS,
    entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    format: 'cjs',
    // The functions speak Chinese only, as the device does (zod's other locales were a third
    // of index.js, compiled on every cold start), and name a few dozen of zod's builders.
    plugins: functionPlugins(name),
  });
  const bytes = fs.statSync(path.join(outDir, 'index.js')).size;
  return { bytes, totalBytes: bytes, files: 1, inputs: inputsByPackage(result.metafile), eager: eagerInputs(result.metafile) };
}

/**
 * The api function as index.js and one file per feature (feature-<name>.js), with the code
 * they share in chunk files: V8 compiles (at least pre-parses) all of a script it loads, so a
 * feature's code in index.js cost every cold start even while it waited in an initializer.
 * esbuild splits only ES modules: it bundles them so, and each file is then turned into
 * CommonJS (require, and Node's module cache gives every file the one copy of each module
 * they share). A feature's file is required on the first call that needs it (lazyManifests).
 */
export async function buildSplit(
  name: string,
  outDir: string,
  /** For tests: more entries bundled with the function, and plugins run before its own. */
  extra: { entries?: Array<{ in: string; out: string }>; plugins?: Plugin[] } = {},
): Promise<Bundled> {
  const { FEATURES } = await import('../cloudfunctions/lib/manifests');
  const result = await build({
    ...FUNCTION_OPTIONS,
    entryPoints: [
      { in: path.join(root, 'cloudfunctions', name, 'index.ts'), out: 'index' },
      ...Object.keys(FEATURES).map((f) => ({ in: path.join(root, 'cloudfunctions/lib/features', f, 'manifest.ts'), out: featureFile(f).replace(/\.js$/, '') })),
      ...(extra.entries ?? []),
    ],
    outdir: outDir,
    // Flat beside index.js, so `./vendor/<file>.js` names the same file from each of them.
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    splitting: true,
    plugins: [...(extra.plugins ?? []), ...functionPlugins(name)],
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  for (const [file] of outputs) {
    const code = fs.readFileSync(file, 'utf8');
    const cjs = await transform(code, { format: 'cjs', target: 'node16', minify: true, supported: { 'dynamic-import': false } });
    fs.writeFileSync(file, cjs.code);
  }
  // What a require of index.js reads: it and the chunks it imports, transitively.
  const byName = new Map(outputs.map(([file, o]) => [path.resolve(file), o]));
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const i of byName.get(file)?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(path.resolve(i.path));
  };
  visit(path.join(outDir, 'index.js'));
  const size = (file: string) => fs.statSync(file).size;
  return {
    bytes: [...loaded].reduce((n, f) => n + size(f), 0),
    totalBytes: [...byName.keys()].reduce((n, f) => n + size(f), 0),
    files: byName.size,
    inputs: inputsByPackage(result.metafile),
    eager: eagerInputs(result.metafile),
  };
}

/** One module for the mini-program: ES2017 CommonJS, minified, zod's zh-CN locale only. */
function buildForDevice(contents: string, outfile: string) {
  return build({
    stdin: { contents, resolveDir: root },
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
}

export async function buildAll(outRoot = path.join(root, 'dist')): Promise<BuildReport> {
  const report: BuildReport = { functions: {}, miniprogramNpm: {} };
  for (const name of FUNCTIONS) {
    const outDir = path.join(outRoot, 'cloudfunctions', name);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const bundled = name === 'api' ? await buildSplit(name, outDir) : await buildOne(name, outDir);
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
    report.functions[name] = { ...bundled, vendor };
  }

  const npmRoot = path.join(root, 'miniprogram', 'miniprogram_npm');
  // A module no longer vendored must not linger in a checkout and be shipped from there.
  for (const stale of fs.existsSync(npmRoot) ? fs.readdirSync(npmRoot) : []) {
    if (!(MINIPROGRAM_NPM as readonly string[]).includes(stale)) fs.rmSync(path.join(npmRoot, stale), { recursive: true, force: true });
  }
  for (const name of MINIPROGRAM_NPM) {
    const outDir = path.join(npmRoot, name);
    fs.rmSync(outDir, { recursive: true, force: true });
    await buildForDevice(miniprogramNpmEntry(name), path.join(outDir, 'index.js'));
    report.miniprogramNpm[name] = { bytes: fs.statSync(path.join(outDir, 'index.js')).size };
  }
  fs.rmSync(path.join(root, 'miniprogram', 'vendor'), { recursive: true, force: true });
  for (const [dir, entry] of Object.entries(DEVICE_VENDOR)) {
    const outfile = path.join(root, 'miniprogram', dir, 'index.js');
    await buildForDevice(entry(), outfile);
    report.miniprogramNpm[dir] = { bytes: fs.statSync(outfile).size };
  }
  return report;
}

// Run directly (`npm run build`), not when imported by tests or the benchmark.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  buildAll()
    .then((report) => {
      for (const [name, { bytes, totalBytes, files, vendor }] of Object.entries(report.functions)) {
        const rest = files > 1 ? ` read by require (${files} files, ${(totalBytes / 1024).toFixed(1)} KB in all)` : '';
        console.log(`cloudfunctions/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB${rest}`);
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
