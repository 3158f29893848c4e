/**
 * activity.withdraw at every crash point (as crash-points.test.ts does it): a dry run lists
 * the writes, then for each k the call dies right after write k, and either the same request
 * is sent again or, with nobody retrying, the sweep runs. Either way the end must be what one
 * clean call leaves: the sign-up withdrawn with nothing left for the sweep, its place given
 * back, the pool's counters equal to its maps, the one waiting (if any) offered the seat and
 * told once, and every step's event in `events` once.
 */
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { poolIdFor } from '../../../cloudfunctions/lib/features/activity/ids';
import type { ActivitySeatRecord, SignupRecord } from '../../../cloudfunctions/lib/features/volunteer/records';
import { crashAtEveryWrite, proofWorld, type CrashCase, type Finish } from '../support-b/crash-walk';

const HOUR = 3600_000;
const proof = proofWorld('actwd', 120);
let next = 0;
let teamId: string;

beforeAll(async () => {
  teamId = (await proof.app.ok<{ id: string }>('demo-admin', 'team.upsert', { name: '崩溃点服务队', description: '证明测试用' }, 'crashwdteam')).id;
});

async function volunteer(): Promise<string> {
  const openid = proof.world.residents[next++];
  await proof.app.ok(openid, 'volunteer.register', { name: `崩溃点志愿者${next}`, birthDate: '1970-01-01' });
  return openid;
}

/** A one-seat shift a day ahead, its seat held by one volunteer and, if `waiting`, another queued behind. */
async function setup(waiting: boolean): Promise<CrashCase> {
  const startAt = Date.now() + 24 * HOUR;
  const n = next;
  const a = await proof.app.ok<{ id: string }>('demo-admin', 'activity.upsert', {
    teamId, title: `崩溃点活动${n}`, place: '社区广场', roles: [{ key: 'r1', name: '引导员' }], shifts: [{ key: 's1', startAt, endAt: startAt + 2 * HOUR }],
    seats: [{ shift: 's1', role: 'r1', seats: 1 }], signupDeadline: startAt - HOUR,
  }, `crashwdact${n}`);
  await proof.app.ok('demo-admin', 'activity.publish', { activityId: a.id });
  const holder = await volunteer();
  const mine = await proof.app.ok<{ id: string }>(holder, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, `crashwdh${n}`);
  const waiter = waiting ? await volunteer() : null;
  const theirs = waiter ? await proof.app.ok<{ id: string }>(waiter, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, `crashwdw${n}`) : null;
  const poolId = poolIdFor(a.id, 's1', 'r1');
  return {
    send: () => proof.app.call(holder, 'activity.withdraw', { signupId: mine.id, reason: '临时有事' }),
    check(): string[] {
      const out: string[] = [];
      const s = proof.reader.doc<SignupRecord>('signups', mine.id)!;
      if (s.status !== 'withdrawn') out.push(`the sign-up is ${s.status}`);
      if (s.wakeAt !== null) out.push('the sign-up is still due for the sweep');
      const pool = proof.reader.doc<ActivitySeatRecord>('activitySeats', poolId)!;
      if (pool.holders[mine.id] || pool.waiting[mine.id]) out.push('the withdrawn sign-up still holds a place');
      if (pool.seatsLeft + Object.keys(pool.holders).length !== pool.seats) out.push(`seatsLeft ${pool.seatsLeft} with ${Object.keys(pool.holders).length} holders`);
      if (pool.waitlistCount !== pool.waitlist.length || pool.waitlist.length !== Object.keys(pool.waiting).length) out.push('the waitlist counters disagree with its maps');
      const withdrawn = proof.reader.events(`signup:${mine.id}`).filter((e) => e.type === 'activity.withdrawn');
      if (withdrawn.length !== 1) out.push(`${withdrawn.length} activity.withdrawn events`);
      if (theirs && waiter) {
        const t = proof.reader.doc<SignupRecord>('signups', theirs.id)!;
        if (t.status !== 'offered') out.push(`the one waiting is ${t.status}, not offered`);
        if (pool.holders[theirs.id] !== t.claim) out.push('the one waiting does not hold the seat');
        const offered = proof.reader.events(`signup:${theirs.id}`).filter((e) => e.type === 'activity.offered');
        if (offered.length !== 1) out.push(`${offered.length} activity.offered events`);
        const told = proof.reader.where<{ recipientId: string; kind: string }>('inbox', 'recipientId', memberIdFor(waiter)).filter((m) => m.kind === 'activity.offered');
        if (told.length !== 1) out.push(`the one waiting was told ${told.length} times`);
      }
      return out;
    },
  };
}

/** A retry after the withdrawal was finished is told it is over (CLOSED). */
const visit = (waiting: boolean, finish: Finish) => crashAtEveryWrite(proof.app, () => setup(waiting), finish, ['CLOSED']);

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
