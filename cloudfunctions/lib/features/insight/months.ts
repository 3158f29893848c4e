/** Calendar months in Beijing time (UTC+8 all year, no daylight saving). */
const OFFSET = 8 * 3600_000;

export function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) - OFFSET;
}

export function monthEnd(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m, 1) - OFFSET;
}

export function monthOf(instant: number): string {
  return new Date(instant + OFFSET).toISOString().slice(0, 7);
}

/** The month `n` months before (negative: after). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

export const monthLabel = (month: string) => `${Number(month.slice(5))}月`;

/** A month as a half-open period for items.ts's (from, to]: from its first instant to its last. */
export const monthPeriod = (month: string) => ({ from: monthStart(month) - 1, to: monthEnd(month) - 1 });
