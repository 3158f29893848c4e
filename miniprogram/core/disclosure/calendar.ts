/**
 * When a disclosure falls due, in the community's time (UTC+8, no daylight saving): a
 * periodic category owes the period that ended last, by the end of `dueDay` of the month
 * after it; a triggered one owes its item `hours` or `days` after the trigger. Pure, so the
 * staff page and the sweep count the same deadline.
 */
import type { Cadence, Period } from './vocabulary';

const OFFSET = 8 * 3600_000;
const HOUR = 3600_000;

export function chinaDate(instant: number): { year: number; month: number; day: number } {
  const d = new Date(instant + OFFSET);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The last instant of a China-time day (month may run past 12: it carries into the year). */
export function endOfChinaDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day + 1) - OFFSET - 1;
}

/** 「2026-10」 */
export function monthKeyOf(instant: number): string {
  const { year, month } = chinaDate(instant);
  return `${year}-${String(month).padStart(2, '0')}`;
}


/** The deadline of a period under a periodic cadence; null when the period is not of its kind. */
export function periodDueAt(cadence: Cadence, period: Period): number | null {
  // Due in the month after the period (a quarter's is the next quarter's first month).
  if (cadence.kind === 'quarterly' && period.kind === 'quarter') return endOfChinaDay(period.year, period.quarter * 3 + 1, cadence.dueDay);
  if (cadence.kind === 'monthly' && period.kind === 'month') return endOfChinaDay(period.year, period.month + 1, cadence.dueDay);
  return null;
}

/** The period of a quarterly or monthly cadence that ended last before `instant`, and its deadline. */
export function lastEndedPeriod(cadence: Cadence, instant: number): { period: Period; dueAt: number } | null {
  const { year, month } = chinaDate(instant);
  let period: Period;
  if (cadence.kind === 'quarterly') {
    const currentQuarter = Math.floor((month - 1) / 3) + 1;
    period = currentQuarter === 1 ? { kind: 'quarter', year: year - 1, quarter: 4 } : { kind: 'quarter', year, quarter: (currentQuarter - 1) as 1 | 2 | 3 };
  } else if (cadence.kind === 'monthly') {
    period = month === 1 ? { kind: 'month', year: year - 1, month: 12 } : { kind: 'month', year, month: month - 1 };
  } else return null;
  return { period, dueAt: periodDueAt(cadence, period)! };
}

/** When the period running at `instant` ends (the next one's first instant); null for triggered cadences. */
export function nextPeriodStart(cadence: Cadence, instant: number): number | null {
  const { year, month } = chinaDate(instant);
  if (cadence.kind === 'quarterly') return Date.UTC(year, (Math.floor((month - 1) / 3) + 1) * 3, 1) - OFFSET;
  if (cadence.kind === 'monthly') return Date.UTC(year, month, 1) - OFFSET;
  return null;
}

/** A triggered item's deadline: `hours` after it, or the end of the day `days` after it. */
export function triggeredDueAt(cadence: Cadence, at: number): number {
  if (cadence.kind === 'immediate') return at + cadence.hours * HOUR;
  if (cadence.kind === 'withinDays') {
    const { year, month, day } = chinaDate(at);
    return endOfChinaDay(year, month, day + cadence.days);
  }
  // A periodic category's triggered item is due with its period: give it the usual 24 hours.
  return at + 24 * HOUR;
}
