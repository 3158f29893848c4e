/** Calendar months as the community counts them: in Beijing time (COMMUNITY_TZ). */
import dayjs from 'dayjs';
import type { ReportMonth } from '../../../../miniprogram/core/workbench/report';
import { COMMUNITY_TZ } from '../../kernel/time';

export function reportMonth(month: string): ReportMonth {
  const start = dayjs.tz(`${month}-01 00:00`, COMMUNITY_TZ);
  return { month, start: start.valueOf(), end: start.add(1, 'month').valueOf() };
}

export function monthOf(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYY-MM');
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
