/**
 * The `api` bundle builds a feature's contracts and handlers on the first call that needs
 * them, not when the function starts (bench: cold start). These tests hold that in place:
 * what `require('./index.js')` evaluates (esbuild's import graph), and, in a probe bundled
 * with the api's own plugins and every contract and manifest module marking when its code
 * ran, what evaluates when. Whichever feature is loaded first, its actions come out as the
 * plain tables give them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { buildAll, buildSplit, type BuildReport } from '../../dev/build';
import { FEATURES, FEATURE_REGISTRY, actionNames, lookupAction } from '../../cloudfunctions/lib/manifests';

const root = path.resolve(__dirname, '../..');
let out: string;
let report: BuildReport;
let probe: string;

/** Each contract or manifest module, when its top-level code runs, says so. */
const marking: Plugin = {
  name: 'mark-evaluation',
  setup(b) {
    b.onLoad({ filter: /(features\/[^/]+\/manifest|miniprogram\/core\/.*contract)\.ts$/ }, (args) => ({
      contents: `${fs.readFileSync(args.path, 'utf8')}\n;(globalThis.__evaluated ??= []).push(${JSON.stringify(path.relative(root, args.path))});\n`,
      loader: 'ts',
    }));
  },
};

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-lazy-'));
  report = await buildAll(out);
  // The api bundle as it is built, with one more entry that hands out its tables.
  const probeDir = path.join(out, 'probe');
  fs.mkdirSync(probeDir);
  const entry = path.join(probeDir, 'probe-entry.ts');
  fs.writeFileSync(entry, `export { lookupAction, actionNames, FEATURE_REGISTRY } from ${JSON.stringify(path.join(root, 'cloudfunctions/lib/manifests'))};\n`);
  await buildSplit('api', probeDir, { entries: [{ in: entry, out: 'probe' }], plugins: [marking] });
  probe = path.join(probeDir, 'probe.js');
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Runs `script` in a fresh node process with the probe as `p`; returns what it printed (JSON). */
function inProbe<T>(script: string): T {
  const code = `const p=require(${JSON.stringify(probe)});const ev=()=>globalThis.__evaluated??[];${script}`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code]).toString()) as T;
}

describe('what the api bundle evaluates when it is required', () => {
  it('reaches no feature manifest, handler or action contract through its imports', () => {
    const eager = report.functions.api.eager;
    expect(eager.length).toBeGreaterThan(0);
    expect(eager.filter((f) => /features\/[^/]+\/manifest\.ts$/.test(f))).toEqual([]);
    // What the wiring needs from the start: the notice templates' keys (notify/templates.ts).
    expect(eager.filter((f) => /miniprogram\/core\/.*contract\.ts$/.test(f))).toEqual(['miniprogram/core/notify/contract.ts']);
  });
  it('reads no feature file when required, nor on a call no feature answers; a feature file on its first action', () => {
    const dir = path.join(out, 'cloudfunctions/api');
    const script = [
      "const files=()=>Object.keys(require.cache).map((f)=>require('path').basename(f)).filter((f)=>f.startsWith('feature-'));",
      "const api=require('./index.js');const atLoad=files();",
      "api.main({action:'nope'},{}).then(async(r)=>{const unknown=files();const refused=await api.main({action:'concern.submit',data:{}},{});",
      'process.stdout.write(JSON.stringify({atLoad,unknown,code:r.error.code,after:files(),refused:refused.error.code}))})',
    ].join('');
    const seen = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }).toString().split('\n').pop()!);
    expect(seen).toEqual({ atLoad: [], unknown: [], code: 'UNKNOWN_ACTION', after: ['feature-concern.js'], refused: 'UNAUTHENTICATED' });
    expect(report.functions.api.files).toBe(fs.readdirSync(dir).filter((f) => f.endsWith('.js')).length);
    expect(report.functions.api.bytes).toBeLessThan(report.functions.api.totalBytes / 2);
  });
  it('keeps the sweep on the plain tables: it loads every feature', () => {
    expect(report.functions.sweep.eager.filter((f) => /features\/[^/]+\/manifest\.ts$/.test(f))).toHaveLength(Object.keys(FEATURES).length);
  });
});

describe('a feature is built on the first use of one of its actions', () => {
  it('evaluates no manifest at load, and only the called feature and its contracts on its first action', () => {
    const seen = inProbe<{ atLoad: string[]; afterVote: string[]; again: string[] }>(
      "const atLoad=[...ev()];p.lookupAction('poll.vote');const afterVote=[...ev()];p.lookupAction('poll.get');p.lookupAction('nope');p.lookupAction('__proto__');process.stdout.write(JSON.stringify({atLoad,afterVote,again:[...ev()]}))",
    );
    expect(seen.atLoad.filter((f) => f.includes('/manifest.ts'))).toEqual([]);
    // The probe is the tables alone, without the wiring (which reads the notice templates' keys).
    expect(seen.atLoad).toEqual([]);
    const manifests = seen.afterVote.filter((f) => f.includes('/manifest.ts'));
    expect(manifests).toContain('cloudfunctions/lib/features/poll/manifest.ts');
    expect(manifests).not.toContain('cloudfunctions/lib/features/concern/manifest.ts');
    expect(seen.afterVote).toContain('miniprogram/core/poll/contract.ts');
    expect(seen.afterVote).not.toContain('miniprogram/core/concern/contract.ts');
    // Another action of a loaded feature, or a name no feature has, evaluates nothing more.
    expect(seen.again).toEqual(seen.afterVote);
  });

  it('lists every action without building any', () => {
    const seen = inProbe<{ names: string[]; evaluated: string[] }>("const names=p.actionNames();process.stdout.write(JSON.stringify({names,evaluated:ev()}))");
    expect(seen.names.sort()).toEqual(actionNames().sort());
    expect(seen.evaluated.filter((f) => f.includes('/manifest.ts'))).toEqual([]);
  });

  it('gives, whichever feature is loaded first, every action as the plain table does', () => {
    const expected = actionNames()
      .sort()
      .map((name) => {
        const def = lookupAction(name)!;
        return [name, def.contract.name, [...def.contract.roles], !!def.contract.idempotent, !!def.contract.anonymous, typeof def.handler, def.contract.input.safeParse({}).success];
      });
    const features = Object.keys(FEATURES);
    for (const first of features) {
      const firstAction = actionNames().find((n) => n.startsWith(`${first}.`))!;
      const got = inProbe<unknown[]>(
        `p.lookupAction(${JSON.stringify(firstAction)});process.stdout.write(JSON.stringify(p.actionNames().sort().map((n)=>{const d=p.lookupAction(n);return [n,d.contract.name,[...d.contract.roles],!!d.contract.idempotent,!!d.contract.anonymous,typeof d.handler,d.contract.input.safeParse({}).success]})))`,
      );
      expect([first, got]).toEqual([first, expected]);
    }
  }, 120_000);

  it('loads, for a hook, the features that offer it, and gives the registry the plain one gives', () => {
    const offering = Object.values(FEATURES)
      .filter((m) => 'today' in m)
      .map((m) => `cloudfunctions/lib/features/${m.name}/manifest.ts`);
    const seen = inProbe<{ loaded: string[]; events: unknown; personal: unknown; subject: boolean; none: boolean }>(
      [
        "const r=p.FEATURE_REGISTRY;r.today({}).catch(()=>{});const loaded=ev().filter((f)=>f.includes('/manifest.ts'));",
        'const events=r.events.map((e)=>[e.feature,e.labels]);const personal=r.personalData.map((d)=>[d.feature,d.collections]);',
        "process.stdout.write(JSON.stringify({loaded,events,personal,subject:typeof r.subject('concern')?.readable==='function',none:r.subject('__proto__')===undefined}))",
      ].join(''),
    );
    for (const f of offering) expect(seen.loaded).toContain(f);
    expect(seen.events).toEqual(FEATURE_REGISTRY.events.map((e) => [e.feature, e.labels]));
    expect(seen.personal).toEqual(FEATURE_REGISTRY.personalData.map((d) => [d.feature, d.collections]));
    expect(seen).toMatchObject({ subject: true, none: true });
  });
});
