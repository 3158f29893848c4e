import type { AttendanceView, CheckInCodeView } from '../../../../../miniprogram/core/volunteer/check-in-contract';
import type { MyHoursView, AnomalyView } from '../../../../../miniprogram/core/hours/contract';
import { CHECK_IN_CODE_PERIOD_SECONDS } from '../../../../../miniprogram/core/volunteer/vocabulary';
import { parseCheckInQr } from '../../../../../miniprogram/core/volunteer/check-in-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { device, HOUR, MIN, seedActivity, type SeededActivity } from '../../../../support/volunteer-records';

const LEAD = 'demo-grid-1';
const LIU = 'demo-resident-1';
const CHEN = 'demo-volunteer-1';
const MA = 'demo-resident-2';
const PERIOD = CHECK_IN_CODE_PERIOD_SECONDS * 1000;

let h: Harness;
let a: SeededActivity;
beforeEach(async () => {
  h = await createHarness();
  a = await seedActivity(h, { booked: [LIU, CHEN], waitlisted: [MA] });
  h.clock.set(a.shifts[0].startAt - 5 * MIN);
});
afterEach(() => h.close());

const checkIn = (who: string, phone = who, code = a.code()) =>
  h.call<AttendanceView>(who, 'activity.checkIn', { activityId: a.activityId, shiftId: a.shiftId, code, deviceKey: device(phone) });
const checkOut = (who: string, phone = who, code = a.code()) =>
  h.call<AttendanceView>(who, 'activity.checkOut', { activityId: a.activityId, shiftId: a.shiftId, code, deviceKey: device(phone) });
const anomalies = async () => (await h.ok<{ items: AnomalyView[] }>(LEAD, 'hours.anomalies', { activityId: a.activityId })).items;

describe('the organiser’s screen', () => {
  test('shows a six-digit code and a QR that change every period, and the booked people only', async () => {
    const first = await h.ok<CheckInCodeView>(LEAD, 'activity.checkInCode', { activityId: a.activityId, shiftId: a.shiftId });
    expect(first.code).toMatch(/^\d{6}$/);
    expect(parseCheckInQr(first.qrText)).toEqual({ activityId: a.activityId, shiftId: a.shiftId, code: first.code });
    expect(first.changesAt - h.clock.now()).toBeLessThanOrEqual(PERIOD);
    expect(first.people.map((p) => p.name).sort()).toEqual(['刘阿姨', '陈志愿'].sort());
    expect(first.counts).toEqual({ booked: 2, checkedIn: 0, checkedOut: 0 });
    h.clock.set(first.changesAt);
    const next = await h.ok<CheckInCodeView>(LEAD, 'activity.checkInCode', { activityId: a.activityId, shiftId: a.shiftId });
    expect(next.code).not.toBe(first.code);
  });

  test('names the people of sign-ups written before names rode on them, from their member records', async () => {
    const older = await seedActivity(h, { booked: [LIU, CHEN], unnamed: true });
    const screen = await h.ok<CheckInCodeView>(LEAD, 'activity.checkInCode', { activityId: older.activityId, shiftId: older.shiftId });
    expect(screen.people.map((p) => p.name).sort()).toEqual(['刘阿姨', '陈志愿'].sort());
  });

  test('is the organiser’s: a volunteer or another grid worker is refused', async () => {
    expect((await h.call(LIU, 'activity.checkInCode', { activityId: a.activityId, shiftId: a.shiftId })).ok).toBe(false);
    const other = await h.call('demo-grid-2', 'activity.checkInCode', { activityId: a.activityId, shiftId: a.shiftId });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('checking out', () => {
  test('a retry after a close that died before its events were written writes them', async () => {
    await checkIn(LIU);
    h.clock.set(a.shifts[0].endAt);
    expect((await checkOut(LIU)).ok).toBe(true);
    const att = `ci_${a.activityId}_${a.shiftId}_${member(LIU)}`;
    const ids = [`attendance:${att}:v1`, `hours:he_${att}:recorded`];
    // The state of a crash right after the close landed: neither event in `events` yet.
    for (const id of ids) await h.deps.store.remove('events', id);
    const again = await checkOut(LIU);
    expect(again).toMatchObject({ ok: true, data: { minutes: expect.any(Number) } });
    expect((await h.deps.store.getMany<{ _id: string; type: string }>('events', ids)).map((e) => e.type).sort()).toEqual(['activity.checkedOut', 'hours.recorded']);
  });


  test('a retry after a close that landed without its entry (written beside it) writes the entry once', async () => {
    await checkIn(LIU);
    h.clock.set(a.shifts[0].endAt);
    const first = await checkOut(LIU);
    expect(first.ok).toBe(true);
    const att = `ci_${a.activityId}_${a.shiftId}_${member(LIU)}`;
    const before = await h.deps.store.get<{ _id: string; minutes: number; flags: string[]; createdAt: number }>('hourEntries', `he_${att}`);
    // The state of a crash where the close landed and the entry beside it did not.
    await h.deps.store.remove('hourEntries', `he_${att}`);
    await h.deps.store.remove('events', `hours:he_${att}:recorded`);
    const again = await checkOut(LIU);
    expect(again).toMatchObject({ ok: true, data: { minutes: before?.minutes } });
    const after = await h.deps.store.get<{ _id: string; minutes: number; flags: string[]; createdAt: number }>('hourEntries', `he_${att}`);
    expect(after).toMatchObject({ minutes: before?.minutes, flags: before?.flags, createdAt: before?.createdAt });
    expect((await h.deps.store.get<{ _id: string; type: string }>('events', `hours:he_${att}:recorded`))?.type).toBe('hours.recorded');
  });

  test('writes the close’s event and the entry’s, and a second check-out closes nothing again', async () => {
    await checkIn(LIU);
    h.clock.set(a.shifts[0].endAt);
    expect((await checkOut(LIU)).ok).toBe(true);
    expect((await checkOut(LIU)).ok).toBe(true);
    const att = `ci_${a.activityId}_${a.shiftId}_${member(LIU)}`;
    const events = await h.deps.store.getMany<{ _id: string; type: string }>('events', [`attendance:${att}:in`, `attendance:${att}:v1`, `attendance:${att}:v2`, `hours:he_${att}:recorded`]);
    expect(events.map((e) => e.type).sort()).toEqual(['activity.checkedIn', 'activity.checkedOut', 'hours.recorded']);
  });
});

describe('checking in with the code', () => {
  test('records method and server time, inside the window unflagged', async () => {
    const r = await checkIn(LIU);
    expect(r).toMatchObject({ ok: true, data: { inMethod: 'code', inAt: h.clock.now(), flags: [] } });
    const screen = await h.ok<CheckInCodeView>(LEAD, 'activity.checkInCode', { activityId: a.activityId, shiftId: a.shiftId });
    expect(screen.people.find((p) => p.name === '刘阿姨')).toMatchObject({ state: 'in', stateLabel: '已签到' });
  });

  test('the previous period’s code is still accepted; one older is refused as stale', async () => {
    const old = a.code();
    h.clock.advance(PERIOD);
    expect((await checkIn(LIU, LIU, old)).ok).toBe(true);
    h.clock.advance(PERIOD);
    const stale = await checkIn(CHEN, CHEN, a.code(h.clock.now() - 2 * PERIOD));
    expect(stale).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'code' }] } } });
    expect(stale.ok || stale.error.message).toContain('过期');
  });

  test('a code of another shift or activity is refused', async () => {
    const other = await seedActivity(h, { booked: [LIU] });
    const foreign = await checkIn(LIU, LIU, other.code());
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'code' }] } } });
    expect(foreign.ok || foreign.error.message).toContain('不对');
  });

  test('outside the window it is accepted, flagged for review', async () => {
    h.clock.set(a.shifts[0].startAt - HOUR);
    expect(await checkIn(LIU)).toMatchObject({ ok: true, data: { flags: ['outsideWindow'] } });
  });

  test('only booked volunteers: a waitlisted one is refused', async () => {
    expect(await checkIn(MA)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a second person on one phone is refused, and the attempt is listed', async () => {
    expect((await checkIn(LIU, 'liu-phone')).ok).toBe(true);
    expect(await checkIn(CHEN, 'liu-phone')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await checkIn(CHEN, 'liu-phone')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await anomalies()).toEqual([expect.objectContaining({ kind: 'sharedDevice', people: ['陈志愿', '刘阿姨'], count: 2 })]);
    // With her own phone she checks in.
    expect((await checkIn(CHEN, 'chen-phone')).ok).toBe(true);
  });

  test('two people racing on one phone: exactly one is checked in', async () => {
    const [x, y] = await Promise.all([checkIn(LIU, 'shared'), checkIn(CHEN, 'shared')]);
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
  });

  test('checking in twice is the same check-in; after check-out it is refused and listed', async () => {
    const first = await checkIn(LIU);
    h.clock.advance(MIN);
    expect((await checkIn(LIU)).ok && first.ok).toBe(true);
    expect(await checkIn(LIU)).toMatchObject({ data: { inAt: first.ok ? first.data.inAt : 0 } });
    h.clock.set(a.shifts[0].endAt);
    expect((await checkOut(LIU)).ok).toBe(true);
    expect(await checkIn(LIU)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await anomalies()).map((x) => x.kind)).toContain('checkInAfterCheckOut');
  });
});

describe('checking out', () => {
  test('credits the served minutes as a pending entry, not in the verified total', async () => {
    await checkIn(LIU);
    h.clock.set(a.shifts[0].endAt + 5 * MIN);
    const out = await checkOut(LIU);
    // In 5 minutes before the start, out 5 minutes after the end: both inside the grace.
    expect(out).toMatchObject({ ok: true, data: { outMethodLabel: '扫码', minutes: 130 } });
    const mine = await h.ok<MyHoursView>(LIU, 'hours.mine', {});
    expect(mine.verified.minutes).toBe(0);
    expect(mine.pending.minutes).toBe(130);
  });

  test('without a check-in there is nothing to check out', async () => {
    expect(await checkOut(LIU)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a forgotten check-out is closed by the sweep, credited the scheduled time and flagged', async () => {
    await checkIn(LIU);
    h.clock.set(a.shifts[0].endAt + 2 * HOUR + MIN);
    const report = await runSweep(h.deps);
    expect(report.jobs.autoCloseAttendance).toMatchObject({ closed: 1 });
    const mine = await h.ok<MyHoursView>(LIU, 'hours.mine', {});
    expect(mine.entries[0]).toMatchObject({ minutes: 125, status: 'pending', flags: expect.arrayContaining(['forgotCheckOut']) });
    expect((await runSweep(h.deps)).jobs.autoCloseAttendance).toMatchObject({ closed: 0 });
  });
});

describe('团体录入: checking in by hand', () => {
  test('the organiser checks a booked volunteer in and out with a reason; flagged manual', async () => {
    const p = await h.ok<{ state: string }>(LEAD, 'activity.checkInByHand', { activityId: a.activityId, shiftId: a.shiftId, memberId: member(CHEN), step: 'in', reason: '老人没有智能手机' });
    expect(p.state).toBe('in');
    h.clock.set(a.shifts[0].endAt);
    await h.ok(LEAD, 'activity.checkInByHand', { activityId: a.activityId, shiftId: a.shiftId, memberId: member(CHEN), step: 'out', reason: '老人没有智能手机' });
    const mine = await h.ok<MyHoursView>(CHEN, 'hours.mine', {});
    // In 5 minutes before the start (inside the grace), out at the end.
    expect(mine.entries[0]).toMatchObject({ minutes: 125, flags: expect.arrayContaining(['manual']), reason: '老人没有智能手机' });
  });

  test('not for someone who did not book, nor by a volunteer', async () => {
    expect(await h.call(LEAD, 'activity.checkInByHand', { activityId: a.activityId, shiftId: a.shiftId, memberId: member(MA), step: 'in', reason: '代签' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { issues: [{ path: 'memberId' }] } } });
    expect(await h.call(LIU, 'activity.checkInByHand', { activityId: a.activityId, shiftId: a.shiftId, memberId: member(CHEN), step: 'in', reason: '帮他签' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
