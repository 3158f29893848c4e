import type { AnomalyView, DisputeView, HourEntryView, MyHoursView } from '../../../../../miniprogram/core/hours/contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { DISPUTE_DAYS } from '../../../../../miniprogram/core/volunteer/vocabulary';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { device, HOUR, MIN, seedActivity, type SeededActivity } from '../../../../support/volunteer-records';

const LEAD = 'demo-grid-1';
const ADMIN = 'demo-admin';
const LIU = 'demo-resident-1';
const DAY = 24 * HOUR;

let h: Harness;
afterEach(() => h.close());

/** 刘阿姨 serves the whole of a shift of `hours` hours and checks out; returns her entry. */
async function served(a: SeededActivity, who = LIU, shift = 0): Promise<HourEntryView> {
  const s = a.shifts[shift];
  h.clock.set(s.startAt);
  await h.ok(who, 'activity.checkIn', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device(who) });
  h.clock.set(s.endAt);
  await h.ok(who, 'activity.checkOut', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device(who) });
  return (await h.ok<MyHoursView>(who, 'hours.mine', {})).entries[0];
}
const verify = (who: string, entryId: string, decision = 'verify', reason?: string) => h.call<HourEntryView>(who, 'hours.verify', { entryId, decision, ...(reason ? { reason } : {}) });
const mine = (who = LIU) => h.ok<MyHoursView>(who, 'hours.mine', {});

describe('verification by the project lead', () => {
  beforeEach(async () => {
    h = await createHarness();
  });

  test('the lead sees the entry waiting and verifies it; the total follows', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    const queue = await h.ok<Page<HourEntryView>>(LEAD, 'hours.pending', {});
    expect(queue.items).toEqual([expect.objectContaining({ id: e.id, volunteerName: '刘阿姨', allowedActions: expect.arrayContaining(['hours.verify']) })]);
    expect(await verify(LEAD, e.id)).toMatchObject({ ok: true, data: { status: 'verified' } });
    expect((await mine()).verified).toEqual({ minutes: 120, hoursText: '2.0小时' });
    expect((await mine()).byTeam).toEqual([{ teamName: '植绿护绿队', minutes: 120, hoursText: '2.0小时' }]);
    expect(await verify(LEAD, e.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('a declined entry never counts, and the volunteer is told why', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    expect(await verify(LEAD, e.id, 'decline')).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    await verify(LEAD, e.id, 'decline', '当天未到场');
    expect((await mine()).verified.minutes).toBe(0);
    const inbox = await h.ok<{ items: Array<{ title: string; body: string }> }>(LIU, 'notify.inbox', {});
    expect(inbox.items[0].body).toContain('当天未到场');
  });

  test('the lead cannot verify their own hours: refused, and the attempt is on the anomaly list', async () => {
    const a = await seedActivity(h, { booked: [LEAD, LIU] });
    const e = await served(a, LEAD);
    expect(await verify(LEAD, e.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.ok<Page<HourEntryView>>(LEAD, 'hours.pending', {})).items.map((x) => x.id)).not.toContain(e.id);
    const list = (await h.ok<{ items: AnomalyView[] }>(ADMIN, 'hours.anomalies', { activityId: a.activityId })).items;
    expect(list).toEqual([expect.objectContaining({ kind: 'selfVerify', people: ['李秀英'] })]);
    // An admin verifies it instead.
    expect(await verify(ADMIN, e.id)).toMatchObject({ ok: true, data: { status: 'verified' } });
  });

  test('someone else’s lead or a volunteer cannot verify', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    expect(await verify('demo-grid-2', e.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await verify('demo-volunteer-1', e.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('above 8 hours a day a second, different verifier confirms', () => {
  beforeEach(async () => {
    h = await createHarness();
  });

  test('first verify leaves it pending; the same person again is refused; a second person verifies', async () => {
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 10 * HOUR]], dailyCapMinutes: 10 * 60 });
    const e = await served(a);
    expect(e.minutes).toBe(9 * 60);
    expect(e.flags).toContain('overThreshold');
    expect(await verify(LEAD, e.id)).toMatchObject({ ok: true, data: { status: 'pending', awaitingSecond: true, statusLabel: '待第二人核验' } });
    expect((await mine()).verified.minutes).toBe(0);
    expect(await verify(LEAD, e.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await h.ok<Page<HourEntryView>>(ADMIN, 'hours.pending', {})).items.map((x) => x.id)).toContain(e.id);
    expect(await verify(ADMIN, e.id)).toMatchObject({ ok: true, data: { status: 'verified' } });
    expect((await mine()).verified.minutes).toBe(9 * 60);
  });
});

describe('corrections are new entries', () => {
  beforeEach(async () => {
    h = await createHarness();
  });

  test('an adjustment with a reason is its own pending entry; the original stays as it was', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    await verify(LEAD, e.id);
    const fix = await h.ok<HourEntryView>(LEAD, 'hours.adjust', { entryId: e.id, minutes: -30, reason: '提前半小时离开' }, key());
    expect(fix).toMatchObject({ kind: 'adjustment', minutes: -30, status: 'pending', reason: '提前半小时离开' });
    expect((await mine()).verified.minutes).toBe(120);
    await verify(ADMIN, fix.id);
    const after = await mine();
    expect(after.verified.minutes).toBe(90);
    expect(after.entries.find((x) => x.id === e.id)).toMatchObject({ minutes: 120, status: 'verified' });
  });

  test('nobody verifies a correction they made themselves: one lead cannot grant hours alone', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    await verify(LEAD, e.id);
    const fix = await h.ok<HourEntryView>(LEAD, 'hours.adjust', { entryId: e.id, minutes: 480, reason: '补登当天下午的服务' }, key());
    expect(await verify(LEAD, fix.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await mine()).verified.minutes).toBe(120);
    expect(await verify(ADMIN, fix.id)).toMatchObject({ ok: true, data: { status: 'verified' } });
    expect((await mine()).verified.minutes).toBe(600);
  });

  test('the volunteer cannot adjust their own hours', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    expect(await h.call(LIU, 'hours.adjust', { entryId: e.id, minutes: 60, reason: '多干了一小时' }, key())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('hours exist only through check-in/out or an organiser’s entry', () => {
  test('signing up and checking in alone credit nothing', async () => {
    h = await createHarness();
    const a = await seedActivity(h, { booked: [LIU] });
    h.clock.set(a.shifts[0].startAt);
    await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: a.shiftId, code: a.code(), deviceKey: device(LIU) });
    const m = await mine();
    expect(m.entries).toEqual([]);
    expect(m.verified.minutes + m.pending.minutes).toBe(0);
  });
});

describe('disputes reach the staff queue with a deadline', () => {
  beforeEach(async () => {
    h = await createHarness();
  });

  test('the volunteer disputes; staff see it due in DISPUTE_DAYS; late ones are chased once; the answer reaches her', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    const d = await h.ok<DisputeView>(LIU, 'hours.dispute', { entryId: e.id, text: '我签退时扫码失败，实际服务到12点' });
    expect(d.dueAt).toBe(h.clock.now() + DISPUTE_DAYS * DAY);
    expect(await h.call(LIU, 'hours.dispute', { entryId: e.id, text: '再提一次异议试试' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const queue = await h.ok<Page<DisputeView>>(ADMIN, 'hours.disputes', {});
    expect(queue.items).toEqual([expect.objectContaining({ id: d.id, late: false, statusLabel: '待答复', entry: expect.objectContaining({ volunteerName: '刘阿姨' }) })]);
    const adminInbox = await h.ok<{ items: Array<{ kind: string }> }>(ADMIN, 'notify.inbox', {});
    expect(adminInbox.items.map((m) => m.kind)).toContain('hours.disputed');

    h.clock.set(d.dueAt + MIN);
    expect((await runSweep(h.deps)).jobs.chaseLateDisputes).toMatchObject({ chased: 1 });
    expect((await runSweep(h.deps)).jobs.chaseLateDisputes).toMatchObject({ chased: 0 });
    expect((await h.ok<Page<DisputeView>>(ADMIN, 'hours.disputes', {})).items[0]).toMatchObject({ late: true, statusLabel: '已逾期，待答复' });

    await h.ok(ADMIN, 'hours.answerDispute', { disputeId: d.id, answer: '已核实，另做更正记录加30分钟' });
    expect((await h.ok<Page<DisputeView>>(ADMIN, 'hours.disputes', {})).items).toEqual([]);
    const inbox = await h.ok<{ items: Array<{ kind: string }> }>(LIU, 'notify.inbox', {});
    expect(inbox.items.map((m) => m.kind)).toContain('hours.disputeAnswered');
  });

  test('nobody disputes someone else’s entry', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    expect(await h.call('demo-volunteer-1', 'hours.dispute', { entryId: e.id, text: '这不是我的记录吧' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the anomaly list', () => {
  test('more than 12 hours in one day is listed', async () => {
    h = await createHarness();
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 8 * HOUR], [8 * HOUR, 15 * HOUR]], dailyCapMinutes: 14 * 60 });
    await served(a, LIU, 0);
    await served(a, LIU, 1);
    const list = (await h.ok<{ items: AnomalyView[] }>(LEAD, 'hours.anomalies', { activityId: a.activityId })).items;
    expect(list).toEqual([expect.objectContaining({ kind: 'overTwelveHours', people: ['刘阿姨'] })]);
    expect(await h.call('demo-grid-2', 'hours.anomalies', { activityId: a.activityId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
