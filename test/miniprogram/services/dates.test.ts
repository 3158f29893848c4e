import { dateText, timeLeftText } from '../../../miniprogram/services/dates';

/** A Beijing wall-clock time as a UTC instant. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const NOW = bj(2026, 12, 2, 10, 20);

describe('one way of wording a date, seen from now', () => {
  it('reads 今天 / 昨天 / 明天 with the time', () => {
    expect(dateText(bj(2026, 12, 2, 9, 30), NOW)).toBe('今天 09:30');
    expect(dateText(bj(2026, 12, 1, 18, 5), NOW)).toBe('昨天 18:05');
    expect(dateText(bj(2026, 12, 3, 10, 22), NOW)).toBe('明天 10:22');
  });
  it('reads an earlier day of the year as 11月28日, another year with its year', () => {
    expect(dateText(bj(2026, 11, 28, 10, 0), NOW)).toBe('11月28日');
    expect(dateText(bj(2025, 12, 2, 10, 0), NOW)).toBe('2025年12月2日');
  });
  it('keeps the hour of a deadline further ahead', () => {
    expect(dateText(bj(2026, 12, 9, 10, 22), NOW)).toBe('12月9日 10:22');
  });
  it('uses Beijing days: 00:30 Beijing is today, though it is yesterday in UTC', () => {
    expect(dateText(bj(2026, 12, 2, 0, 30), NOW)).toBe('今天 00:30');
  });
  it('never reads as an ISO stamp', () => {
    for (const t of [bj(2026, 1, 5, 8), bj(2026, 12, 2, 23, 59), bj(2027, 3, 1, 9)]) expect(dateText(t, NOW)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('the time left on a workbench card', () => {
  it('reads hours within a day, days beyond, 超期 once passed', () => {
    expect(timeLeftText(NOW + 4 * 3600_000, false, NOW)).toEqual({ text: '剩4小时', late: false });
    expect(timeLeftText(NOW + 20 * 60_000, false, NOW)).toEqual({ text: '剩不到1小时', late: false });
    expect(timeLeftText(NOW + 24 * 3600_000 - 60_000, false, NOW)).toEqual({ text: '剩23小时', late: false });
    expect(timeLeftText(NOW + 2.5 * 86400_000, false, NOW)).toEqual({ text: '剩2天', late: false });
    expect(timeLeftText(NOW - 1, false, NOW)).toEqual({ text: '超期', late: true });
  });
  it('believes the server about lateness, and says nothing while the clocks stand still', () => {
    expect(timeLeftText(NOW + 86400_000 * 3, true, NOW)).toEqual({ text: '超期', late: true });
    expect(timeLeftText(undefined, false, NOW)).toEqual({ text: '', late: false });
  });
});
