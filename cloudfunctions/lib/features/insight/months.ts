/** 社情民意's months: the kernel's calendar months (Beijing time), and the steps between them. */
import { monthOf, monthSpan } from '../../kernel/months';

export { monthOf };

export const monthStart = (month: string): number => monthSpan(month).start;

export const monthEnd = (month: string): number => monthSpan(month).end;

/** The month `n` months before (negative: after). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

export const monthLabel = (month: string) => `${Number(month.slice(5))}月`;

/** A month as a half-open period for items.ts's (from, to]: from its first instant to its last. */
export const monthPeriod = (month: string) => ({ from: monthStart(month) - 1, to: monthEnd(month) - 1 });
