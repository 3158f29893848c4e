import {
  beijingDayStart,
  clockText,
  DAY_MS,
  dayKey,
  dayStartOf,
  groupByDay,
  nextDays,
  stripDay,
  timeRange,
} from '../../../miniprogram/services/date-strip';

const H = 3600_000;
/** The UTC instant of a Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

describe('Beijing day boundaries', () => {
  it('puts 07:30 Beijing on its own day although UTC is still on the day before', () => {
    const t = bj(2026, 5, 6, 7, 30);
    expect(new Date(t).getUTCDate()).toBe(5);
    expect(beijingDayStart(t)).toBe(bj(2026, 5, 6));
    expect(dayKey(t)).toBe('2026-05-06');
  });

  it('keeps 23:59 Beijing on the same day and 00:00 on the next', () => {
    expect(beijingDayStart(bj(2026, 5, 6, 23, 59))).toBe(bj(2026, 5, 6));
    expect(beijingDayStart(bj(2026, 5, 7))).toBe(bj(2026, 5, 7));
  });

  it('turns a picker date into the instant its Beijing day begins, and back', () => {
    expect(dayStartOf('2026-05-06')).toBe(bj(2026, 5, 6));
    expect(dayKey(dayStartOf('2026-12-31'))).toBe('2026-12-31');
    expect(dayStartOf('5月6日')).toBeNaN();
  });

  it('shows times in Beijing time', () => {
    expect(clockText(bj(2026, 5, 6, 9, 5))).toBe('09:05');
    expect(timeRange(bj(2026, 5, 6, 9), bj(2026, 5, 6, 9, 30))).toBe('09:00–09:30');
  });
});

describe('day labels seen from now', () => {
  const now = bj(2026, 5, 6, 22, 0); // a Wednesday evening

  it('says 今天 and 明天 for the next two days, even late in the evening', () => {
    expect(stripDay(bj(2026, 5, 6, 23, 30), now)).toMatchObject({ key: '2026-05-06', weekday: '今天', date: '5月6日', label: '今天' });
    expect(stripDay(bj(2026, 5, 7, 0, 30), now)).toMatchObject({ weekday: '明天', label: '明天' });
  });

  it('names other days by weekday and date', () => {
    expect(stripDay(bj(2026, 5, 8, 9), now)).toMatchObject({ weekday: '周五', date: '5月8日', label: '周五 5月8日' });
    expect(stripDay(bj(2026, 5, 10, 9), now).weekday).toBe('周日');
    expect(stripDay(bj(2026, 5, 4, 9), now).label).toBe('周一 5月4日');
  });

  it('just after midnight Beijing, the new day is 今天 while UTC still shows yesterday', () => {
    const early = bj(2026, 5, 7, 0, 10);
    expect(stripDay(bj(2026, 5, 7, 9), early).weekday).toBe('今天');
    expect(stripDay(bj(2026, 5, 8, 9), early).weekday).toBe('明天');
  });

  it('lists consecutive days from today', () => {
    const days = nextDays(now, 14);
    expect(days).toHaveLength(14);
    expect(days.map((d) => d.weekday).slice(0, 3)).toEqual(['今天', '明天', '周五']);
    expect(days[13].key).toBe('2026-05-19');
    expect(days[1].start - days[0].start).toBe(DAY_MS);
  });
});

describe('grouping slots for the strip', () => {
  const now = bj(2026, 5, 6, 8);
  const slot = (id: string, t: number) => ({ id, startAt: t });

  it('groups by Beijing day in order, slots sorted within each day', () => {
    const groups = groupByDay(
      [slot('b', bj(2026, 5, 6, 14)), slot('c', bj(2026, 5, 7, 7, 30)), slot('a', bj(2026, 5, 6, 9)), slot('d', bj(2026, 5, 9, 9))],
      now,
    );
    expect(groups.map((g) => g.day.label)).toEqual(['今天', '明天', '周六 5月9日']);
    expect(groups[0].items.map((s) => s.id)).toEqual(['a', 'b']);
    // 07:30 Beijing on the 7th is 23:30 UTC on the 6th: it belongs to 明天.
    expect(groups[1].items.map((s) => s.id)).toEqual(['c']);
  });

  it('shows only days that have slots, at most the first 14', () => {
    const slots = Array.from({ length: 20 }, (_, i) => slot(`s${i}`, bj(2026, 5, 6 + i * 2, 9)));
    const groups = groupByDay(slots, now, 14);
    expect(groups).toHaveLength(14);
    expect(groups[13].items[0].id).toBe('s13');
  });

  it('is empty when there are no slots', () => {
    expect(groupByDay([], now)).toEqual([]);
  });
});
