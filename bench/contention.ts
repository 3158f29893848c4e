/**
 * 1,000 residents book one slot of 10 seats at the same instant: in one process (the api
 * function called directly) and through three gateway processes sharing the SQLite file,
 * as several function instances would. Reports the time to settle all of them, bookings
 * per second, and the exact count of seats, waitlist places and FULL answers. Then the same
 * two ways: 1,000 volunteers sign up for an activity role of 10 places, and 1,000 residents
 * of 500 households (two each) vote in a 一户一票 poll — each checked against the database.
 */
import type { SlotRecord } from '../cloudfunctions/lib/features/booking/records';
import type { BallotRecord, PollRecord } from '../cloudfunctions/lib/features/poll/records';
import type { ActivitySeatRecord, SignupRecord } from '../cloudfunctions/lib/features/volunteer/records';
import { callApi, startGateway, type GatewayProcess } from '../test/proof/support-b/gateways';
import { volunteerRecord } from '../test/support/volunteering';
import { benchService, bulkHouseholds, bulkResidents, type BenchWorld } from './world';

export interface ContentionRow {
  where: string;
  bookings: number;
  seats: number;
  booked: number;
  waitlisted: number;
  full: number;
  other: number;
  /** Seats taken according to the slot document itself. */
  slotHolders: number;
  ms: number;
  perSecond: number;
}

const CROWD = 1000;
const SEATS = 10;

function row(where: string, results: Array<{ ok: boolean; data?: any; error?: { code: string } }>, slot: SlotRecord, ms: number): ContentionRow {
  const booked = results.filter((r) => r.ok && r.data.status === 'booked').length;
  const waitlisted = results.filter((r) => r.ok && r.data.status === 'waitlisted').length;
  const full = results.filter((r) => !r.ok && r.error?.code === 'FULL').length;
  return {
    where, bookings: results.length, seats: SEATS, booked, waitlisted, full, other: results.length - booked - waitlisted - full,
    slotHolders: Object.keys(slot.holders).length, ms: Math.round(ms), perSecond: Math.round(results.length / (ms / 1000)),
  };
}

export async function measureContention(w: BenchWorld): Promise<ContentionRow[]> {
  const crowd = bulkResidents(w, CROWD, 'crowd-resident');
  const rows: ContentionRow[] = [];

  const inProcess = await benchService(w, '抢号基准一', SEATS);
  let t0 = performance.now();
  const local = await Promise.all(crowd.map((p, i) => w.call(p, 'booking.create', { slotId: inProcess.slots[0].id }, `crowdlocal${i}x`)));
  rows.push(row('one process (api called in-process)', local, (await w.sqlite.get<SlotRecord>('slots', inProcess.slots[0].id))!, performance.now() - t0));

  const shared = await benchService(w, '抢号基准二', SEATS);
  const gateways = await Promise.all([0, 1, 2].map(() => startGateway(w.file)));
  try {
    t0 = performance.now();
    const remote = await Promise.all(crowd.map((p, i) => callApi(gateways[i % 3].url, p, 'booking.create', { slotId: shared.slots[0].id }, `crowdshared${i}x`)));
    rows.push(row('three gateway processes, one SQLite file', remote, (await w.sqlite.get<SlotRecord>('slots', shared.slots[0].id))!, performance.now() - t0));
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
  }
  return rows;
}

export interface RaceRow {
  race: 'signup' | 'vote';
  where: string;
  callers: number;
  /** Places (sign-ups) or households (votes) to be had. */
  capacity: number;
  /** Booked places, or counted ballots, as the answers say. */
  won: number;
  /** Waitlisted (sign-ups) or told the household has voted (votes). */
  lost: number;
  other: number;
  /** What the database holds: booked sign-ups / ballots, and the pool's holders / the poll's participation. */
  stored: number;
  tally: number;
  exact: boolean;
  problems: string[];
  ms: number;
  perSecond: number;
}

type Answer = { ok: boolean; data?: any; error?: { code: string } };
type Call = (openid: string, action: string, data: unknown, key: string) => Promise<Answer>;

/** Runs `race` once in-process and once over three gateways, each on fresh records. */
async function bothWays(w: BenchWorld, race: (where: string, call: Call, n: number) => Promise<RaceRow>): Promise<RaceRow[]> {
  const rows = [await race('one process (api called in-process)', (p, a, d, k) => w.call(p, a, d, k), 0)];
  const gateways: GatewayProcess[] = await Promise.all([0, 1, 2].map(() => startGateway(w.file)));
  let i = 0;
  try {
    rows.push(await race('three gateway processes, one SQLite file', (p, a, d, k) => callApi(gateways[(i += 1) % 3].url, p, a, d, k), 1));
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
  }
  return rows;
}

const timed = (row: Omit<RaceRow, 'ms' | 'perSecond'>, ms: number): RaceRow => ({ ...row, ms: Math.round(ms), perSecond: Math.round(row.callers / (ms / 1000)) });

export async function measureSignupContention(w: BenchWorld): Promise<RaceRow[]> {
  const now = w.clock.now();
  const volunteers = bulkResidents(w, CROWD, 'crowd-volunteer');
  const insert = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_volunteers" (id, doc) VALUES (?, ?)');
  w.sqlite.db.transaction(() => volunteers.forEach((openid, i) => insert.run(...((v) => [v._id, JSON.stringify(v)])(volunteerRecord(openid, i, now)))))();
  const team = await w.ok<{ id: string }>('demo-admin', 'team.upsert', { name: '抢位基准服务队' }, 'bench-signup-team');
  return bothWays(w, async (where, call, n) => {
    const startAt = now + 48 * 3600_000 + n * 3 * 3600_000;
    const draft = await w.ok<{ id: string }>('demo-admin', 'activity.upsert', {
      teamId: team.id, title: `抢位基准活动${n}`, place: '社区广场', roles: [{ key: 'r1', name: '引导员' }],
      shifts: [{ key: 's1', startAt, endAt: startAt + 2 * 3600_000 }], seats: [{ shift: 's1', role: 'r1', seats: SEATS }], signupDeadline: startAt - 3600_000,
    }, `bench-signup-activity-${n}`);
    await w.ok('demo-admin', 'activity.publish', { activityId: draft.id });
    const t0 = performance.now();
    const results = await Promise.all(volunteers.map((p, i) => call(p, 'activity.signup', { activityId: draft.id, shiftId: 's1', roleId: 'r1' }, `benchsignup${n}x${i}`)));
    const ms = performance.now() - t0;
    const booked = results.filter((r) => r.ok && r.data.status === 'booked').length;
    const waitlisted = results.filter((r) => r.ok && r.data.status === 'waitlisted').length;
    const pool = (await w.sqlite.get<ActivitySeatRecord>('activitySeats', `as_${draft.id}_s1_r1`))!;
    const signups = (w.sqlite.db.prepare(`SELECT doc FROM "c_signups" WHERE json_extract(doc, '$.activityId') = ?`).all(draft.id) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as SignupRecord);
    const stored = signups.filter((s) => s.status === 'booked').length;
    const problems: string[] = [];
    const expected = Math.min(SEATS, volunteers.length);
    if (booked !== expected) problems.push(`${booked} booked answers, expected ${expected}`);
    if (stored !== expected) problems.push(`${stored} booked sign-ups stored`);
    if (Object.keys(pool.holders).length !== stored || pool.seatsLeft !== SEATS - stored) problems.push(`pool holds ${Object.keys(pool.holders).length}, ${pool.seatsLeft} left`);
    if (new Set(signups.map((s) => s.memberId)).size !== signups.length) problems.push('a volunteer has two sign-ups');
    if (pool.waitlistCount !== waitlisted) problems.push(`pool waitlist ${pool.waitlistCount}, answers ${waitlisted}`);
    return timed({ race: 'signup', where, callers: volunteers.length, capacity: SEATS, won: booked, lost: waitlisted, other: results.length - booked - waitlisted, stored, tally: Object.keys(pool.holders).length, exact: problems.length === 0, problems }, ms);
  });
}

export async function measureVoteContention(w: BenchWorld): Promise<RaceRow[]> {
  const homes = bulkHouseholds(w, CROWD / 2, 2, 'crowd-home');
  const voters = homes.flat();
  return bothWays(w, async (where, call, n) => {
    const now = w.clock.now();
    const poll = await w.ok<{ id: string }>('demo-admin', 'poll.create', {
      title: `是否同意调整小区停车收费标准（基准${n}）`, description: '', options: ['赞成', '反对'], minPicks: 1, maxPicks: 1, openTextLabel: null, unit: 'household',
      eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app'], opensAt: now, closesAt: now + 7 * 24 * 3600_000,
    }, `bench-vote-poll-${n}`);
    const t0 = performance.now();
    const results = await Promise.all(voters.map((p, i) => call(p, 'poll.vote', { pollId: poll.id, choice: { optionIds: [i % 2 ? 'o1' : 'o2'] } }, `benchvote${n}x${i}`)));
    const ms = performance.now() - t0;
    const counted = results.filter((r) => r.ok).length;
    const voted = results.filter((r) => !r.ok && r.error?.code === 'CONFLICT').length;
    const record = (await w.sqlite.get<PollRecord>('polls', poll.id))!;
    const ballots = (w.sqlite.db.prepare(`SELECT doc FROM "c_ballots" WHERE json_extract(doc, '$.pollId') = ?`).all(poll.id) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as BallotRecord);
    const problems: string[] = [];
    if (new Set(ballots.map((b) => b.unitKey)).size !== ballots.length) problems.push(`${ballots.length} ballots for ${new Set(ballots.map((b) => b.unitKey)).size} households`);
    if (ballots.length !== homes.length) problems.push(`${ballots.length} ballots for ${homes.length} households that voted`);
    if (counted !== ballots.length) problems.push(`${counted} accepted answers, ${ballots.length} ballots`);
    if (record.participation !== ballots.length) problems.push(`participation ${record.participation}, ballots ${ballots.length}`);
    return timed({ race: 'vote', where, callers: voters.length, capacity: homes.length, won: counted, lost: voted, other: results.length - counted - voted, stored: ballots.length, tally: record.participation, exact: problems.length === 0, problems }, ms);
  });
}
