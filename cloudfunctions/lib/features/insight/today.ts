/**
 * 今日待办's 未诉先办 rows: proposed cases in the caller's scope waiting for a decision (due
 * DECIDE_WITHIN_DAYS after the proposal), and accepted tasks in scope due within
 * TASK_SOON_DAYS or late. Two reads, each capped at TODAY_ROWS_PER_FEATURE.
 */
import { TODAY_KIND_LABELS, type TodayRow } from '../../../../miniprogram/core/workbench/today';
import { formatDay } from '../../../../miniprogram/core/format';
import type { HandlerContext } from '../../kernel/action';
import type { IdentifiedCaller } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { DAY } from '../../kernel/time';
import { CASES_PAGE } from './notices';
import type { Filter } from '../../ports/store';
import type { InsightCaseRecord } from './records';
import { scopeOf } from './scope';

export const DECIDE_WITHIN_DAYS = 7;
const TASK_SOON_DAYS = 3;

const daysText = (ms: number) => Math.max(1, Math.ceil(Math.abs(ms) / DAY));

export async function insightToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const caller = ctx.caller as IdentifiedCaller;
  if (!caller.roles.includes('admin') && !caller.roles.includes('gridWorker')) return [];
  const scope = scopeOf(caller);
  if (scope.gridIds !== null && scope.gridIds.length === 0) return [];
  const db = ctx.db();
  const now = ctx.now;
  const grid: Filter = scope.gridIds === null ? {} : { gridId: { $in: scope.gridIds } };
  const [proposed, tasks] = await Promise.all([
    db.query('insightCases', { where: { ...grid, state: 'proposed' }, orderBy: { field: 'proposedAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE }),
    db.query('insightCases', { where: { ...grid, state: 'accepted', taskDueAt: { $lte: now + TASK_SOON_DAYS * DAY } }, orderBy: { field: 'taskDueAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE }),
  ]);
  const row = (c: InsightCaseRecord, dueAt: number, reason: string, label: string): TodayRow => ({
    key: `case:${c._id}`, kind: 'case', kindLabel: TODAY_KIND_LABELS.case, title: `${c.buildingName} · ${c.categoryName}`, reason, dueAt, overdue: now > dueAt,
    open: { label, page: `${CASES_PAGE}?id=${c._id}` },
  });
  const rows = [
    ...proposed.items.map((c) => {
      const due = c.proposedAt + DECIDE_WITHIN_DAYS * DAY;
      return row(c, due, `30天内${c.itemCount}件，${now > due ? `研判已超期${daysText(now - due)}天` : `请在${formatDay(due)}前研判`}`, '研判');
    }),
    ...tasks.items.map((c) => {
      const due = c.taskDueAt as number;
      return row(c, due, `${c.decision?.owner?.name ?? ''}负责，${now > due ? `已超期${daysText(now - due)}天` : `${formatDay(due)}到期`}`, '查看任务');
    }),
  ];
  return rows.sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity)).slice(0, TODAY_ROWS_PER_FEATURE);
}
