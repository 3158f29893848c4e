import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { bookingView, loadBooking } from './load';
import { isOwner } from './rules';
import { changeBooking, reminderAt } from './steps';

/** The promoted resident takes the offered seat, within the offer window. */
export const confirmPromotion: Handler<'booking.confirmPromotion'> = async (ctx) => {
  const { db, b, service } = await loadBooking(ctx);
  if (!isOwner(ctx.caller, b)) throw new AppError('NOT_FOUND', '预约不存在');
  if (b.status === 'booked') return bookingView(ctx, b, service);
  if (b.status !== 'offered') throw new AppError('CONFLICT', '该预约当前不需要确认');
  if (b.offerExpiresAt === null || ctx.now >= b.offerExpiresAt) throw new AppError('BOOKING_OFFER_EXPIRED');
  const next = await changeBooking(db, ctx.caller, b, { status: 'booked', offerExpiresAt: null, wakeAt: reminderAt(b.startAt, ctx.now) }, { type: 'booking.confirmed' }, ctx.now);
  return bookingView(ctx, next, service);
};
