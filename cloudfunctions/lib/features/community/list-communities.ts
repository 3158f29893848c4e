import type { CommunityView } from '../../../../miniprogram/core/community/contract';
import type { HandlerContext } from '../../kernel/action';
import type { CommunityRecord } from './records';

export async function listCommunities(ctx: HandlerContext<{ cursor?: string; limit: number }>) {
  const page = await ctx.deps.store.query<CommunityRecord>('communities', {
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
