import type { Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import type { Filter } from '../../ports/store';
import { toRequestView } from './presenters';

/** Grid workers see requests for buildings in their grids; admins see the community's. */
export const listRequests: Handler<'member.listRequests'> = async (ctx) => {
  const { caller, input } = ctx;
  const where: Filter = { status: input.status };
  if (!hasRole(caller, 'admin')) {
    if (caller.gridIds.length === 0) return { items: [] };
    where.gridId = { $in: caller.gridIds };
  }
  const page = await ctx.db().query('bindingRequests', {
    where,
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: input.limit,
    after: input.cursor,
  });
  return { items: page.items.map((r) => toRequestView(caller, r)), next: page.next };
};
