import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type Filter, type ReadPart } from '../../ports/store';
import { contactsWhere, gridMonth, LIST_CAP, monthAsOf, rate, toUncontacted } from './coverage';
import { gridInScope } from './scope';

/** The first page of an everyPage read within the caller's community. */
const firstPage = (collection: string, where: Filter, orderField: string): ReadPart => ({
  collection, where: { communityId: fromAnchor('communityId'), ...where }, orderBy: { field: orderField, dir: 'asc' }, limit: 100,
});

/**
 * Read with the caller's record: the month's visits and the grid's contacts within the
 * look-back (visits, concerns), all named by the input and the instant. The households and
 * care flags follow the grid's buildings (reference cache). Nothing leaves before the
 * grid's scope check.
 */
export const prefetchCoverage: PrefetchOf<'visit.coverage'> = (input, _me, now) => {
  const contacts = contactsWhere(input.gridId, monthAsOf(input.month, now));
  return {
    monthVisits: firstPage('visits', { gridId: input.gridId, month: input.month }, 'visitedAt'),
    visits: firstPage('visits', contacts.visits, 'visitedAt'),
    concerns: firstPage('concerns', contacts.concerns, 'createdAt'),
  };
};

/** 走访覆盖 of one grid and month, with the households behind the figures. */
export const visitCoverage: Handler<'visit.coverage'> = async (ctx) => {
  const { input, now } = ctx;
  const grid = await gridInScope(ctx, input.gridId);
  const m = await gridMonth(ctx.db(), grid._id, input.month, now);
  const r = rate(m.visited, m.households.length);
  return {
    gridId: grid._id,
    gridName: grid.name,
    month: input.month,
    visited: m.visited,
    households: m.households.length,
    percent: r.percent,
    rateText: r.text,
    visits: m.visits,
    asOf: m.asOf,
    noContact: m.noContact.slice(0, LIST_CAP).map((g) => toUncontacted(g, m.asOf)),
    care: m.care.slice(0, LIST_CAP).map((g) => toUncontacted(g, m.asOf)),
    truncated: m.noContact.length > LIST_CAP || m.care.length > LIST_CAP,
  };
};
