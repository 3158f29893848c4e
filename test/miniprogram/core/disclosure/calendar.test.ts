/** Deadlines as the community counts them: in Beijing time, across quarter and year ends. */
import { endOfChinaDay, lastEndedPeriod, monthKeyOf, nextPeriodStart, periodDueAt, triggeredDueAt } from '../../../../miniprogram/core/disclosure/calendar';

const at = (iso: string) => Date.parse(iso);

describe('a quarterly category owes the quarter that ended last, by the 15th of the next month', () => {
  it('in November owes Q3, due at the end of 15 October', () => {
    const r = lastEndedPeriod({ kind: 'quarterly', dueDay: 15 }, at('2026-11-20T10:00:00+08:00'));
    expect(r!.period).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(r!.dueAt).toBe(at('2026-10-16T00:00:00+08:00') - 1);
  });
  it('on 1 January (Beijing) already owes Q4 of the year before, though it is still 31 December in UTC', () => {
    const r = lastEndedPeriod({ kind: 'quarterly', dueDay: 15 }, at('2026-12-31T17:00:00Z'));
    expect(r!.period).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(r!.dueAt).toBe(at('2027-01-16T00:00:00+08:00') - 1);
  });
});

describe('a monthly category owes last month', () => {
  it('in January owes December of the year before', () => {
    const r = lastEndedPeriod({ kind: 'monthly', dueDay: 10 }, at('2027-01-05T09:00:00+08:00'));
    expect(r!.period).toEqual({ kind: 'month', year: 2026, month: 12 });
    expect(r!.dueAt).toBe(at('2027-01-11T00:00:00+08:00') - 1);
  });
  it('has no period for a triggered cadence', () => {
    expect(lastEndedPeriod({ kind: 'immediate', hours: 24 }, at('2027-01-05T09:00:00+08:00'))).toBeNull();
  });
});

describe('a triggered item is due hours or days after its trigger', () => {
  it('immediate: 24 hours later', () => {
    expect(triggeredDueAt({ kind: 'immediate', hours: 24 }, at('2026-12-01T09:00:00+08:00'))).toBe(at('2026-12-02T09:00:00+08:00'));
  });
  it('within 5 days: the end of the fifth day, across a month end', () => {
    expect(triggeredDueAt({ kind: 'withinDays', days: 5 }, at('2026-11-28T23:30:00+08:00'))).toBe(endOfChinaDay(2026, 12, 3));
  });
  it('counts the month in Beijing time', () => {
    expect(monthKeyOf(at('2026-09-30T16:30:00Z'))).toBe('2026-10');
  });
});

describe('a period published early or late keeps the deadline of its own period', () => {
  it('owes Q4 by 15 January of the next year, whenever it is published', () => {
    expect(periodDueAt({ kind: 'quarterly', dueDay: 15 }, { kind: 'quarter', year: 2026, quarter: 4 })).toBe(at('2027-01-16T00:00:00+08:00') - 1);
  });
  it('has no deadline for a period of another kind than its cadence', () => {
    expect(periodDueAt({ kind: 'quarterly', dueDay: 15 }, { kind: 'month', year: 2026, month: 9 })).toBeNull();
    expect(periodDueAt({ kind: 'immediate', hours: 24 }, { kind: 'none' })).toBeNull();
  });
});

describe('the clock looks again when the running period ends', () => {
  it('a quarterly category on 2 December wakes at 1 January, Beijing midnight', () => {
    expect(nextPeriodStart({ kind: 'quarterly', dueDay: 15 }, at('2026-12-02T10:00:00+08:00'))).toBe(at('2027-01-01T00:00:00+08:00'));
  });
  it('a monthly category wakes at the first of next month, even in the last UTC hours of the month before', () => {
    expect(nextPeriodStart({ kind: 'monthly', dueDay: 10 }, at('2026-10-31T17:00:00Z'))).toBe(at('2026-12-01T00:00:00+08:00'));
  });
  it('a triggered category has no period to wait for', () => {
    expect(nextPeriodStart({ kind: 'withinDays', days: 5 }, at('2026-10-31T17:00:00Z'))).toBeNull();
  });
});
