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
  const { db, b, service } = await loadBookingServiceAside(ctx);
  return { db, b, service: await service };
}

/**
 * loadBooking for a step its resident may take on what the booking itself says: the service is
 * read but not waited for, so it flies beside the step's first write. Staff still wait for it,
 * since their right to the booking is the service's staff list.
 */
export async function loadBookingServiceAside(ctx: HandlerContext<{ bookingId: string }>) {
  const db = ctx.db();
  const b = await db.get('bookings', ctx.input.bookingId);
  if (!b) throw new AppError('NOT_FOUND', '预约不存在');
  const service = db.get('services', b.serviceId).then((s) => {
    if (!s) throw new AppError('NOT_FOUND', '预约不存在');
    return s;
  });
  // A step that fails before it needs the service must not leave this rejection unhandled.
  service.catch(() => undefined);
  if (!isOwner(ctx.caller, b) && !isServiceStaff(ctx.caller, await service)) throw new AppError('NOT_FOUND', '预约不存在');
  return { db, b, service };
}

export async function bookingView(ctx: HandlerContext<unknown>, b: BookingRecord, service: ServiceRecord) {
  const slot = b.status === 'waitlisted' ? await ctx.db().get('slots', b.slotId) : null;
  return toBookingView(ctx.caller, b, service, slot, ctx.now);
}
