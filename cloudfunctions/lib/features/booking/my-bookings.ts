import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { serviceIdOfSlot, type ServiceRecord } from './records';
import { toBookingView } from './presenters';
import { isServiceStaff } from './rules';

type MineInput = { when: 'upcoming' | 'past'; limit: number; cursor?: string };

/** The page of the resident's bookings: one spec, so the prefetch and the handler ask the same. */
function minePage(input: MineInput, memberId: string | null, now: number): QuerySpec {
  const upcoming = input.when === 'upcoming';
  return {
    where: { memberId, startAt: upcoming ? { $gte: now } : { $lt: now } },
    orderBy: { field: 'startAt', dir: upcoming ? 'asc' : 'desc' },
    limit: input.limit,
    after: input.cursor,
  };
}

/** Read with the caller's record: the page of their bookings (their services follow in one wait). */
export const prefetchMine: PrefetchOf<'booking.listMine'> = (input, me, now) => {
  const { where, ...spec } = minePage(input, me, now);
  return { mine: { collection: 'bookings', where: { ...where, communityId: fromAnchor('communityId') }, ...spec } };
};

/** Upcoming bookings soonest first; past ones latest first. */
export const listMyBookings: Handler<'booking.listMine'> = async (ctx) => {
  const db = ctx.db();
  const page = await db.query('bookings', minePage(ctx.input, ctx.caller.memberId, ctx.now));
  // The services and the slots of waitlisted bookings, side by side: one round-trip.
  const [serviceList, slotList] = await Promise.all([
    db.getMany('services', page.items.map((b) => b.serviceId)),
    db.getMany('slots', page.items.filter((b) => b.status === 'waitlisted').map((b) => b.slotId)),
  ]);
  const services = new Map(serviceList.map((s) => [s._id, s]));
  const waitSlots = new Map(slotList.map((s) => [s._id, s]));
  return {
    items: page.items
      .filter((b) => services.has(b.serviceId))
      .map((b) => toBookingView(ctx.caller, b, services.get(b.serviceId) as ServiceRecord, waitSlots.get(b.slotId) ?? null, ctx.now)),
    next: page.next,
  };
};

type SlotListInput = { slotId: string; limit: number; cursor?: string };

const slotPage = (input: SlotListInput) => ({ orderBy: { field: 'createdAt', dir: 'asc' as const }, limit: input.limit, after: input.cursor });

/**
 * Read with the caller's record: the slot, its service (the slot id names it) and the page
 * of its bookings. The bookings are read before the caller is known to be the service's
 * staff, but only the handler's answer leaves the server, and it refuses others first.
 */
export const prefetchSlotList: PrefetchOf<'booking.listForSlot'> = (input) => {
  const serviceId = serviceIdOfSlot(input.slotId);
  return {
    slot: { collection: 'slots', id: input.slotId },
    ...(serviceId ? { service: { collection: 'services', id: serviceId } } : {}),
    bookings: { collection: 'bookings', where: { communityId: fromAnchor('communityId'), slotId: input.slotId }, ...slotPage(input) },
  };
};

/** The day's list for the service's staff: everyone booked, offered or waiting. */
export const listForSlot: Handler<'booking.listForSlot'> = async (ctx) => {
  const db = ctx.db();
  const slot = await db.require('slots', ctx.input.slotId, '时段不存在', 'slotId');
  const service = await db.require('services', slot.serviceId, '服务不存在');
  if (!isServiceStaff(ctx.caller, service)) throw new AppError('FORBIDDEN', '只有该服务的负责人员可以查看名单');
  const page = await db.query('bookings', { where: { slotId: slot._id }, ...slotPage(ctx.input) });
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
