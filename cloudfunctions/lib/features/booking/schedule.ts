import dayjs from 'dayjs';
import type { ScheduleEntry } from '../../../../miniprogram/core/booking/contract';
import { COMMUNITY_TZ } from '../../kernel/time';

/**
 * Slot start instants for a weekly schedule over the next `days` days, in Beijing time.
 * Pure. A slot that would run past its entry's end is not offered.
 */
export function slotStarts(schedule: readonly ScheduleEntry[], durationMinutes: number, from: number, days: number): number[] {
  const out: number[] = [];
  const firstDay = dayjs(from).tz(COMMUNITY_TZ).startOf('day');
  for (let d = 0; d <= days; d += 1) {
    const day = firstDay.add(d, 'day');
    const weekday = day.day() === 0 ? 7 : day.day();
    for (const entry of schedule.filter((e) => e.weekday === weekday)) {
      const [sh, sm] = entry.start.split(':').map(Number);
      const [eh, em] = entry.end.split(':').map(Number);
      const end = day.hour(eh).minute(em).valueOf();
      for (let t = day.hour(sh).minute(sm); t.valueOf() + durationMinutes * 60_000 <= end; t = t.add(durationMinutes, 'minute')) {
        if (t.valueOf() > from) out.push(t.valueOf());
      }
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

export function monthKey(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYYMM');
}
