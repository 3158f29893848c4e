import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';
import { reportIdFor } from './ids';
import { issueMonth } from './issue';
import { viewOf } from './load';
import { monthSpan } from '../../kernel/months';

const byId = { field: '_id', dir: 'asc' } as const;

/**
 * Read with the caller's record: the month's report, if issued (one per community and month,
 * looked up by month: its id names the community, not known before the record is read).
 */
export const prefetchIssue: PrefetchOf<'report.issue'> = (input) => ({
  report: { collection: 'reports', where: { communityId: fromAnchor('communityId'), month: input.month }, orderBy: byId, limit: 1 },
});

/**
 * 出具: an admin issues a month that has ended without waiting for the sweep (or re-asks for
 * one already issued, which comes back as it was). Same id as the sweep's, so the two never
 * make two reports.
 */
export const issueReport: Handler<'report.issue'> = async (ctx) => {
  const db = ctx.db();
  if (monthSpan(ctx.input.month).end > ctx.now) throw fieldError('VALIDATION_ERROR', 'month', '这个月还没有结束，结束后才能出具报告');
  const found = (await db.query('reports', { where: { month: ctx.input.month }, orderBy: byId, limit: 1 })).items.find((r) => r._id === reportIdFor(db.communityId, ctx.input.month));
  const { report } = await issueMonth(db, ctx.features, ctx.input.month, ctx.now, { caller: ctx.caller, name: ctx.caller.name ?? '社区管理员' }, { existing: found ?? null });
  return viewOf(db, report);
};
