/**
 * Calendar months as the community counts them: in Beijing time (COMMUNITY_TZ), from the 1st
 * at 00:00 to the next 1st. The report, the visit log, 社情民意 and the 街道 all count by these.
 */
import dayjs from 'dayjs';
import type { ReportMonth } from '../../../miniprogram/core/workbench/report';
import { COMMUNITY_TZ } from './time';

/** 「2026-11」: the month `instant` falls in. */
export function monthOf(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYY-MM');
}

/** A month's first instant and the next month's. */
export function monthSpan(month: string): ReportMonth {
  const start = dayjs.tz(`${month}-01 00:00`, COMMUNITY_TZ);
  return { month, start: start.valueOf(), end: start.add(1, 'month').valueOf() };
}

/** The month before the one `instant` falls in. */
export function previousMonth(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).startOf('month').subtract(1, 'day').format('YYYY-MM');
}

/** The last `n` months that have ended before `instant`, latest first. */
export function endedMonths(instant: number, n: number): string[] {
  const first = dayjs(instant).tz(COMMUNITY_TZ).startOf('month');
  return Array.from({ length: n }, (_, i) => first.subtract(i + 1, 'month').format('YYYY-MM'));
}
