import type { Handler } from '../../kernel/action';
import type { VisitView } from '../../../../miniprogram/core/visit/contract';
import { formatAddress } from '../member/household';
import { toVisitView, toVisitViews } from './presenters';
import { gridInScope, householdInScope } from './scope';

/** A household's visits, or a grid's visits of a month; newest first, paged. */
export const listVisits: Handler<'visit.list'> = async (ctx) => {
  const { input } = ctx;
  const db = ctx.db();
  const page = (where: Record<string, string>) => db.query('visits', { where, orderBy: { field: 'visitedAt', dir: 'desc' }, limit: input.limit, after: input.cursor });
  const reply = (items: VisitView[], next: string | undefined) => ({ items, ...(next ? { next } : {}) });
  if ('householdId' in input) {
    // The scope check and the page side by side: the page is only answered once the check passed,
    // and every visit on it is of that household, whose address the check has read.
    const [{ household }, visits] = await Promise.all([householdInScope(ctx, input.householdId), page({ householdId: input.householdId })]);
    return reply(visits.items.map((v) => toVisitView(v, formatAddress(v.buildingName, household.unit, household.room))), visits.next);
  }
  const [, visits] = await Promise.all([gridInScope(ctx, input.gridId), page({ gridId: input.gridId, month: input.month })]);
  return reply(await toVisitViews(db, visits.items), visits.next);
};
