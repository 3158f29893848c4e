import { QUEUE_COUNT_MAX, type QueueView } from '../../../../miniprogram/core/concern/contract';
import type { Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { baseFilter, openFilter } from './concern-queue';

/**
 * How many open items wait in each workbench list the caller may open, for the numbers on
 * its tabs: one bounded, index-backed count per list (at most four; no document leaves
 * the database), up to QUEUE_COUNT_MAX; beyond that the tab says 99+. Admins' 我的待办 is the whole community,
 * as their workbench shows it.
 */
export const concernCounts: Handler<'concern.counts'> = async (ctx) => {
  const { caller } = ctx;
  const admin = hasRole(caller, 'admin');
  const views: QueueView[] = ['assigned', 'signed'];
  if (!admin && caller.gridIds.length > 0) views.push('grid');
  if (admin || caller.ledGridIds.length > 0) views.push('supervise');
  const db = ctx.db();
  const counted = await Promise.all(
    views.map(async (view) => {
      const base = baseFilter(caller, admin && view === 'assigned' ? 'all' : view);
      if (!base) return { view, count: 0, more: false };
      const page = await db.query('concerns', { where: openFilter(base), orderBy: { field: 'createdAt', dir: 'desc' }, limit: QUEUE_COUNT_MAX, count: true });
      const counted = page.count ?? 0;
      return { view, count: Math.min(counted, QUEUE_COUNT_MAX), more: counted > QUEUE_COUNT_MAX };
    }),
  );
  return { views: counted };
};
