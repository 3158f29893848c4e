/**
 * Volunteer sign-up across processes: three gateway processes on one SQLite file (as
 * CloudBase runs many instances of `api`), 500 volunteers racing for a role of 5 seats in a
 * random interleaving, then two withdrawals racing on different processes. What the
 * responses said is reconciled against what the database holds.
 *
 * Seeded: a failing run prints `PROOF_SEED=<n>`; set it to replay the same order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiFunction } from '../../../cloudfunctions/lib/api-function';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import type { ActivitySeatRecord, SignupRecord } from '../../../cloudfunctions/lib/features/volunteer/records';
import type { Envelope } from '../../../miniprogram/core/envelope';
import type { SignupView } from '../../../miniprogram/core/volunteer/contract';
import { localDeps } from '../../../dev/local-deps';
import { volunteerRecord } from '../../support/volunteering';
import { DbReader } from '../support-b/checks';
import { callApi, startGateway, type GatewayProcess, type Reply } from '../support-b/gateways';
import { baseSeed, interleave, rng } from '../support-b/rng';
import { prepareWorld } from '../support-b/world';

const PROCESSES = 3;
const CROWD = 500;
const SEATS = 5;
const HOUR = 3600_000;

const SEED = baseSeed();
let dir: string;
let file: string;
let crowd: string[];
let activityId: string;
let gateways: GatewayProcess[] = [];
let reader: DbReader;
const replay = () => `(replay with PROOF_SEED=${SEED})`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-vol-'));
  file = path.join(dir, 'linli.sqlite');
  const world = await prepareWorld(file, { residents: CROWD, residentPrefix: 'proof-volunteer' });
  crowd = world.residents;
  // Volunteers written straight to the store; the team and the activity through the api.
  const deps = localDeps({ filename: file, quiet: true });
  try {
    const now = deps.clock.now();
    const insert = deps.store.db.prepare('INSERT OR IGNORE INTO "c_volunteers" (id, doc) VALUES (?, ?)');
    deps.store.db.transaction(() => {
      crowd.forEach((openid, i) => {
        const v = volunteerRecord(openid, i, now);
        insert.run(v._id, JSON.stringify(v));
      });
    })();
    const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
    const ok = async <T>(action: string, data: unknown, idempotencyKey?: string): Promise<T> => {
      const res = (await api({ action, data, idempotencyKey }, { openid: 'demo-admin' })) as Envelope<T>;
      if (!res.ok) throw new Error(`prepare: ${action}: ${res.error.code} ${res.error.message}`);
      return res.data;
    };
    const team = await ok<{ id: string }>('team.upsert', { name: '证明服务队' }, 'proofvolteam1');
    const startAt = now + 48 * HOUR;
    const draft = await ok<{ id: string }>('activity.upsert', {
      teamId: team.id, title: '证明活动', place: '社区广场', roles: [{ key: 'r1', name: '引导员' }],
      shifts: [{ key: 's1', startAt, endAt: startAt + 2 * HOUR }], seats: [{ shift: 's1', role: 'r1', seats: SEATS }], signupDeadline: startAt - HOUR,
    }, 'proofvolactivity1');
    await ok('activity.publish', { activityId: draft.id });
    activityId = draft.id;
  } finally {
    deps.store.close();
  }
  gateways = await Promise.all(Array.from({ length: PROCESSES }, () => startGateway(file)));
  reader = new DbReader(file);
  console.info(`proof/volunteer-signup: seed ${SEED}; ${PROCESSES} gateways ready in ${gateways.map((g) => g.startMs).join('/')} ms`);
}, 120_000);

afterAll(async () => {
  reader?.close();
  await Promise.all(gateways.map((g) => g.stop()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 20_000);

const poolId = () => `as_${activityId}_s1_r1`;

describe('500 volunteers sign up for 5 seats through three processes', () => {
  let results: Reply<SignupView>[];

  it('books exactly 5 and waitlists the other 495 in one order', async () => {
    const r = rng(SEED);
    results = await interleave(r, crowd.map((p, i) => () => callApi<SignupView>(r.pick(gateways).url, p, 'activity.signup', { activityId, shiftId: 's1', roleId: 'r1' }, `volcrowd${i}x${SEED}`)));
    const bad = results.filter((x) => !x.ok).map((x) => (!x.ok ? `${x.error.code}:${x.error.message}` : ''));
    if (bad.length) throw new Error(`${bad.length} refused ${replay()}: ${[...new Set(bad)].join('; ')}`);
    const views = results.map((x) => (x.ok ? x.data : null)!);
    expect(views.filter((v) => v.status === 'booked')).toHaveLength(SEATS);
    const waiting = views.filter((v) => v.status === 'waitlisted');
    expect(waiting).toHaveLength(CROWD - SEATS);

    const pool = reader.doc<ActivitySeatRecord>('activitySeats', poolId())!;
    const signups = reader.where<SignupRecord>('signups', 'activityId', activityId);
    expect(pool.seatsLeft).toBe(0);
    expect(Object.keys(pool.holders).sort()).toEqual(signups.filter((s) => s.status === 'booked').map((s) => s._id).sort());
    expect(pool.waitlistCount).toBe(CROWD - SEATS);
    expect([...pool.waitlist].sort()).toEqual(signups.filter((s) => s.status === 'waitlisted').map((s) => s._id).sort());
    // Each answer named the caller's own sign-up; nobody left the queue during the crowd, so
    // every position told is distinct and is exactly the caller's place in the pool's order.
    results.forEach((x, i) => x.ok && expect(signups.find((s) => s._id === x.data.id)?.memberId).toBe(memberIdFor(crowd[i])));
    const positions = waiting.map((v) => v.waitlist!.position);
    expect(new Set(positions).size).toBe(positions.length);
    for (const v of waiting) expect(pool.waitlist.indexOf(v.id) + 1).toBe(v.waitlist!.position);
  }, 120_000);

  it('promotes two different people, each once, when two withdrawals race on different processes', async () => {
    const booked = results.map((x, i) => ({ x, i })).filter(({ x }) => x.ok && x.data.status === 'booked').slice(0, 2);
    const head = reader.doc<ActivitySeatRecord>('activitySeats', poolId())!.waitlist.slice(0, 2);
    const out = await Promise.all(booked.map(({ x, i }, k) => callApi(gateways[k].url, crowd[i], 'activity.withdraw', { signupId: x.ok ? x.data.id : '', reason: '临时有事去不了' })));
    expect(out.every((o) => o.ok)).toBe(true);
    const signups = reader.where<SignupRecord>('signups', 'activityId', activityId);
    const offered = signups.filter((s) => s.status === 'offered').map((s) => s._id);
    expect(offered.sort()).toEqual([...head].sort());
    for (const id of head) expect(reader.events(`signup:${id}`).filter((e) => e.type === 'activity.offered')).toHaveLength(1);
    const pool = reader.doc<ActivitySeatRecord>('activitySeats', poolId())!;
    expect(pool.seatsLeft).toBe(0);
    expect(pool.waitlistCount).toBe(CROWD - SEATS - 2);
  }, 60_000);
});
