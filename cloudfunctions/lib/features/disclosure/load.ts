import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { mayRead } from './permissions';
import type { ItemRecord } from './records';

/**
 * The item, within the caller's community, as far as the caller may know it exists: an item
 * not yet published is as missing to a resident as one of another community.
 */
export async function loadItem(ctx: HandlerContext<unknown>, itemId: string): Promise<ItemRecord> {
  const item = await ctx.db().get('disclosureItems', itemId);
  if (!item || !mayRead(ctx.caller, item)) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  return item;
}
