import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Prefetch } from '../../kernel/action';
import type { BookingRecord, ServiceRecord } from './records';
import { isOwner, isServiceStaff } from './rules';
import { toBookingView } from './presenters';

/**
 * Read with the caller's record: the booking the input names (the first thing every step on
 * one booking reads), so only its service is left to a round-trip of its own.
 */
export const prefetchBooking: Prefetch<{ bookingId: string }> = (input) => ({
  booking: { collection: 'bookings', id: input.bookingId },
});

/** A booking the caller may see (its resident or the service's staff), with its service. */
export async function loadBooking(ctx: HandlerContext<{ bookingId: string }>) {
  const db = ctx.db();
  const b = await db.get('bookings', ctx.input.bookingId);
  const service = b ? await db.get('services', b.serviceId) : null;
  if (!b || !service || (!isOwner(ctx.caller, b) && !isServiceStaff(ctx.caller, service))) throw new AppError('NOT_FOUND', '预约不存在');
  return { db, b, service };
}

export async function bookingView(ctx: HandlerContext<unknown>, b: BookingRecord, service: ServiceRecord) {
  const slot = b.status === 'waitlisted' ? await ctx.db().get('slots', b.slotId) : null;
  return toBookingView(ctx.caller, b, service, slot, ctx.now);
}
