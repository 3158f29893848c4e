import { PERIODS, periodRange, periodSlug, periodText } from '../../../miniprogram/staff/services/period';

const H = 3600_000;
/** The UTC instant of a Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

describe('this month', () => {
  it('runs from the 1st 00:00 to the next 1st 00:00, Beijing time', () => {
    expect(periodRange('thisMonth', bj(2026, 5, 20, 10))).toEqual({ from: bj(2026, 5, 1), to: bj(2026, 6, 1) });
  });

  it('already belongs to the new month at 00:30 on the 1st, while UTC is still in the old one', () => {
    const now = bj(2026, 6, 1, 0, 30);
    expect(new Date(now).getUTCMonth()).toBe(4); // still May in UTC
    expect(periodRange('thisMonth', now)).toEqual({ from: bj(2026, 6, 1), to: bj(2026, 7, 1) });
  });

  it('still belongs to the old month at 23:59 on its last day', () => {
    expect(periodRange('thisMonth', bj(2026, 5, 31, 23, 59))).toEqual({ from: bj(2026, 5, 1), to: bj(2026, 6, 1) });
  });
});

describe('last month', () => {
  it('ends where this month begins', () => {
    const now = bj(2026, 5, 20);
    expect(periodRange('lastMonth', now)).toEqual({ from: bj(2026, 4, 1), to: periodRange('thisMonth', now).from });
  });

  it('crosses into the previous year in January', () => {
    expect(periodRange('lastMonth', bj(2026, 1, 15))).toEqual({ from: bj(2025, 12, 1), to: bj(2026, 1, 1) });
  });
});

describe('the last three months', () => {
  it('are this month and the two before it', () => {
    expect(periodRange('last3Months', bj(2026, 5, 20))).toEqual({ from: bj(2026, 3, 1), to: bj(2026, 6, 1) });
  });

  it('reach back across the new year', () => {
    expect(periodRange('last3Months', bj(2026, 2, 10))).toEqual({ from: bj(2025, 12, 1), to: bj(2026, 3, 1) });
  });

  it('stay well inside the one-year limit of concern.stats', () => {
    const r = periodRange('last3Months', bj(2026, 5, 20));
    expect(r.to - r.from).toBeLessThanOrEqual(366 * 24 * H);
  });
});

describe('every period', () => {
  it('has a label and a non-empty range for any instant', () => {
    for (const p of PERIODS) {
      for (const now of [0, bj(2024, 2, 29, 12), bj(2026, 12, 31, 23, 59), Date.UTC(2030, 0, 1)]) {
        const r = periodRange(p.kind, now);
        expect(r.to).toBeGreaterThan(r.from);
      }
    }
    expect(PERIODS.map((p) => p.label)).toEqual(['本月', '上月', '近三个月']);
  });
});

describe('the period as text', () => {
  it('names the first and the last day, the year once', () => {
    expect(periodText({ from: bj(2026, 3, 1), to: bj(2026, 6, 1) })).toBe('2026年3月1日 – 5月31日');
    expect(periodText({ from: bj(2025, 12, 1), to: bj(2026, 3, 1) })).toBe('2025年12月1日 – 2026年2月28日');
  });
});

describe('the period in a file name', () => {
  it('is the Beijing month for one month and first-last for several', () => {
    expect(periodSlug(periodRange('thisMonth', bj(2026, 5, 20)))).toBe('202605');
    expect(periodSlug(periodRange('thisMonth', bj(2026, 6, 1, 0, 30)))).toBe('202606');
    expect(periodSlug(periodRange('last3Months', bj(2026, 2, 10)))).toBe('202512-202602');
  });
});
