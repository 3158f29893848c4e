import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Handler } from '../../kernel/action';
import { releaseLock } from './limits';
import { bookingView, loadBooking } from './load';
import { CHECK_IN_OPENS, isServiceStaff } from './rules';
import { changeBooking } from './steps';
import { checkWritten } from '../../kernel/content';

async function staffLoad(ctx: HandlerContext<{ bookingId: string }>) {
  const loaded = await loadBooking(ctx);
  if (!isServiceStaff(ctx.caller, loaded.service)) throw new AppError('FORBIDDEN', '只有该服务的负责人员可以登记');
  if (loaded.b.status !== 'booked') throw new AppError('CONFLICT', '只有已预约的居民可以登记到场情况');
  return loaded;
}

/** Staff record that the resident came, with an optional note of the service given. */
export const checkIn: Handler<'booking.checkIn'> = async (ctx) => {
  const { db, b, service } = await staffLoad(ctx);
  if (ctx.now < b.startAt - CHECK_IN_OPENS) throw new AppError('CONFLICT', '服务开始前1小时才能登记到场');
  await checkWritten(ctx, { note: ctx.input.note });
  // The open-booking limit is about waiting, not history: the resident may book again (the
  // lock goes once the change has landed, beside its event).
  const next = await changeBooking(db, ctx.caller, b, { status: 'attended', note: ctx.input.note ?? null, wakeAt: null }, { type: 'booking.attended' }, ctx.now, () =>
    releaseLock(db, b.serviceId, b.memberId, b.claim),
  );
  return bookingView(ctx, next, service);
};

/** Staff record a no-show after the start; the month's quota stays used. */
export const markNoShow: Handler<'booking.markNoShow'> = async (ctx) => {
  const { db, b, service } = await staffLoad(ctx);
  if (ctx.now < b.startAt) throw new AppError('CONFLICT', '服务开始后才能登记未到场');
  const next = await changeBooking(db, ctx.caller, b, { status: 'noShow', wakeAt: null }, { type: 'booking.noShow' }, ctx.now, () =>
    releaseLock(db, b.serviceId, b.memberId, b.claim),
  );
  return bookingView(ctx, next, service);
};
