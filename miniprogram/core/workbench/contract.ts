/**
 * 工作台: 今日待办, what every feature needs of the calling staff member today, in one list
 * ordered by deadline (the rows are today.ts's; each feature writes its own).
 */
import { contract } from '../action';
import { z } from '../schema';
import { TODAY_KINDS, type TodayKind, type TodayRow } from './today';

export { TODAY_KINDS, TODAY_KIND_LABELS, type TodayKind, type TodayRow } from './today';

export interface TodayView {
  /** Overdue first, then by deadline, rows without one last. */
  rows: TodayRow[];
  /** Rows per kind, every kind present (0 when none). */
  counts: Record<TodayKind, number>;
  /** What the tab-bar badge shows: every row. */
  total: number;
  /** A feature had more than its share (TODAY_ROWS_PER_FEATURE): the list stops at the most urgent. */
  more: boolean;
}

export const today = contract<TodayView>()({
  name: 'workbench.today',
  summary: '今日待办：各项工作中今天要处理的事，按期限排序',
  input: z.strictObject({}),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：所负责网格；管理员：本社区；只列本人要处理的',
});

export const EMPTY_COUNTS: Record<TodayKind, number> = Object.fromEntries(TODAY_KINDS.map((k) => [k, 0])) as Record<TodayKind, number>;
