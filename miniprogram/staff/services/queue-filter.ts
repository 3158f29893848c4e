/**
 * Workbench queue filters. The server refuses two combinations (see concern.queue's refine
 * rules): more than one of overdue / category / grid, and overdue together with a status.
 * The page never sends those: choosing one filter drops the ones it conflicts with, and
 * says which, so nobody wonders why a picker went back to "全部".
 */
import type { ConcernStatus } from '../../core/concern/contract';

export interface QueueFilter {
  /** Open items, the late ones first: what the workbench opens on. */
  open?: true;
  status?: ConcernStatus;
  overdue?: true;
  category?: string;
  gridId?: string;
}

export type FilterKey = keyof QueueFilter;

export const FILTER_LABELS: Record<FilterKey, string> = {
  open: '未办结',
  status: '状态',
  overdue: '只看超期',
  category: '分类',
  gridId: '网格',
};

const CONFLICTS: Record<FilterKey, readonly FilterKey[]> = {
  open: ['status', 'overdue', 'category', 'gridId'],
  status: ['overdue', 'open'],
  overdue: ['status', 'category', 'gridId', 'open'],
  category: ['overdue', 'gridId', 'open'],
  gridId: ['overdue', 'category', 'open'],
};

/** The list a workbench opens on: open items, the late ones first. */
export const DEFAULT_FILTER: QueueFilter = { open: true };

/** Sets (or, with undefined, clears) one filter; returns the new filter and what was dropped. */
export function setFilter<K extends FilterKey>(
  current: QueueFilter,
  key: K,
  value: QueueFilter[K] | undefined,
): { filter: QueueFilter; cleared: FilterKey[] } {
  const filter: QueueFilter = { ...current };
  const cleared: FilterKey[] = [];
  if (value === undefined) {
    delete filter[key];
    return { filter, cleared };
  }
  for (const other of CONFLICTS[key]) {
    if (filter[other] !== undefined) {
      delete filter[other];
      // Leaving the default list is what choosing a filter means: not worth a notice.
      if (other !== 'open') cleared.push(other);
    }
  }
  filter[key] = value;
  return { filter, cleared };
}

/** What the page says after dropping filters; '' when nothing was dropped. */
export function clearedNote(cleared: readonly FilterKey[]): string {
  if (cleared.length === 0) return '';
  const names = cleared.map((k) => `“${FILTER_LABELS[k]}”`).join('、');
  return `已取消${names}筛选：超期、分类、网格一次只能选一个，超期不能与状态同时选`;
}

/** The one line the folded 「筛选」 row shows: what the list holds now. */
export function filterSummary(f: QueueFilter, names: { status?: string; category?: string; grid?: string } = {}): string {
  const parts: string[] = [];
  if (f.open) parts.push('未办结，超期在前');
  if (f.status) parts.push(`状态：${names.status ?? f.status}`);
  if (f.overdue) parts.push('只看超期');
  if (f.category) parts.push(`分类：${names.category ?? ''}`);
  if (f.gridId) parts.push(`网格：${names.grid ?? ''}`);
  return parts.length ? parts.join('；') : '全部状态';
}
