/**
 * The one way pages word a moment, seen from now (Beijing days): 今天 09:30, 昨天 18:05,
 * 明天 10:00, 12月2日, 2025年12月2日 — never an ISO stamp. A moment further ahead keeps its
 * hour (12月9日 10:22), because a deadline without it says too little.
 */
import { beijingDayStart, clockText, DAY_MS } from './date-strip';

const OFFSET_MS = 8 * 3600 * 1000;

function beijingYear(instant: number): number {
  return new Date(instant + OFFSET_MS).getUTCFullYear();
}

function monthDay(instant: number): string {
  const d = new Date(instant + OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function dateText(instant: number, now: number = Date.now()): string {
  const days = Math.round((beijingDayStart(instant) - beijingDayStart(now)) / DAY_MS);
  if (days === 0) return `今天 ${clockText(instant)}`;
  if (days === -1) return `昨天 ${clockText(instant)}`;
  if (days === 1) return `明天 ${clockText(instant)}`;
  const sameYear = beijingYear(instant) === beijingYear(now);
  const day = sameYear ? monthDay(instant) : `${beijingYear(instant)}年${monthDay(instant)}`;
  return days > 0 ? `${day} ${clockText(instant)}` : day;
}

const HOUR_MS = 3600 * 1000;

/**
 * What a workbench card says about its deadline: 剩4小时, 剩2天, or 超期 once it passed
 * (or the server says it is overdue); whole hours and days left, rounded down, so it never promises more time than there is.
 */
export function timeLeftText(dueAt: number | undefined, overdue: boolean, now: number = Date.now()): { text: string; late: boolean } {
  if (overdue || (dueAt !== undefined && dueAt <= now)) return { text: '超期', late: true };
  if (dueAt === undefined) return { text: '', late: false };
  const left = dueAt - now;
  if (left < HOUR_MS) return { text: '剩不到1小时', late: false };
  if (left < DAY_MS) return { text: `剩${Math.floor(left / HOUR_MS)}小时`, late: false };
  return { text: `剩${Math.floor(left / DAY_MS)}天`, late: false };
}
