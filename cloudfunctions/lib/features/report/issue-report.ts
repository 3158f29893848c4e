import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type PartFilter, type ReadPart } from '../../ports/store';
import { monthStart, shiftMonth } from '../insight/months';
import { reportIdFor } from './ids';
import { issueMonth } from './issue';
import { viewOf } from './load';
import { monthSpan } from '../../kernel/months';

const byId = { field: '_id', dir: 'asc' } as const;

/** The first page `everyPage` asks of a collection in the caller's community. */
const firstPage = (collection: string, where: PartFilter, field: string): ReadPart => ({
  collection,
  where: { communityId: fromAnchor('communityId'), ...where },
  orderBy: { field, dir: 'asc' },
  limit: 100,
});

/**
 * Read with the caller's record: the month's report, if issued (one per community and month,
 * looked up by month: its id names the community, not known before the record is read); and
 * the first lists of the parts whose next read waits on them (the month's concerns, then
 * their handlers' names; its meetings, then each one's quorum; the cases of the month and the
 * two before, then 每月一题), so those next reads go in the first wave with the other parts'.
 * Each copies its hook's first page (the features' monthly-report); a hook that
 * asks otherwise reads for itself, as before (test/cloudfunctions/lib/features/report/prefetch.test.ts).
 */
export const prefetchIssue: PrefetchOf<'report.issue'> = (input) => {
  const { start, end } = monthSpan(input.month);
  return {
    report: { collection: 'reports', where: { communityId: fromAnchor('communityId'), month: input.month }, orderBy: byId, limit: 1 },
    concerns: firstPage('concerns', { createdAt: { $gte: start, $lt: end } }, 'createdAt'),
    meetings: firstPage('meetings', { status: { $in: ['ended', 'minutesApproved'] }, startsAt: { $gte: start, $lt: end } }, 'startsAt'),
    cases: firstPage('insightCases', { proposedAt: { $gte: monthStart(shiftMonth(input.month, 2)), $lt: end } }, 'proposedAt'),
    // Lists nothing waits on, read here so the first wave holds fewer (a wave of 17 is three reads).
    hours: firstPage('hourEntries', { status: 'verified', decidedAt: { $gte: start, $lt: end } }, 'decidedAt'),
    dues: firstPage('disclosureDues', { month: input.month }, 'dueAt'),
  };
};

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
