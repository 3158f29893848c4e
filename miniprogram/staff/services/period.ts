/**
 * Report periods for the statistics page. Months are Beijing calendar months: a concern
 * filed at 00:30 on the 1st (Beijing) belongs to the new month even though it is still the
 * previous day in UTC. China keeps UTC+8 all year, so a fixed shift is exact.
 */
const OFFSET_MS = 8 * 3600 * 1000;

export type PeriodKind = 'thisMonth' | 'lastMonth' | 'last3Months';

export const PERIODS: ReadonlyArray<{ kind: PeriodKind; label: string }> = [
  { kind: 'thisMonth', label: '本月' },
  { kind: 'lastMonth', label: '上月' },
  { kind: 'last3Months', label: '近三个月' },
];

/** The UTC instant at which month `month0` (0-based, may overflow either way) of `year` begins in Beijing. */
function monthStart(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) - OFFSET_MS;
}

/**
 * `[from, to)` in UTC milliseconds: whole calendar months, `to` exclusive. "近三个月" is this
 * month and the two before it, so its figures agree with the three single months.
 */
export function periodRange(kind: PeriodKind, now: number): { from: number; to: number } {
  const local = new Date(now + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  switch (kind) {
    case 'thisMonth':
      return { from: monthStart(y, m), to: monthStart(y, m + 1) };
    case 'lastMonth':
      return { from: monthStart(y, m - 1), to: monthStart(y, m) };
    case 'last3Months':
      return { from: monthStart(y, m - 2), to: monthStart(y, m + 1) };
  }
}

/** `2026年3月1日 – 5月31日`: the last day shown is the one before the exclusive end. */
export function periodText(range: { from: number; to: number }): string {
  const from = new Date(range.from + OFFSET_MS);
  const last = new Date(range.to - 1 + OFFSET_MS);
  const head = `${from.getUTCFullYear()}年${from.getUTCMonth() + 1}月${from.getUTCDate()}日`;
  const tailYear = last.getUTCFullYear() !== from.getUTCFullYear() ? `${last.getUTCFullYear()}年` : '';
  return `${head} – ${tailYear}${last.getUTCMonth() + 1}月${last.getUTCDate()}日`;
}

/** `202605` for a single Beijing month, `202603-202605` for several: for naming export files. */
export function periodSlug(range: { from: number; to: number }): string {
  const ym = (t: number) => {
    const d = new Date(t + OFFSET_MS);
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const first = ym(range.from);
  const last = ym(range.to - 1);
  return first === last ? first : `${first}-${last}`;
}
