/**
 * Sign-up as volunteers live it: exact seats whatever the crowd, a waitlist that keeps its
 * order and promotes the first waiting with a window to confirm, no two overlapping shifts
 * for one person, the role's requirements, and a roster that never lists anyone waiting.
 */
import type { ActivitySeatRecord, SignupRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';
import { agendaIdFor } from '../../../../../cloudfunctions/lib/features/activity/ids';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import type { ActivityView, RosterView, SignupView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { HOUR, makeActivity, makeTeam, volunteers } from '../../../../support/volunteering';

let h: Harness;
let teamId: string;
beforeEach(async () => {
  h = await createHarness();
  teamId = await makeTeam(h);
});
afterEach(() => h.close());

const signup = (openid: string, a: ActivityView, shiftId = 's1', roleId = 'r1') => h.call<SignupView>(openid, 'activity.signup', { activityId: a.id, shiftId, roleId }, key());
const pool = async (a: ActivityView, shiftId = 's1', roleId = 'r1') => (await h.deps.store.get<ActivitySeatRecord>('activitySeats', `as_${a.id}_${shiftId}_${roleId}`))!;
const inbox = (openid: string) => h.deps.store.query<{ _id: string; kind: string; title: string }>('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 });

async function signupsOf(a: ActivityView): Promise<SignupRecord[]> {
  const out: SignupRecord[] = [];
  let after: string | undefined;
  do {
    const page = await h.deps.store.query<SignupRecord>('signups', { where: { communityId: 'demo', activityId: a.id }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

describe('500 people sign up at once for a role with 5 seats', () => {
  it('books exactly 5, waitlists the other 495 in one order, and promotes from its head', async () => {
    const crowd = await volunteers(h, 500);
    const a = await makeActivity(h, { teamId, seats: 5 });
    const results = await Promise.all(crowd.map((p) => signup(p, a)));

    expect(results.filter((r) => !r.ok)).toEqual([]);
    const views = results.map((r) => (r.ok ? r.data : null)!);
    expect(views.filter((v) => v.status === 'booked')).toHaveLength(5);
    const waiting = views.filter((v) => v.status === 'waitlisted');
    expect(waiting).toHaveLength(495);
    // Every position 1..495 exactly once, each out of 495, and the same order the pool keeps.
    expect(waiting.map((v) => v.waitlist!.position).sort((x, y) => x - y)).toEqual(Array.from({ length: 495 }, (_, i) => i + 1));
    expect(new Set(waiting.map((v) => v.waitlist!.of))).toEqual(new Set([495]));
    const p = await pool(a);
    expect(p.seatsLeft).toBe(0);
    expect(Object.keys(p.holders)).toHaveLength(5);
    expect(p.waitlist).toHaveLength(495);
    const byPosition = [...waiting].sort((x, y) => x.waitlist!.position - y.waitlist!.position).map((v) => v.id);
    expect(p.waitlist).toEqual(byPosition);
    const stored = await signupsOf(a);
    expect(stored.filter((s) => s.status === 'booked').map((s) => s._id).sort()).toEqual(Object.keys(p.holders).sort());

    // A seat frees: the first waiting (and only they) is offered it.
    const leaver = views.findIndex((v) => v.status === 'booked');
    await h.ok(crowd[leaver], 'activity.withdraw', { signupId: views[leaver].id, reason: '临时要加班' });
    const head = crowd[views.findIndex((v) => v.id === byPosition[0])];
    const mine = await h.ok<{ items: SignupView[] }>(head, 'activity.mine', {});
    expect(mine.items[0]).toMatchObject({ status: 'offered', allowedActions: expect.arrayContaining(['activity.confirm']) });
    const second = crowd[views.findIndex((v) => v.id === byPosition[1])];
    expect((await h.ok<{ items: SignupView[] }>(second, 'activity.mine', {})).items[0]).toMatchObject({ status: 'waitlisted', waitlist: { position: 1, of: 494 } });
  }, 60_000);
});

describe('two withdrawals racing', () => {
  it('promote two different people, each offered once', async () => {
    const people = await volunteers(h, 6);
    const a = await makeActivity(h, { teamId, seats: 2 });
    const views: SignupView[] = [];
    for (const p of people) views.push(await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key()));
    const results = await Promise.all([0, 1].map((i) => h.call(people[i], 'activity.withdraw', { signupId: views[i].id, reason: '家里有事去不了' })));
    expect(results.every((r) => r.ok)).toBe(true);

    const stored = await signupsOf(a);
    const offered = stored.filter((s) => s.status === 'offered');
    expect(offered.map((s) => s.memberId).sort()).toEqual([member(people[2]), member(people[3])].sort());
    for (const p of [people[2], people[3]]) expect((await inbox(p)).items.filter((m) => m.kind === 'activity.offered')).toHaveLength(1);
    for (const p of [people[4], people[5]]) expect((await inbox(p)).items.filter((m) => m.kind === 'activity.offered')).toHaveLength(0);
    const p = await pool(a);
    expect(Object.keys(p.holders).sort()).toEqual(offered.map((s) => s._id).sort());
    expect(p.waitlist).toEqual([views[4].id, views[5].id]);
  });
});

describe('an offer', () => {
  it('is confirmed by the person within the window and becomes a booking', async () => {
    const [x, y] = await volunteers(h, 2);
    const a = await makeActivity(h, { teamId, seats: 1 });
    const sx = await h.ok<SignupView>(x, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    const sy = await h.ok<SignupView>(y, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    await h.ok(x, 'activity.withdraw', { signupId: sx.id, reason: '身体不舒服' });
    // 12 h to confirm a day ahead (never past the start).
    const offered = (await h.ok<{ items: SignupView[] }>(y, 'activity.mine', {})).items[0];
    expect(offered.offeredUntil).toBe(h.clock.now() + 12 * HOUR);
    expect(await h.ok<SignupView>(y, 'activity.confirm', { signupId: sy.id })).toMatchObject({ status: 'booked' });
  });

  it('left unconfirmed expires in the sweep and goes to the next, with an hour on the day', async () => {
    const [x, y, z] = await volunteers(h, 3);
    // Today, 15:00 (T0 is 10:00 Beijing): on the day, an hour to confirm.
    const a = await makeActivity(h, { teamId, seats: 1, startAt: h.clock.now() + 5 * HOUR });
    const ids: string[] = [];
    for (const p of [x, y, z]) ids.push((await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key())).id);
    await h.ok(x, 'activity.withdraw', { signupId: ids[0], reason: '临时出差' });
    expect((await h.deps.store.get<SignupRecord>('signups', ids[1]))!.offeredUntil).toBe(h.clock.now() + HOUR);

    h.clock.advance(HOUR + 60_000);
    await runSweep(h.deps);
    expect((await h.deps.store.get<SignupRecord>('signups', ids[1]))!.status).toBe('expired');
    expect((await h.deps.store.get<SignupRecord>('signups', ids[2]))!.status).toBe('offered');
    expect((await inbox(y)).items.map((m) => m.kind)).toContain('activity.expired');
    expect(await h.call(y, 'activity.confirm', { signupId: ids[1] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('overlapping shifts', () => {
  it('are refused for one person, on the shift field', async () => {
    const [p] = await volunteers(h, 1);
    const start = h.clock.now() + 23 * HOUR;
    const a = await makeActivity(h, { teamId, startAt: start, hours: 3 });
    const b = await makeActivity(h, { teamId, title: '助老探访', startAt: start + 2 * HOUR, hours: 2 });
    const c = await makeActivity(h, { teamId, title: '午后巡河', startAt: start + 3 * HOUR, hours: 2 });
    await h.ok(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    expect(await signup(p, b)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'shiftId' }] } } });
    // Back to back is no overlap.
    expect(await signup(p, c)).toMatchObject({ ok: true, data: { status: 'booked' } });
  });

  it('are refused even when both are sent at the same moment: one wins', async () => {
    const [p] = await volunteers(h, 1);
    const start = h.clock.now() + 23 * HOUR;
    const acts = [await makeActivity(h, { teamId, startAt: start, hours: 3 }), await makeActivity(h, { teamId, title: '助老探访', startAt: start + HOUR, hours: 3 }), await makeActivity(h, { teamId, title: '垃圾分类宣传', startAt: start + 2 * HOUR, hours: 1 })];
    const results = await Promise.all(acts.flatMap((a) => [signup(p, a), signup(p, a)]));
    const booked = new Set(results.filter((r) => r.ok).map((r) => (r.ok ? (r.data as SignupView).activityId : '')));
    expect(booked.size).toBe(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
    const held = (await Promise.all(acts.map(signupsOf))).flat().filter((s) => s.status === 'booked');
    expect(held).toHaveLength(1);
    // The losers gave their seats back.
    for (const a of acts) expect((await pool(a)).seatsLeft).toBe(booked.has(a.id) ? 4 : 5);
  });

  it('are free again once the first is withdrawn or its activity cancelled (the agenda entry left behind holds nothing)', async () => {
    const [p] = await volunteers(h, 1);
    const start = h.clock.now() + 23 * HOUR;
    const a = await makeActivity(h, { teamId, startAt: start, hours: 3 });
    const b = await makeActivity(h, { teamId, title: '助老探访', startAt: start + HOUR, hours: 2 });
    const c = await makeActivity(h, { teamId, title: '午间巡河', startAt: start + 2 * HOUR, hours: 2 });
    const first = await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    await h.ok(p, 'activity.withdraw', { signupId: first.id, reason: '临时有事' });
    const agenda = await h.deps.store.get<{ _id: string; entries: Record<string, unknown> }>('volunteerAgendas', agendaIdFor(member(p)));
    expect(Object.keys(agenda?.entries ?? {})).toContain(first.id);
    expect(await signup(p, b)).toMatchObject({ ok: true, data: { status: 'booked' } });
    await h.ok('demo-admin', 'activity.cancel', { activityId: b.id, reason: '天气原因' });
    expect(await signup(p, c)).toMatchObject({ ok: true, data: { status: 'booked' } });
    // And the first again, now that nothing overlaps it.
    expect(await signup(p, a)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'shiftId' }] } } });
  });

  it('are refused between two roles of one shift', async () => {
    const [p] = await volunteers(h, 1);
    const a = await makeActivity(h, { teamId, roles: [{ key: 'r1', name: '绿化养护' }, { key: 'r2', name: '后勤' }] });
    await h.ok(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    expect(await signup(p, a, 's1', 'r2')).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'roleId' }] } } });
  });
});

describe("a role's requirements (条例 Art. 15)", () => {
  it('refuse the too young, the unskilled and the untrained on the role field', async () => {
    const [young] = await volunteers(h, 1, 'young', { birthDate: '2012-06-01' });
    const [plain] = await volunteers(h, 1, 'plain');
    const [able] = await volunteers(h, 1, 'able', { skills: ['急救'], trainings: ['消防安全'] });
    const a = await makeActivity(h, { teamId, roles: [{ key: 'r1', name: '安全员', minAge: 18 }, { key: 'r2', name: '医护', skill: '急救' }, { key: 'r3', name: '消防', training: '消防安全' }] });
    const cases: Array<[string, string, string]> = [[young, 'r1', '年满18岁'], [plain, 'r2', '急救'], [plain, 'r3', '消防安全']];
    for (const [who, role, words] of cases) {
      const res = await signup(who, a, 's1', role);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'roleId' }] } } });
      expect(!res.ok && res.error.message).toContain(words);
    }
    expect(await signup(able, a, 's1', 'r2')).toMatchObject({ ok: true, data: { status: 'booked' } });
    expect((await pool(a, 's1', 'r1')).seatsLeft).toBe(5);
  });

  it('asks a volunteer without a birth date to give one for a minimum-age role', async () => {
    const [p] = await volunteers(h, 1, 'nobirth', { birthDate: null });
    const a = await makeActivity(h, { teamId, roles: [{ key: 'r1', name: '安全员', minAge: 16 }] });
    const res = await signup(p, a);
    expect(!res.ok && res.error.message).toContain('出生日期');
  });
});

describe('the roster', () => {
  it('lists the booked as attendees and the waiting only separately, with names and no phone', async () => {
    const people = await volunteers(h, 4);
    const a = await makeActivity(h, { teamId, seats: 2 });
    for (const p of people) await h.ok(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    const roster = await h.ok<RosterView>('demo-admin', 'activity.roster', { activityId: a.id });
    expect(roster.attendees.map((e) => e.name).sort()).toEqual(['志愿者0', '志愿者1']);
    expect(roster.attendees.every((e) => e.status === 'booked')).toBe(true);
    expect(roster.waitlist.map((e) => [e.name, e.position])).toEqual([['志愿者2', 1], ['志愿者3', 2]]);
    expect(JSON.stringify(roster)).not.toMatch(/phone|1[3-9]\d{9}|idNumber/);
  });

  it('is closed to volunteers who do not run the activity', async () => {
    const [p] = await volunteers(h, 1);
    const a = await makeActivity(h, { teamId });
    expect(await h.call(p, 'activity.roster', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('withdrawing', () => {
  it('needs a reason and tells the organiser', async () => {
    const [p] = await volunteers(h, 1);
    const a = await makeActivity(h, { teamId });
    const s = await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    expect(await h.call(p, 'activity.withdraw', { signupId: s.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    expect(await h.ok<SignupView>(p, 'activity.withdraw', { signupId: s.id, reason: '要带孙子看病' })).toMatchObject({ status: 'withdrawn', withdrawReason: '要带孙子看病' });
    const told = (await inbox('demo-admin')).items.find((m) => m.kind === 'activity.withdrawn');
    expect(told?.title).toContain('小区绿地补种');
    expect((await pool(a)).seatsLeft).toBe(5);
    // And the time is free again: signing up again works.
    expect(await signup(p, a)).toMatchObject({ ok: true, data: { status: 'booked' } });
  });
});
