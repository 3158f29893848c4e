/**
 * Days for the booking pages' horizontal date strip. Slots are UTC instants; the strip is
 * in Beijing days, so a slot at 07:30 Beijing (23:30 UTC the day before) sits under the
 * right day. China keeps UTC+8 all year, so a fixed shift is exact.
 */
const OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The UTC instant at which the Beijing day containing `instant` begins. */
export function beijingDayStart(instant: number): number {
  return Math.floor((instant + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** `2026-05-06`, the Beijing date: a stable key, and the value a date picker uses. */
export function dayKey(instant: number): string {
  const d = new Date(instant + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The UTC instant at which a `YYYY-MM-DD` Beijing date begins; NaN for anything else. */
export function dayStartOf(key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS;
}

/** `09:30` in Beijing time. */
export function clockText(instant: number): string {
  const d = new Date(instant + OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `09:00–09:30`. */
export function timeRange(startAt: number, endAt: number): string {
  return `${clockText(startAt)}–${clockText(endAt)}`;
}

export interface StripDay {
  /** `YYYY-MM-DD`, Beijing. */
  key: string;
  /** UTC instant of the day's 00:00 in Beijing. */
  start: number;
  /** 今天 / 明天 / 周三 */
  weekday: string;
  /** 5月6日 */
  date: string;
  /** 今天 / 明天 / 周三 5月6日: one line, for dialogs and headings. */
  label: string;
}

/** How the strip names the Beijing day containing `instant`, seen from `now`. */
export function stripDay(instant: number, now: number): StripDay {
  const start = beijingDayStart(instant);
  const d = new Date(start + OFFSET_MS);
  const date = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const ahead = Math.round((start - beijingDayStart(now)) / DAY_MS);
  const weekday = ahead === 0 ? '今天' : ahead === 1 ? '明天' : WEEKDAY_NAMES[d.getUTCDay()];
  return { key: dayKey(start), start, weekday, date, label: ahead <= 1 && ahead >= 0 ? weekday : `${weekday} ${date}` };
}

/** `count` consecutive days from today, for pages that show every day (the staff day list). */
export function nextDays(now: number, count: number): StripDay[] {
  const today = beijingDayStart(now);
  return Array.from({ length: Math.max(0, count) }, (_, i) => stripDay(today + i * DAY_MS, now));
}

export interface DayGroup<T> {
  day: StripDay;
  items: T[];
}

/**
 * Groups slots by Beijing day, days in order and slots by start within each. Only days
 * that have slots appear, at most `maxDays` of them (the strip's 14).
 */
export function groupByDay<T extends { startAt: number }>(items: readonly T[], now: number, maxDays = 14): DayGroup<T>[] {
  const sorted = [...items].sort((a, b) => a.startAt - b.startAt);
  const groups: DayGroup<T>[] = [];
  for (const item of sorted) {
    const start = beijingDayStart(item.startAt);
    const last = groups[groups.length - 1];
    if (last && last.day.start === start) {
      last.items.push(item);
      continue;
    }
    if (groups.length >= maxDays) break;
    groups.push({ day: stripDay(item.startAt, now), items: [item] });
  }
  return groups;
}
