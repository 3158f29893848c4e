import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Rules count days as the community does: in Beijing time. */
export const COMMUNITY_TZ = 'Asia/Shanghai';

export function localDayKey(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYYMMDD');
}

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;
