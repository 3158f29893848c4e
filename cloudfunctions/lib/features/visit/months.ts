/** Months as the community counts them: in Beijing time, from the 1st at 00:00. */
import dayjs from 'dayjs';
import type { ReportMonth } from '../../../../miniprogram/core/workbench/report';
import { COMMUNITY_TZ } from '../../kernel/time';

export function monthOf(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYY-MM');
}

export function monthRange(month: string): ReportMonth {
  const start = dayjs.tz(`${month}-01 00:00`, COMMUNITY_TZ);
  return { month, start: start.valueOf(), end: start.add(1, 'month').valueOf() };
}
