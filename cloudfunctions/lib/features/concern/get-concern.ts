import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { canView } from './permissions';
import { viewFor } from './transition';

export const getConcern: Handler<'concern.get'> = async (ctx) => {
  const concern = await ctx.db().get('concerns', ctx.input.concernId);
  // Someone else's concern is "not found": its existence is itself private.
  if (!concern || !canView(ctx.caller, concern)) throw new AppError('NOT_FOUND', '诉求不存在');
  return viewFor(ctx, concern);
};
