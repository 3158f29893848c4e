import type { MyHoursView } from '../../../../../miniprogram/core/hours/contract';
import { createHarness, type Harness } from '../../../../support/harness';
import { device, HOUR, seedActivity, type SeededActivity } from '../../../../support/volunteer-records';

const LIU = 'demo-resident-1';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const checkIn = async (a: SeededActivity, shift: number) => {
  const s = a.shifts[shift];
  h.clock.set(s.startAt);
  await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device(LIU) });
};
const checkOut = (a: SeededActivity, shift: number) =>
  h.call(LIU, 'activity.checkOut', { activityId: a.activityId, shiftId: a.shifts[shift].shiftId, code: a.code(h.clock.now(), a.shifts[shift].shiftId), deviceKey: device(LIU) });
const minutes = async () => (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries.map((e) => ({ minutes: e.minutes, capped: e.flags.includes('dailyCap') }));

describe('two check-outs racing on one day stay under the daily cap together', () => {
  test('two shifts of one activity: 195 + 180 minutes served, exactly 300 credited', async () => {
    // 5 h cap; shifts 01:00–04:00 and 04:00–07:00 from now, both still open at 07:00.
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 4 * HOUR], [4 * HOUR, 7 * HOUR]], dailyCapMinutes: 300 });
    await checkIn(a, 0);
    await checkIn(a, 1);
    h.clock.set(a.shifts[1].endAt);
    const outs = await Promise.all([checkOut(a, 0), checkOut(a, 1)]);
    expect(outs.map((o) => o.ok)).toEqual([true, true]);
    const got = await minutes();
    expect(got.reduce((n, e) => n + e.minutes, 0)).toBe(300);
    // Whichever came second was cut, and says so.
    expect(got.filter((e) => e.capped)).toHaveLength(1);
  });

  test('two activities on the same day share one cap', async () => {
    const morning = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 4 * HOUR]], dailyCapMinutes: 300 });
    const noon = await seedActivity(h, { booked: [LIU], shifts: [[4 * HOUR, 7 * HOUR]], dailyCapMinutes: 300 });
    await checkIn(morning, 0);
    await checkIn(noon, 0);
    h.clock.set(noon.shifts[0].endAt);
    await Promise.all([checkOut(morning, 0), checkOut(noon, 0)]);
    expect((await minutes()).reduce((n, e) => n + e.minutes, 0)).toBe(300);
  });
});

describe('a repeated check-out is credited once, with the minutes first decided', () => {
  test('a double tap writes one entry', async () => {
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 3 * HOUR]] });
    await checkIn(a, 0);
    h.clock.set(a.shifts[0].endAt);
    await Promise.all([checkOut(a, 0), checkOut(a, 0), checkOut(a, 0)]);
    expect(await minutes()).toEqual([{ minutes: 120, capped: false }]);
  });
});

describe('a declined entry gives its minutes back to the day', () => {
  test('after the morning is declined, the afternoon is credited in full', async () => {
    const a = await seedActivity(h, { booked: [LIU], shifts: [[HOUR, 4 * HOUR], [5 * HOUR, 8 * HOUR]], dailyCapMinutes: 240 });
    await checkIn(a, 0);
    h.clock.set(a.shifts[0].endAt);
    await checkOut(a, 0);
    const [morning] = (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries;
    await h.ok('demo-grid-1', 'hours.verify', { entryId: morning.id, decision: 'decline', reason: '当天未到岗，签到有误' });
    await checkIn(a, 1);
    h.clock.set(a.shifts[1].endAt);
    await checkOut(a, 1);
    const entries = (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries;
    expect(entries.find((e) => e.id !== morning.id)).toMatchObject({ minutes: 180 });
  });
});
