import type { Handler } from '../../kernel/action';
import { toVisitViews } from './presenters';
import { gridInScope, householdInScope } from './scope';

/** A household's visits, or a grid's visits of a month; newest first, paged. */
export const listVisits: Handler<'visit.list'> = async (ctx) => {
  const { input } = ctx;
  const db = ctx.db();
  let where: Record<string, string>;
  if ('householdId' in input) {
    await householdInScope(ctx, input.householdId);
    where = { householdId: input.householdId };
  } else {
    await gridInScope(ctx, input.gridId);
    where = { gridId: input.gridId, month: input.month };
  }
  const page = await db.query('visits', { where, orderBy: { field: 'visitedAt', dir: 'desc' }, limit: input.limit, after: input.cursor });
  return { items: await toVisitViews(db, page.items), ...(page.next ? { next: page.next } : {}) };
};
