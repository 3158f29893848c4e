import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { loadItem } from './load';
import { itemView } from './presenters';

/** One item, at its current version or one asked for: every version stays readable. */
export const getItem: Handler<'disclosure.get'> = async (ctx) => {
  const item = await loadItem(ctx, ctx.input.itemId);
  if (ctx.input.version && ctx.input.version > item.currentNumber) throw new AppError('NOT_FOUND', '没有这一版');
  return itemView(ctx, item, { version: ctx.input.version });
};
