/**
 * concern.submit and concern.fileFor number by claims (kernel/numbering.ts). Besides the
 * crash-and-retry of crash-points.test.ts, a crashed intake here meets ANOTHER caller before
 * its own retry: the other caller's walk finds the dead call's claim and completes it. For
 * each crash point k: the call dies after write k, someone else takes in a concern, then the
 * first call's retry comes. After it there must be one concern per call, each with its
 * intake events, the dead call's concern numbered once, and the day's numbers 1..n without
 * gaps (reader.concernProblems). And a concern completed by another's walk has its intake
 * events before its own retry comes (they ride in the claim).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import type { ConcernRecord } from '../../../cloudfunctions/lib/features/concern/records';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { DbReader } from '../support-b/checks';
import { describeOp, inProcess, type InProcess } from '../support-b/hooked-store';
import { prepareWorld, type World } from '../support-b/world';

let dir: string;
let world: World;
let app: InProcess;
let reader: DbReader;
let next = 0;
let nextHome = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-concern-claims-'));
  const file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, { residents: 120, households: { count: 60, people: 1 } });
  app = inProcess(file);
  reader = new DbReader(file);
}, 30_000);

afterAll(() => {
  reader?.close();
  app?.deps.store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Call {
  send(): Promise<Envelope<any>>;
  id(): string | undefined;
}

/** A resident's 说事 under a fresh key. */
function submission(): Call {
  const who = world.residents[next++];
  const member = reader.doc<{ household: { buildingId: string } }>('members', memberIdFor(who))!;
  const data = { category: 'cat_demo_repair', buildingId: member.household.buildingId, text: `楼道灯坏了第${next}处，晚上看不清。` };
  const key = `claims${next}x${Date.now().toString(36)}`;
  return {
    send: () => app.call(who, 'concern.submit', data, key),
    id: () => reader.where<ConcernRecord>('concerns', 'authorId', memberIdFor(who))[0]?._id,
  };
}

/** The admin files one for a resident's household (代办), under a fresh key. */
function filing(): Call {
  const home = world.households[nextHome++];
  const who = home.openids[0];
  next += 1;
  const data = { householdId: home.householdId, residentId: memberIdFor(who), category: 'cat_demo_repair', text: `电话反映第${next}号楼下水道堵了。`, channel: 'phone', reason: '老人不会用手机' };
  const key = `claimsf${next}x${Date.now().toString(36)}`;
  return {
    send: () => app.call('demo-admin', 'concern.fileFor', data, key),
    id: () => reader.where<ConcernRecord>('concerns', 'authorId', memberIdFor(who)).find((c) => c.filedBy)?._id,
  };
}

function intakeProblems(id: string | undefined, label: string): string[] {
  if (!id) return [`${label}: no concern`];
  const types = reader.events(`concern:${id}`).map((e) => e.type);
  return ['concern.submitted', 'concern.dispatched'].filter((t) => !types.includes(t)).map((t) => `${label}: no ${t} event`);
}

async function visit(make: () => Call): Promise<{ writes: string[]; problems: string[] }> {
  // The staff member's first call of the day makes their rate document: taken first, so the
  // dry run writes what each visited call does.
  app.hooked.revive();
  await make().send();
  const dry = make();
  app.hooked.revive();
  const res = await dry.send();
  if (!res.ok) throw new Error(`clean run failed: ${res.error.code} ${res.error.message}`);
  const writes = app.hooked.writes.map(describeOp);
  const problems: string[] = [];
  for (let k = 1; k <= writes.length; k += 1) {
    const first = make();
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await first.send();
    app.hooked.revive();
    const other = make();
    const between = await other.send();
    const found: string[] = [];
    // (A notice is sent best-effort: a crash at the last one may still answer ok.)
    void crashed;
    if (!between.ok) found.push(`the other call answered ${between.error.code}`);
    // Claimed but not stored: the other caller's walk put it in place, events and all.
    const claimed = writes.slice(0, k).includes('insert counters');
    if (claimed) found.push(...intakeProblems(first.id(), 'before its retry'));
    const again = await first.send();
    if (!again.ok) found.push(`retry answered ${again.error.code}`);
    else if (again.data.id !== first.id()) found.push(`retry answered ${again.data.id}, stored ${first.id()}`);
    found.push(...intakeProblems(first.id(), 'after its retry'), ...intakeProblems(other.id(), 'the other'), ...reader.concernProblems());
    if (found.length) problems.push(`crash after write ${k} (${writes[k - 1]}): ${found.join('; ')}`);
  }
  return { writes, problems };
}

describe('concern intake: a crash, another caller, then the retry', () => {
  it('concern.submit: the other caller completes the dead claim with its events; numbers without gaps', async () => {
    const { writes, problems } = await visit(submission);
    expect(writes.slice(-4)).toEqual(['insert counters', 'insert concerns', 'insertMany events', 'insert inbox']);
    expect(problems.join('\n')).toBe('');
  }, 120_000);

  it('concern.fileFor: likewise', async () => {
    const { writes, problems } = await visit(filing);
    expect(writes.slice(-4)).toEqual(['insert counters', 'insert concerns', 'insertMany events', 'insertMany inbox']);
    expect(problems.join('\n')).toBe('');
  }, 120_000);
});
