import { fieldError } from '../../../../miniprogram/core/errors';
import type { PublicHandler } from '../../kernel/action';

/** Public list: a visitor needs it to say where they live before anyone knows them. */
export const listBuildings: PublicHandler<'community.buildings'> = async (ctx) => {
  const communityId = ctx.input.communityId ?? ctx.caller.communityId;
  if (!communityId) throw fieldError('VALIDATION_ERROR', 'communityId', '请先选择社区');
  const page = await ctx.dbFor(communityId).query('buildings', {
    where: {},
    orderBy: { field: 'name', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map((b) => ({ id: b._id, name: b.name, gridId: b.gridId })), next: page.next };
};
