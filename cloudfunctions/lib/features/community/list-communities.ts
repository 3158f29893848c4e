import type { CommunityView } from '../../../../miniprogram/core/community/contract';
import type { HandlerContext } from '../../kernel/action';
import type { Caller } from '../../kernel/caller';

export async function listCommunities(ctx: HandlerContext<{ cursor?: string; limit: number }, Caller>) {
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
}
