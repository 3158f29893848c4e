/**
 * An activity from draft to cancelled, as organisers run it: who may create and publish,
 * the insurance rule for risky activities (条例 Art. 17), drafts kept from the community,
 * the list's filters, and a cancellation that reaches everyone signed up or waiting.
 */
import type { ActivityView, SignupView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { DAY, HOUR, makeActivity, makeTeam, volunteers } from '../../../../support/volunteering';

let h: Harness;
let teamId: string;
beforeEach(async () => {
  h = await createHarness();
  teamId = await makeTeam(h);
});
afterEach(() => h.close());

const inbox = (openid: string) => h.deps.store.query<{ _id: string; kind: string; body: string }>('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 });

describe('a risky activity', () => {
  it('cannot be published without insurance, and can once insured', async () => {
    const draft = await makeActivity(h, { teamId, risky: true, insured: false, publish: false });
    const res = await h.call('demo-admin', 'activity.publish', { activityId: draft.id });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'insured' }] } } });
    expect(!res.ok && res.error.message).toContain('保险');
    const { edit } = await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id });
    await h.ok('demo-admin', 'activity.upsert', { ...edit, activityId: draft.id, insured: true }, key());
    expect(await h.ok<ActivityView>('demo-admin', 'activity.publish', { activityId: draft.id })).toMatchObject({ status: 'published' });
  });
});

describe('how hours are counted', () => {
  it('starts from the defaults, is set by the organiser, kept by an edit that leaves it out, and shown to the editor with the lead by name', async () => {
    const draft = await makeActivity(h, { teamId, publish: false });
    const first = await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id });
    expect(first.edit).toMatchObject({ rounding: 'none', graceMinutes: 15, dailyCapMinutes: 480 });
    expect(first.leadName).toBeTruthy();
    await h.ok('demo-admin', 'activity.upsert', { ...first.edit, activityId: draft.id, rounding: 'halfHour', graceMinutes: 10, dailyCapMinutes: 240 }, key());
    const { rounding: _r, graceMinutes: _g, dailyCapMinutes: _d, ...rest } = first.edit!;
    await h.ok('demo-admin', 'activity.upsert', { ...rest, activityId: draft.id, title: '改了名字的活动' }, key());
    expect((await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id })).edit).toMatchObject({ title: '改了名字的活动', rounding: 'halfHour', graceMinutes: 10, dailyCapMinutes: 240 });
  });

  it('refuses a daily cap under an hour, naming the field', async () => {
    const draft = await makeActivity(h, { teamId, publish: false });
    const { edit } = await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id });
    expect(await h.call('demo-admin', 'activity.upsert', { ...edit, activityId: draft.id, dailyCapMinutes: 30 }, key())).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'dailyCapMinutes' }] } } });
  });

  it('is not shown to a volunteer', async () => {
    const [p] = await volunteers(h, 1);
    const a = await makeActivity(h, { teamId });
    const seen = await h.ok<ActivityView>(p, 'activity.get', { activityId: a.id });
    expect(seen.edit).toBeUndefined();
    expect(seen.leadName).toBeUndefined();
  });
});

describe('a draft', () => {
  it('is seen only by those who run it, and cannot be signed up for', async () => {
    const [p] = await volunteers(h, 1);
    const draft = await makeActivity(h, { teamId, publish: false });
    expect(await h.call(p, 'activity.get', { activityId: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.ok<{ items: ActivityView[] }>(p, 'activity.list', {})).items).toEqual([]);
    expect(await h.call(p, 'activity.signup', { activityId: draft.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.ok<{ items: ActivityView[] }>('demo-admin', 'activity.list', { view: 'manage' })).items.map((a) => a.status)).toEqual(['draft']);
  });
});

describe('team leaders', () => {
  it('organise and publish their own team’s activities, not another team’s', async () => {
    const [leader] = await volunteers(h, 1, 'leader');
    const led = await makeTeam(h, '助老探访队', [member(leader)]);
    const a = await makeActivity(h, { teamId: led, as: leader });
    expect(a).toMatchObject({ status: 'published', teamName: '助老探访队' });
    expect(a.allowedActions).toContain('activity.roster');
    const other = await h.call(leader, 'activity.upsert', { teamId, title: '别队的活动', place: '社区广场', roles: [{ key: 'r1', name: '帮手' }], shifts: [{ key: 's1', startAt: h.clock.now() + DAY, endAt: h.clock.now() + DAY + HOUR }], seats: [{ shift: 's1', role: 'r1', seats: 3 }], signupDeadline: h.clock.now() + HOUR }, key());
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('leave a plain volunteer unable to organise', async () => {
    const [p] = await volunteers(h, 1);
    const res = await h.call(p, 'activity.upsert', { teamId, title: '自己办活动', place: '社区广场', roles: [{ key: 'r1', name: '帮手' }], shifts: [{ key: 's1', startAt: h.clock.now() + DAY, endAt: h.clock.now() + DAY + HOUR }], seats: [{ shift: 's1', role: 'r1', seats: 3 }], signupDeadline: h.clock.now() + HOUR }, key());
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the list', () => {
  it('filters by team, by day and by open seats', async () => {
    const [p] = await volunteers(h, 1);
    const other = await makeTeam(h, '助老探访队');
    const full = await makeActivity(h, { teamId, seats: 1, title: '明天的补种' });
    await h.ok(p, 'activity.signup', { activityId: full.id, shiftId: 's1', roleId: 'r1' }, key());
    await makeActivity(h, { teamId: other, title: '下周的探访', startAt: h.clock.now() + 7 * DAY });
    const titles = async (data: object) => (await h.ok<{ items: ActivityView[] }>('demo-resident-1', 'activity.list', data)).items.map((a) => a.title);
    expect(await titles({})).toEqual(['明天的补种', '下周的探访']);
    expect(await titles({ teamId: other })).toEqual(['下周的探访']);
    expect(await titles({ day: h.clock.now() + DAY })).toEqual(['明天的补种']);
    expect(await titles({ openOnly: true })).toEqual(['下周的探访']);
  });
});

describe('cancelling', () => {
  it('tells everyone signed up or waiting, once, with the reason, and frees their time', async () => {
    const people = await volunteers(h, 4);
    const a = await makeActivity(h, { teamId, seats: 2 });
    const views: SignupView[] = [];
    for (const p of people) views.push(await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key()));
    expect(views.map((v) => v.status)).toEqual(['booked', 'booked', 'waitlisted', 'waitlisted']);
    await h.ok('demo-admin', 'activity.cancel', { activityId: a.id, reason: '暴雨预警，改期举行' });
    await h.ok('demo-admin', 'activity.cancel', { activityId: a.id, reason: '暴雨预警，改期举行' });
    for (const p of people) {
      const told = (await inbox(p)).items.filter((m) => m.kind === 'activity.cancelled');
      expect(told).toHaveLength(1);
      expect(told[0].body).toContain('暴雨预警');
      expect((await h.ok<{ items: SignupView[] }>(p, 'activity.mine', {})).items[0].status).toBe('cancelled');
    }
    // Nobody can sign up any more, and their time is theirs again.
    expect(await h.call(people[0], 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ ok: false, error: { code: 'CLOSED' } });
    const again = await makeActivity(h, { teamId, title: '改期后的补种' });
    expect(await h.call(people[0], 'activity.signup', { activityId: again.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ ok: true });
  });

  it('after a crash that left a sign-up open without its place (given back, not yet cancelled), a retry cancels and tells it once', async () => {
    const people = await volunteers(h, 2);
    const a = await makeActivity(h, { teamId, seats: 2 });
    const views: SignupView[] = [];
    for (const p of people) views.push(await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key()));
    await h.ok('demo-admin', 'activity.cancel', { activityId: a.id, reason: '暴雨预警' });
    // The state a crash between the release and the cancellation leaves: the first sign-up
    // open again (as it was), its place already gone from the closed pool.
    const store = h.deps.store;
    const s = (await store.get<{ _id: string; version: number; status: string }>('signups', views[0].id))!;
    await store.update('signups', s._id, { status: 'booked', version: s.version + 1 });
    await h.ok('demo-admin', 'activity.cancel', { activityId: a.id, reason: '暴雨预警' });
    for (const [i, p] of people.entries()) {
      expect((await inbox(p)).items.filter((m) => m.kind === 'activity.cancelled')).toHaveLength(1);
      expect((await store.get<{ _id: string; status: string; wakeAt: number | null }>('signups', views[i].id))).toMatchObject({ status: 'cancelled', wakeAt: null });
    }
    expect(await store.get('activitySeats', `as_${a.id}_s1_r1`)).toMatchObject({ status: 'closed', seatsLeft: 2, holders: {} });
  });

  it('cancels more than a page of sign-ups, side by side, each told once and every seat freed', async () => {
    const people = await volunteers(h, 130);
    const a = await makeActivity(h, { teamId, seats: 120 });
    await Promise.all(people.map((p) => h.ok(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key())));
    await h.ok('demo-admin', 'activity.cancel', { activityId: a.id, reason: '场地临时征用' });
    for (const p of people) expect((await inbox(p)).items.filter((m) => m.kind === 'activity.cancelled')).toHaveLength(1);
    const pool = await h.deps.store.get<{ _id: string; holders: Record<string, string>; seatsLeft: number; status: string }>('activitySeats', `as_${a.id}_s1_r1`);
    expect(pool).toMatchObject({ status: 'closed', seatsLeft: 120, holders: {} });
  });
});
