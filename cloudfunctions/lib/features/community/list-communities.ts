import type { CommunityView } from '../../../../miniprogram/core/community/contract';
import type { PublicHandler } from '../../kernel/action';

export const listCommunities: PublicHandler<'community.list'> = async (ctx) => {
  const page = await ctx.deps.store.query('communities', {
    where: { active: true },
    orderBy: { field: 'name', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return {
    items: page.items.map((c): CommunityView => ({ id: c._id, name: c.name, subdistrict: c.subdistrict })),
    next: page.next,
  };
};
