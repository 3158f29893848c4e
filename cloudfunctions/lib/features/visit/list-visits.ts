import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type Filter, type ReadPart } from '../../ports/store';
import type { VisitView } from '../../../../miniprogram/core/visit/contract';
import { formatAddress } from '../member/household';
import { toVisitView, toVisitViews } from './presenters';
import { gridInScope, householdInScope } from './scope';

type Input = Parameters<Handler<'visit.list'>>[0]['input'];
const pageSpec = (input: Input) => ({ orderBy: { field: 'visitedAt', dir: 'desc' as const }, limit: input.limit, after: input.cursor });

/**
 * Read with the caller's record: the page of visits (and a household's own record), asked as
 * below; nothing of it leaves before the scope check. A grid's households follow the page.
 */
export const prefetchVisits: PrefetchOf<'visit.list'> = (input): Record<string, ReadPart> => {
  const where: Filter = 'householdId' in input ? { householdId: input.householdId } : { gridId: input.gridId, month: input.month };
  return {
    page: { collection: 'visits', where: { communityId: fromAnchor('communityId'), ...where }, ...pageSpec(input) },
    ...('householdId' in input ? { household: { collection: 'households', id: input.householdId } } : {}),
  };
};

/** A household's visits, or a grid's visits of a month; newest first, paged. */
export const listVisits: Handler<'visit.list'> = async (ctx) => {
  const { input } = ctx;
  const db = ctx.db();
  const page = (where: Record<string, string>) => db.query('visits', { where, ...pageSpec(input) });
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
