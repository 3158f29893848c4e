/**
 * The device runs the contracts on the narrowed zod that `npm run build` writes to its own
 * subpackage (miniprogram/vendor/zod, fetched after launch; until then miniprogram_npm/zod is
 * the stand-in services/lazy-zod.ts, proven equal to it in test/miniprogram/services/
 * lazy-zod.test.ts). Every contract must build on it and answer exactly what the server's
 * full zod answers, or the device would refuse (or pass) what the server does not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildAll, deviceZodNames } from '../../dev/build';
import { contracts as serverContracts } from '../../miniprogram/core/contracts';
import { validateInput } from '../../miniprogram/core/validate';

const root = path.resolve(__dirname, '../..');
const DEVICE_ZOD = path.join(root, 'miniprogram', 'vendor', 'zod', 'index.js');
type Validate = typeof validateInput;
let device: { contracts: typeof serverContracts; validateInput: Validate };
let out: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-device-zod-'));
  await buildAll(out);
  const bundle = path.join(out, 'device-core.js');
  await build({
    stdin: { contents: "export { contracts } from './miniprogram/core/contracts'; export { validateInput } from './miniprogram/core/validate';", resolveDir: root, loader: 'ts' },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The zod the device validates with once its subpackage has arrived.
    alias: { zod: DEVICE_ZOD },
    logLevel: 'warning',
  });
  device = require(bundle);
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

it('leaves out what the device never names', () => {
  const names = deviceZodNames();
  expect(names).toEqual(expect.arrayContaining(['strictObject', 'string', 'number', 'enum', 'config', 'locales']));
  expect(names).not.toContain('toJSONSchema');
  expect(fs.statSync(DEVICE_ZOD).size).toBeLessThan(150 * 1024);
  // The main package carries only the stand-in.
  expect(fs.statSync(path.join(root, 'miniprogram', 'miniprogram_npm', 'zod', 'index.js')).size).toBeLessThan(10 * 1024);
  expect(fs.existsSync(path.join(root, 'miniprogram', 'miniprogram_npm', 'dayjs'))).toBe(false);
});

const samples: unknown[] = [undefined, {}, { cursor: '!', limit: 0 }, { id: { $ne: null } }, { text: '\u202E', title: '', limit: 5 }];

it.each(Object.keys(serverContracts))('%s answers on the device as on the server', (name) => {
  const server = serverContracts[name as keyof typeof serverContracts];
  const onDevice = device.contracts[name as keyof typeof serverContracts];
  for (const data of samples) {
    expect(device.validateInput(onDevice as never, data)).toEqual(validateInput(server as never, data));
  }
});
