/** 今日待办's order and counts, pure: the handler and the page's tests read the same rule. */
import { TODAY_KINDS, type TodayKind, type TodayRow } from '../../../../miniprogram/core/workbench/today';

/** Overdue first, then by deadline (earliest first), rows without a deadline last; ties by key, stable across reads. */
export function compareRows(a: TodayRow, b: TodayRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt - b.dueAt;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function countRows(rows: readonly TodayRow[]): Record<TodayKind, number> {
  const counts = Object.fromEntries(TODAY_KINDS.map((k) => [k, 0])) as Record<TodayKind, number>;
  for (const r of rows) counts[r.kind] += 1;
  return counts;
}

/** Two features may raise one record (a key): the list shows it once. */
export function orderRows(rows: readonly TodayRow[]): TodayRow[] {
  const seen = new Set<string>();
  return [...rows].sort(compareRows).filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}
