import { creditMinutes, insideWindow, roundMinutes, serviceDate, type CreditInput } from '../../../../../cloudfunctions/lib/features/activity/attendance';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 28, 1, 0); // 09:00 Beijing
const END = START + 120 * MIN; // 11:00
const base: CreditInput = { shift: { startAt: START, endAt: END }, inAt: START, outAt: END, graceMinutes: 15, rounding: 'none', dailyCapMinutes: 480, creditedTodayMinutes: 0 };
const credit = (x: Partial<CreditInput>) => creditMinutes({ ...base, ...x });

describe('minutes served: min(out, end + grace) − max(in, start − grace)', () => {
  test('on time in and out is the shift', () => expect(credit({})).toEqual({ minutes: 120, flags: [] }));
  test('arriving early counts from start − grace only', () => expect(credit({ inAt: START - 60 * MIN }).minutes).toBe(135));
  test('arriving within the grace counts from arrival', () => expect(credit({ inAt: START - 10 * MIN }).minutes).toBe(130));
  test('arriving late counts from arrival', () => expect(credit({ inAt: START + 30 * MIN }).minutes).toBe(90));
  test('staying late counts to end + grace only', () => expect(credit({ outAt: END + 90 * MIN }).minutes).toBe(135));
  test('leaving early counts to departure', () => expect(credit({ outAt: START + 45 * MIN }).minutes).toBe(45));
  test('both ends outside the grace give the shift plus both graces', () => expect(credit({ inAt: START - 5 * 60 * MIN, outAt: END + 5 * 60 * MIN }).minutes).toBe(150));
  test('a part minute is not counted', () => expect(credit({ outAt: START + 45 * MIN + 59_000 }).minutes).toBe(45));
  test('out before in, or both after the window, is zero, never negative', () => {
    expect(credit({ inAt: START + 60 * MIN, outAt: START + 30 * MIN }).minutes).toBe(0);
    expect(credit({ inAt: END + 60 * MIN, outAt: END + 90 * MIN }).minutes).toBe(0);
  });
  test('grace 0 is the shift exactly', () => expect(credit({ graceMinutes: 0, inAt: START - 30 * MIN, outAt: END + 30 * MIN }).minutes).toBe(120));
});

describe('rounding rules', () => {
  test.each([
    ['none', 0, 0], ['none', 29, 29], ['none', 61, 61],
    ['halfHour', 0, 0], ['halfHour', 29, 0], ['halfHour', 30, 30], ['halfHour', 59, 30], ['halfHour', 95, 90],
    ['hourMinimum', 0, 0], ['hourMinimum', 1, 60], ['hourMinimum', 59, 60], ['hourMinimum', 60, 60], ['hourMinimum', 75, 75],
  ] as const)('%s rounds %i to %i', (rule, raw, out) => expect(roundMinutes(raw, rule)).toBe(out));

  test('the rule applies to what was served', () => {
    expect(credit({ rounding: 'halfHour', outAt: START + 50 * MIN }).minutes).toBe(30);
    expect(credit({ rounding: 'hourMinimum', outAt: START + 20 * MIN }).minutes).toBe(60);
    expect(credit({ rounding: 'hourMinimum', outAt: START }).minutes).toBe(0);
  });
});

describe('per-person daily cap', () => {
  test('what was already credited that day leaves the rest of the cap', () => {
    expect(credit({ creditedTodayMinutes: 400 })).toEqual({ minutes: 80, flags: ['dailyCap'] });
  });
  test('a full day gives zero, flagged', () => expect(credit({ creditedTodayMinutes: 480 })).toEqual({ minutes: 0, flags: ['dailyCap'] }));
  test('exactly reaching the cap is not flagged', () => expect(credit({ creditedTodayMinutes: 360 })).toEqual({ minutes: 120, flags: [] }));
  test('the cap applies after rounding', () => {
    expect(credit({ rounding: 'hourMinimum', outAt: START + 20 * MIN, creditedTodayMinutes: 450 })).toEqual({ minutes: 30, flags: ['dailyCap'] });
  });
  test('a cap below one shift cuts the shift', () => expect(credit({ dailyCapMinutes: 60 })).toEqual({ minutes: 60, flags: ['dailyCap'] }));
});

describe('a forgotten check-out', () => {
  test('is credited the scheduled end, not the time the sweep closed it, and flagged', () => {
    expect(credit({ outAt: null })).toEqual({ minutes: 120, flags: ['forgotCheckOut'] });
    expect(credit({ outAt: null, inAt: START + 60 * MIN })).toEqual({ minutes: 60, flags: ['forgotCheckOut'] });
  });
  test('still meets rounding and the cap', () => {
    expect(credit({ outAt: null, inAt: START + 100 * MIN, rounding: 'halfHour' })).toEqual({ minutes: 0, flags: ['forgotCheckOut'] });
    expect(credit({ outAt: null, creditedTodayMinutes: 470 })).toEqual({ minutes: 10, flags: ['forgotCheckOut', 'dailyCap'] });
  });
});

describe('window and day', () => {
  test('the window runs from start − grace to the end', () => {
    expect(insideWindow(base.shift, 15, START - 15 * MIN)).toBe(true);
    expect(insideWindow(base.shift, 15, START - 16 * MIN)).toBe(false);
    expect(insideWindow(base.shift, 15, END)).toBe(true);
    expect(insideWindow(base.shift, 15, END + 1)).toBe(false);
  });
  test('the service date is the Beijing calendar day', () => {
    expect(serviceDate(Date.UTC(2026, 10, 28, 15, 59))).toBe('2026-11-28');
    expect(serviceDate(Date.UTC(2026, 10, 28, 16, 0))).toBe('2026-11-29');
  });
});
