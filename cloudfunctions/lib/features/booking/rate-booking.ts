import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { bookingView, loadBooking } from './load';
import { isOwner } from './rules';
import { changeBooking } from './steps';
import { checkWritten } from '../../kernel/content';

export const rateBooking: Handler<'booking.rate'> = async (ctx) => {
  const { db, b, service } = await loadBooking(ctx);
  if (!isOwner(ctx.caller, b)) throw new AppError('NOT_FOUND', '预约不存在');
  if (b.status !== 'attended') throw new AppError('CONFLICT', '到场接受服务后才能评价');
  if (b.rating) throw new AppError('CONFLICT', '您已评价过本次服务');
  await checkWritten(ctx, { comment: ctx.input.comment });
  const rating = { score: ctx.input.score, comment: ctx.input.comment ?? null, at: ctx.now };
  const next = await changeBooking(db, ctx.caller, b, { rating }, { type: 'booking.rated', note: `${ctx.input.score}星` }, ctx.now);
  return bookingView(ctx, next, service);
};
