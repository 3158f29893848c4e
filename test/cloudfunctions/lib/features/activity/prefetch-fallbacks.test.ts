/**
 * The reads an action makes with the caller's record (its prefetch) are guesses from the
 * input: a page that turns out to have more, a phone claim not among the latest, a check-out
 * on another day than the shift's start. Each of these is read as before, and the answer is
 * the same. Also: a sign-up refused for its time, whose place was claimed at the same moment,
 * leaves the place as it was.
 */
import type { AttendanceRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';
import type { ActivitySeatRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';
import type { AttendanceView, CheckInCodeView } from '../../../../../miniprogram/core/volunteer/check-in-contract';
import type { SignupView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { device, HOUR, MIN, seedActivity } from '../../../../support/volunteer-records';
import { makeActivity, makeTeam, volunteers } from '../../../../support/volunteering';

const LEAD = 'demo-grid-1';
const LIU = 'demo-resident-1';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('checking out', () => {
  test('of a shift that started the day before credits the day it started', async () => {
    h.clock.set(Date.UTC(2026, 11, 3, 14, 0)); // 22:00 Beijing
    const a = await seedActivity(h, { booked: [LIU] }); // 23:00 → 01:00
    h.clock.set(a.shifts[0].startAt);
    await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: a.shiftId, code: a.code(), deviceKey: device('liu') });
    h.clock.set(a.shifts[0].endAt);
    const out = await h.ok<AttendanceView>(LIU, 'activity.checkOut', { activityId: a.activityId, shiftId: a.shiftId, code: a.code(), deviceKey: device('liu') });
    expect(out.minutes).toBe(120);
    const day = await h.deps.store.get<{ _id: string; entries: Record<string, { minutes: number }> }>('hourDays', `hd_${member(LIU)}_2026-12-03`);
    expect(Object.values(day?.entries ?? {}).map((e) => e.minutes)).toEqual([120]);
  });

  test('with the phone of a shift checked into before ten others is still the same phone', async () => {
    const shifts: Array<[number, number]> = Array.from({ length: 12 }, () => [HOUR, 3 * HOUR]);
    const a = await seedActivity(h, { booked: [LIU], shifts });
    h.clock.set(a.shifts[0].startAt);
    for (const s of a.shifts) {
      await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device('liu') });
      h.clock.advance(1000);
    }
    h.clock.set(a.shifts[0].endAt);
    const out = await h.call<AttendanceView>(LIU, 'activity.checkOut', { activityId: a.activityId, shiftId: 's1', code: a.code(h.clock.now(), 's1'), deviceKey: device('liu') });
    expect(out).toMatchObject({ ok: true, data: { minutes: 120 } });
  });
});

describe('the code screen', () => {
  test('finds who checked in when the activity has more attendance than one page', async () => {
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 3 * HOUR], [HOUR, 3 * HOUR]] });
    const start = a.shifts[0].startAt;
    // A hundred earlier check-ins on the other shift fill the activity's first page.
    for (let i = 0; i < 100; i += 1) {
      const record: AttendanceRecord = {
        _id: `ci_${a.activityId}_s2_m${i}`, communityId: 'demo', activityId: a.activityId, shiftId: 's2', memberId: `m${i}`,
        inAt: start - 30 * MIN + i, inMethod: 'manual', outAt: null, outMethod: null, deviceKey: null, recordedBy: member(LEAD), reason: '补录',
        flags: ['manual'], wakeAt: null, version: 0,
      };
      await h.deps.store.insert('attendance', record);
    }
    h.clock.set(start);
    await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: 's1', code: a.code(), deviceKey: device('liu') });
    const screen = await h.ok<CheckInCodeView>(LEAD, 'activity.checkInCode', { activityId: a.activityId, shiftId: 's1' });
    expect(screen.people.map((p) => [p.name, p.state])).toEqual([['刘阿姨', 'in']]);
    expect(screen.counts).toEqual({ booked: 1, checkedIn: 1, checkedOut: 0 });
  });
});

describe('a sign-up refused for its time', () => {
  test('gives back the seat it claimed at the same moment', async () => {
    const teamId = await makeTeam(h);
    const [p, q] = await volunteers(h, 2);
    const start = h.clock.now() + 23 * HOUR;
    const first = await makeActivity(h, { teamId, startAt: start, hours: 3 });
    const overlapping = await makeActivity(h, { teamId, title: '助老探访', startAt: start + HOUR, hours: 2, seats: 1 });
    await h.ok(p, 'activity.signup', { activityId: first.id, shiftId: 's1', roleId: 'r1' }, key());
    const refused = await h.call<SignupView>(p, 'activity.signup', { activityId: overlapping.id, shiftId: 's1', roleId: 'r1' }, key());
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'shiftId' }] } } });
    const pool = await h.deps.store.get<ActivitySeatRecord>('activitySeats', `as_${overlapping.id}_s1_r1`);
    expect(pool).toMatchObject({ seatsLeft: 1, holders: {}, waitlist: [], waitlistCount: 0 });
    expect(await h.call<SignupView>(q, 'activity.signup', { activityId: overlapping.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ ok: true, data: { status: 'booked' } });
  });
});
