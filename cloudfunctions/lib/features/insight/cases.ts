import type { Handler } from '../../kernel/action';
import type { Filter } from '../../ports/store';
import { caseView } from './presenters';
import { scopeOf } from './scope';

/** 未诉先办 cases, newest first: open (proposed, accepted) or done (dismissed, closed). */
export const insightCases: Handler<'insight.cases'> = async (ctx) => {
  const db = ctx.db();
  const scope = scopeOf(ctx.caller);
  if (scope.gridIds !== null && scope.gridIds.length === 0) return { items: [] };
  const where: Filter = { state: { $in: ctx.input.when === 'open' ? ['proposed', 'accepted'] : ['dismissed', 'closed'] } };
  if (scope.gridIds !== null) where.gridId = { $in: scope.gridIds };
  const page = await db.query('insightCases', { where, orderBy: { field: 'proposedAt', dir: 'desc' }, limit: ctx.input.limit, after: ctx.input.cursor });
  return { items: page.items.map((c) => caseView(ctx.caller, c, ctx.now)), ...(page.next ? { next: page.next } : {}) };
};
