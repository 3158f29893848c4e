import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { CommunityRecord } from '../community/records';

/** A subdistrict serves a few dozen communities at most: past this it is not one 街道. */
export const MAX_COMMUNITIES = 100;

/** The communities of the deployment's subdistrict, by name. */
export async function communitiesOf(ctx: Pick<HandlerContext<unknown>, 'deps'>): Promise<CommunityRecord[]> {
  const page = await ctx.deps.store.query('communities', {
    where: { subdistrict: ctx.deps.config.subdistrict.name, active: true },
    orderBy: { field: 'name', dir: 'asc' },
    limit: MAX_COMMUNITIES,
  });
  return page.items;
}

/** One of this subdistrict's communities, or NOT_FOUND naming the field. */
export async function ownCommunity(ctx: Pick<HandlerContext<unknown>, 'deps'>, communityId: string): Promise<CommunityRecord> {
  const c = await ctx.deps.store.get('communities', communityId);
  if (!c || !c.active || c.subdistrict !== ctx.deps.config.subdistrict.name) throw fieldError('NOT_FOUND', 'communityId', '本街道没有这个社区');
  return c;
}
