import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { bookingView, loadBookingServiceAside } from './load';
import { canCancel, cancelCutoffHours, isOwner, ownerMayCancel } from './rules';
import { afterClaimsFreed, changeBooking, freeBooking, releaseClaims } from './steps';
import { checkWritten } from '../../kernel/content';
import { sentence } from '../../../../miniprogram/core/format';

/**
 * Cancels before the cutoff (staff any time before the start). The seat goes to the first
 * on the waitlist, who is offered it with a window to confirm.
 */
export const cancelBooking: Handler<'booking.cancel'> = async (ctx) => {
  const { db, b, service } = await loadBookingServiceAside(ctx);
  if (b.status === 'cancelled' && b.wakeAt !== null) {
    // A retry after a crash mid-cancel: finish giving back the place, lock and quota.
    const s = await service;
    await freeBooking(db, ctx.deps.notifier, b, ctx.now, false, s.maxPerMonth);
    return bookingView(ctx, b, s);
  }
  // A resident within the terms they booked under needs nothing of the service to cancel.
  if (!ownerMayCancel(ctx.caller, b, ctx.now)) {
    const s = await service;
    if (!canCancel(ctx.caller, b, s, ctx.now)) {
      if (!['booked', 'waitlisted', 'offered'].includes(b.status) || ctx.now >= b.startAt) throw new AppError('CLOSED', '该预约已结束，不能取消');
      if (isOwner(ctx.caller, b)) throw new AppError('BOOKING_CUTOFF_PASSED', `开始前${cancelCutoffHours(b, s)}小时内不能自行取消，如需取消请联系社区`);
      throw new AppError('FORBIDDEN');
    }
  }
  await checkWritten(ctx, { reason: ctx.input.reason });
  // wakeAt now: if this call dies before everything is given back, the sweep finishes it.
  // The place, lock and quota go back once the cancellation has landed, beside its event.
  // A seat given back while nobody waits, or a waitlist place, owes the waitlist nothing:
  // then no look at the slot after.
  let owed = true;
  const next = await changeBooking(db, ctx.caller, b, { status: 'cancelled', offerExpiresAt: null, wakeAt: ctx.now }, { type: 'booking.cancelled', note: ctx.input.reason ?? null }, ctx.now, async (cancelled) => {
    owed = await releaseClaims(db, cancelled, false, (await service).maxPerMonth, b.status);
  });
  await afterClaimsFreed(db, ctx.deps.notifier, next, ctx.now, false, owed);
  if (!isOwner(ctx.caller, b)) {
    await ctx.deps.notifier.notify({
      id: `booking:${b._id}:v${next.version}:cancelledByStaff`,
      communityId: b.communityId,
      recipientId: b.memberId,
      kind: 'booking.cancelled',
      title: `预约已取消：${b.serviceName}`,
      body: `社区工作人员取消了您的预约${ctx.input.reason ? `：${sentence(ctx.input.reason, 60)}` : ''}。`,
      page: '/pages/bookings/index',
    });
  }
  return bookingView(ctx, next, await service);
};
