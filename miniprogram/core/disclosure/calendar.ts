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


/** The period of a quarterly or monthly cadence that ended last before `instant`, and its deadline. */
export function lastEndedPeriod(cadence: Cadence, instant: number): { period: Period; dueAt: number } | null {
  const { year, month } = chinaDate(instant);
  if (cadence.kind === 'quarterly') {
    const currentQuarter = Math.floor((month - 1) / 3) + 1;
    const quarter = currentQuarter === 1 ? 4 : currentQuarter - 1;
    const qYear = currentQuarter === 1 ? year - 1 : year;
    // Due in the first month of the quarter after it, which is the current quarter's first month.
    const dueMonth = (currentQuarter - 1) * 3 + 1;
    return { period: { kind: 'quarter', year: qYear, quarter: quarter as 1 | 2 | 3 | 4 }, dueAt: endOfChinaDay(year, dueMonth, cadence.dueDay) };
  }
  if (cadence.kind === 'monthly') {
    const pMonth = month === 1 ? 12 : month - 1;
    const pYear = month === 1 ? year - 1 : year;
    return { period: { kind: 'month', year: pYear, month: pMonth }, dueAt: endOfChinaDay(year, month, cadence.dueDay) };
  }
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
