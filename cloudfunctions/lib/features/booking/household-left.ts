import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { HouseholdLeft } from '../../kernel/feature';
import type { BookingRecord } from './records';
import { changeBooking, freeBooking } from './steps';

const LIVE = ['booked', 'waitlisted', 'offered'];

/**
 * A resident moved out: their bookings still to come are cancelled and each seat goes down
 * the waitlist, as a cancellation by the resident would (the cutoff does not apply: they no
 * longer live here to come). Past bookings stay in their history. A cancellation a crash
 * left half-done is finished.
 */
export async function cancelFutureBookings(ctx: HandlerContext<unknown>, left: HouseholdLeft): Promise<void> {
  const db = ctx.db();
  let after: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const batch = await db.query('bookings', { where: { memberId: left.memberId, startAt: { $gt: ctx.now } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 50, after });
    for (const first of batch.items) {
      let b: BookingRecord | null = first;
      for (let attempt = 0; attempt < 3 && b; attempt += 1) {
        if (b.status === 'cancelled' && b.wakeAt !== null) {
          await freeBooking(db, ctx.deps.notifier, b, ctx.now);
          break;
        }
        if (!LIVE.includes(b.status)) break;
        try {
          const note = left.by === 'self' ? '居民搬离，预约取消' : '居民已被移出住户，预约取消';
          const next = await changeBooking(db, ctx.caller, b, { status: 'cancelled', offerExpiresAt: null, wakeAt: ctx.now }, { type: 'booking.cancelled', note }, ctx.now);
          await freeBooking(db, ctx.deps.notifier, next, ctx.now);
          break;
        } catch (err) {
          // Changed meanwhile (a promotion, a check-in): read it again and decide on what is there.
          if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
          b = await db.get('bookings', first._id);
        }
      }
    }
    if (!batch.next) break;
    after = batch.next;
  }
}
