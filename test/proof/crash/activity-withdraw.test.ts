/**
 * activity.withdraw at every crash point (as crash-points.test.ts does it): a dry run lists
 * the writes, then for each k the call dies right after write k, and either the same request
 * is sent again or, with nobody retrying, the sweep runs. Either way the end must be what one
 * clean call leaves: the sign-up withdrawn with nothing left for the sweep, its place given
 * back, the pool's counters equal to its maps, the one waiting (if any) offered the seat and
 * told once, and every step's event in `events` once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { poolIdFor } from '../../../cloudfunctions/lib/features/activity/ids';
import type { ActivitySeatRecord, SignupRecord } from '../../../cloudfunctions/lib/features/volunteer/records';
import { runSweep } from '../../../cloudfunctions/lib/sweep/run-sweep';
import { DbReader } from '../support-b/checks';
import { describeOp, inProcess, type InProcess } from '../support-b/hooked-store';
import { prepareWorld, type World } from '../support-b/world';

const HOUR = 3600_000;
let dir: string;
let world: World;
let app: InProcess;
let reader: DbReader;
let next = 0;
let teamId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-actwd-'));
  const file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, { residents: 120 });
  app = inProcess(file);
  reader = new DbReader(file);
  teamId = (await app.ok<{ id: string }>('demo-admin', 'team.upsert', { name: '崩溃点服务队', description: '证明测试用' }, 'crashwdteam')).id;
}, 60_000);

afterAll(() => {
  reader?.close();
  app?.deps.store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function volunteer(): Promise<string> {
  const openid = world.residents[next++];
  await app.ok(openid, 'volunteer.register', { name: `崩溃点志愿者${next}`, birthDate: '1970-01-01' });
  return openid;
}

/** A one-seat shift a day ahead, its seat held by one volunteer and, if `waiting`, another queued behind. */
async function setup(waiting: boolean) {
  const startAt = Date.now() + 24 * HOUR;
  const n = next;
  const a = await app.ok<{ id: string }>('demo-admin', 'activity.upsert', {
    teamId, title: `崩溃点活动${n}`, place: '社区广场', roles: [{ key: 'r1', name: '引导员' }], shifts: [{ key: 's1', startAt, endAt: startAt + 2 * HOUR }],
    seats: [{ shift: 's1', role: 'r1', seats: 1 }], signupDeadline: startAt - HOUR,
  }, `crashwdact${n}`);
  await app.ok('demo-admin', 'activity.publish', { activityId: a.id });
  const holder = await volunteer();
  const mine = await app.ok<{ id: string }>(holder, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, `crashwdh${n}`);
  const waiter = waiting ? await volunteer() : null;
  const theirs = waiter ? await app.ok<{ id: string }>(waiter, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, `crashwdw${n}`) : null;
  const poolId = poolIdFor(a.id, 's1', 'r1');
  return {
    send: () => app.call(holder, 'activity.withdraw', { signupId: mine.id, reason: '临时有事' }),
    check(): string[] {
      const out: string[] = [];
      const s = reader.doc<SignupRecord>('signups', mine.id)!;
      if (s.status !== 'withdrawn') out.push(`the sign-up is ${s.status}`);
      if (s.wakeAt !== null) out.push('the sign-up is still due for the sweep');
      const pool = reader.doc<ActivitySeatRecord>('activitySeats', poolId)!;
      if (pool.holders[mine.id] || pool.waiting[mine.id]) out.push('the withdrawn sign-up still holds a place');
      if (pool.seatsLeft + Object.keys(pool.holders).length !== pool.seats) out.push(`seatsLeft ${pool.seatsLeft} with ${Object.keys(pool.holders).length} holders`);
      if (pool.waitlistCount !== pool.waitlist.length || pool.waitlist.length !== Object.keys(pool.waiting).length) out.push('the waitlist counters disagree with its maps');
      const withdrawn = reader.events(`signup:${mine.id}`).filter((e) => e.type === 'activity.withdrawn');
      if (withdrawn.length !== 1) out.push(`${withdrawn.length} activity.withdrawn events`);
      if (theirs && waiter) {
        const t = reader.doc<SignupRecord>('signups', theirs.id)!;
        if (t.status !== 'offered') out.push(`the one waiting is ${t.status}, not offered`);
        if (pool.holders[theirs.id] !== t.claim) out.push('the one waiting does not hold the seat');
        const offered = reader.events(`signup:${theirs.id}`).filter((e) => e.type === 'activity.offered');
        if (offered.length !== 1) out.push(`${offered.length} activity.offered events`);
        const told = reader.where<{ recipientId: string; kind: string }>('inbox', 'recipientId', memberIdFor(waiter)).filter((m) => m.kind === 'activity.offered');
        if (told.length !== 1) out.push(`the one waiting was told ${told.length} times`);
      }
      return out;
    },
  };
}

async function visit(waiting: boolean, finish: 'retry' | 'sweep'): Promise<{ writes: string[]; problems: string[] }> {
  const dry = await setup(waiting);
  app.hooked.revive();
  const res = await dry.send();
  if (!res.ok) throw new Error(`clean run failed: ${res.error.code}`);
  const writes = app.hooked.writes.map(describeOp);
  const problems = dry.check().map((p) => `clean run: ${p}`);
  for (let k = 1; k <= writes.length; k += 1) {
    const c = await setup(waiting);
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await c.send();
    app.hooked.revive();
    const found: string[] = crashed.ok ? ['the crashed call answered ok'] : [];
    if (finish === 'retry') {
      const again = await c.send();
      // A retry after the withdrawal was finished is told it is over (CLOSED); the state is what counts.
      if (!again.ok && again.error.code !== 'CLOSED') found.push(`retry answered ${again.error.code}`);
    } else {
      await runSweep(app.deps);
    }
    found.push(...c.check());
    if (found.length) problems.push(`crash after write ${k} (${writes[k - 1]}): ${found.join('; ')}`);
  }
  return { writes, problems };
}

describe('activity.withdraw, killed after each write', () => {
  for (const waiting of [false, true]) {
    for (const finish of ['retry', 'sweep'] as const) {
      it(`${waiting ? 'with one waiting' : 'with nobody waiting'}, finished by the ${finish}`, async () => {
        const { writes, problems } = await visit(waiting, finish);
        expect(writes.length).toBeGreaterThan(2);
        expect(problems).toEqual([]);
      }, 120_000);
    }
  }
});
