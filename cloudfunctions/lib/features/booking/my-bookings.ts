import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import type { ServiceRecord } from './records';
import { toBookingView } from './presenters';
import { isServiceStaff } from './rules';

/** Upcoming bookings soonest first; past ones latest first. */
export const listMyBookings: Handler<'booking.listMine'> = async (ctx) => {
  const db = ctx.db();
  const upcoming = ctx.input.when === 'upcoming';
  const page = await db.query('bookings', {
    where: { memberId: ctx.caller.memberId, startAt: upcoming ? { $gte: ctx.now } : { $lt: ctx.now } },
    orderBy: { field: 'startAt', dir: upcoming ? 'asc' : 'desc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  const services = new Map((await db.getMany('services', page.items.map((b) => b.serviceId))).map((s) => [s._id, s]));
  const waitSlots = new Map(
    (await db.getMany('slots', page.items.filter((b) => b.status === 'waitlisted').map((b) => b.slotId))).map((s) => [s._id, s]),
  );
  return {
    items: page.items
      .filter((b) => services.has(b.serviceId))
      .map((b) => toBookingView(ctx.caller, b, services.get(b.serviceId) as ServiceRecord, waitSlots.get(b.slotId) ?? null, ctx.now)),
    next: page.next,
  };
};

/** The day's list for the service's staff: everyone booked, offered or waiting. */
export const listForSlot: Handler<'booking.listForSlot'> = async (ctx) => {
  const db = ctx.db();
  const slot = await db.require('slots', ctx.input.slotId, '时段不存在', 'slotId');
  const service = await db.require('services', slot.serviceId, '服务不存在');
  if (!isServiceStaff(ctx.caller, service)) throw new AppError('FORBIDDEN', '只有该服务的负责人员可以查看名单');
  const page = await db.query('bookings', {
    where: { slotId: slot._id },
    orderBy: { field: 'createdAt', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  // Staff in charge may need to call a resident who is late: phones, decrypted, for them only.
  const people = await db.getMany('members', page.items.map((b) => b.memberId));
  const phones = new Map(people.filter((m) => m.phoneEnc).map((m) => [m._id, ctx.deps.cipher.decrypt(m.phoneEnc as string)]));
  return {
    items: page.items.map((b) => {
      const view = toBookingView(ctx.caller, b, service, slot, ctx.now);
      const phone = phones.get(b.memberId);
      return phone ? { ...view, residentPhone: phone } : view;
    }),
    next: page.next,
  };
};
