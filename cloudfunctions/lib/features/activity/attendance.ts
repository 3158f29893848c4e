/**
 * How many minutes a check-in/out pair is worth — pure, integer minutes, no clock.
 *
 *   served   = min(check-out, shift end + grace) − max(check-in, shift start − grace), ≥ 0
 *   rounded  = the activity's rule (none / half hours, under half an hour not counted / under
 *              an hour counted as one)
 *   credited = min(rounded, daily cap − minutes already credited to the person that day)
 *
 * A forgotten check-out is credited as if the volunteer had left at the scheduled end (the
 * scheduled time, not the elapsed time until the sweep closed it), and flagged for review.
 */
import type { EntryFlag, RoundingRule } from '../../../../miniprogram/core/volunteer/vocabulary';

const MINUTE = 60_000;

export interface CreditInput {
  shift: { startAt: number; endAt: number };
  inAt: number;
  /** null: the volunteer never checked out (the sweep closed the record). */
  outAt: number | null;
  graceMinutes: number;
  rounding: RoundingRule;
  dailyCapMinutes: number;
  /** What this person was already credited on the same day (any activity; hours/day-cap.ts). */
  creditedTodayMinutes: number;
}

export interface Credit {
  minutes: number;
  flags: EntryFlag[];
}

export function roundMinutes(minutes: number, rule: RoundingRule): number {
  if (minutes <= 0) return 0;
  if (rule === 'halfHour') return Math.floor(minutes / 30) * 30;
  if (rule === 'hourMinimum') return Math.max(minutes, 60);
  return minutes;
}

export function creditMinutes(x: CreditInput): Credit {
  const flags: EntryFlag[] = [];
  const grace = x.graceMinutes * MINUTE;
  const out = x.outAt ?? x.shift.endAt;
  if (x.outAt === null) flags.push('forgotCheckOut');
  const from = Math.max(x.inAt, x.shift.startAt - grace);
  const to = Math.min(out, x.shift.endAt + grace);
  // Whole minutes served: a part minute is not counted.
  const served = Math.max(0, Math.floor((to - from) / MINUTE));
  const rounded = roundMinutes(served, x.rounding);
  const room = Math.max(0, x.dailyCapMinutes - Math.max(0, x.creditedTodayMinutes));
  const minutes = Math.min(rounded, room);
  if (minutes < rounded) flags.push('dailyCap');
  return { minutes, flags };
}

/** Beijing calendar date (YYYY-MM-DD) of an instant: the day a service is counted on. */
export function serviceDate(instant: number): string {
  return new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether a check-in at `at` is inside the shift's window: from start − grace to the end. */
export function insideWindow(shift: { startAt: number; endAt: number }, graceMinutes: number, at: number): boolean {
  return at >= shift.startAt - graceMinutes * MINUTE && at <= shift.endAt;
}
