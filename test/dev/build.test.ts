/**
 * What `npm run build` produces must deploy as-is: each function folder loads with plain
 * node and no node_modules anywhere above it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll } from '../../dev/build';

let out: string;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-build-'));
  await buildAll(out);
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe.each(['api', 'sweep'])('the %s function bundle', (name) => {
  it('has index.js, package.json without dependencies, and its config.json', () => {
    const dir = path.join(out, 'cloudfunctions', name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ main: 'index.js', dependencies: {} });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toHaveProperty('permissions');
  });
  it('loads in a fresh node process away from the repo and exports main', () => {
    const isolated = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-isolated-'));
    fs.cpSync(path.join(out, 'cloudfunctions', name), isolated, { recursive: true });
    const printed = execFileSync(process.execPath, ['-e', "process.stdout.write(typeof require('./index.js').main)"], {
      cwd: isolated,
      env: { PATH: process.env.PATH ?? '' },
    }).toString();
    expect(printed).toBe('function');
    fs.rmSync(isolated, { recursive: true, force: true });
  });
  it('carries the packages loaded on first use as vendor files that load there too, and not inside index.js', () => {
    const dir = path.join(out, 'cloudfunctions', name);
    const isolated = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-isolated-'));
    fs.cpSync(dir, isolated, { recursive: true });
    const probe = [
      "const x=require('./vendor/exceljs.js'),z=require('./vendor/jszip.js'),w=require('./vendor/write-excel-file.js'),c=require('./vendor/wx-server-sdk.js');",
      "process.stdout.write([typeof x.Workbook,typeof z.loadAsync,typeof w.default,typeof c.init,typeof c.getWXContext].join())",
    ].join('');
    const printed = execFileSync(process.execPath, ['-e', probe], { cwd: isolated, env: { PATH: process.env.PATH ?? '' } }).toString();
    expect(printed).toBe('function,function,function,function,function');
    fs.rmSync(isolated, { recursive: true, force: true });
    const index = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    // The api's index.js names it through esbuild's require shim (it is split from ES modules).
    expect(index).toContain('("./vendor/wx-server-sdk.js")');
    // wx-server-sdk's file uses the function's one node-sdk instead of bundling its own.
    expect(fs.readFileSync(path.join(dir, 'vendor', 'wx-server-sdk.js'), 'utf8')).toContain('require("./cloudbase-node-sdk.js")');
  });
});
