import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { visibleTo } from './presenters';
import type { ItemRecord } from './records';

/** The item, if the caller may see it; a draft is as missing to residents. */
export async function loadItem(ctx: HandlerContext<unknown>, itemId: string): Promise<ItemRecord> {
  const item = await ctx.db().get('disclosureItems', itemId);
  if (!item || !visibleTo(ctx.caller, item)) throw new AppError('NOT_FOUND', '没有找到这项公开内容');
  return item;
}
