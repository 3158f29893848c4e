import type { ServiceUsageRow } from '../../../../miniprogram/core/booking/contract';
import type { Handler } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RecordOf } from '../../ports/store';
import type { BookingRecord, ServiceRecord, SlotRecord } from './records';
import { isServiceStaff } from './rules';

/** One report reads at most this many pages per collection and service. */
const MAX_PAGES = 20;

export async function readAll<C extends 'slots' | 'bookings'>(db: ScopedStore, collection: C, serviceId: string, from: number, to: number): Promise<{ items: RecordOf<C>[]; truncated: boolean }> {
  const items: RecordOf<C>[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await db.query(collection, { where: { serviceId, startAt: { $gte: from, $lt: to } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 100, after });
    items.push(...batch.items);
    after = batch.next;
    if (!after) return { items, truncated: false };
  }
  return { items, truncated: true };
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** Usage per service over a period, for the staff who run them. Pure arithmetic over records. */
export function usage(service: ServiceRecord, slots: SlotRecord[], bookings: BookingRecord[]): ServiceUsageRow {
  const open = slots.filter((s) => s.status === 'open');
  const seated = bookings.filter((b) => ['booked', 'offered', 'attended', 'noShow'].includes(b.status));
  const attended = bookings.filter((b) => b.status === 'attended').length;
  const noShow = bookings.filter((b) => b.status === 'noShow').length;
  const rated = bookings.filter((b) => b.rating);
  const seatsOffered = open.reduce((n, s) => n + s.seats, 0);
  return {
    serviceId: service._id,
    name: service.name,
    slots: open.length,
    seatsOffered,
    booked: seated.length,
    attended,
    noShow,
    cancelled: bookings.filter((b) => b.status === 'cancelled').length,
    fillRate: ratio(seated.length, seatsOffered),
    noShowRate: ratio(noShow, attended + noShow),
    averageRating: rated.length ? Math.round((rated.reduce((n, b) => n + (b.rating?.score ?? 0), 0) / rated.length) * 10) / 10 : null,
    ratings: rated.length,
  };
}

export const serviceStats: Handler<'booking.stats'> = async (ctx) => {
  const db = ctx.db();
  const listed = ctx.input.serviceId
    ? { items: [await db.require('services', ctx.input.serviceId, '服务不存在', 'serviceId')], next: undefined }
    : await db.query('services', { where: {}, orderBy: { field: 'name', dir: 'asc' }, limit: 50 });
  const mine = listed.items.filter((s) => isServiceStaff(ctx.caller, s));
  const rows: ServiceUsageRow[] = [];
  // More than 50 services: say the report is partial rather than silently cut it.
  let truncated = listed.next !== undefined;
  for (const s of mine) {
    const [slots, bookings] = await Promise.all([
      readAll(db, 'slots', s._id, ctx.input.from, ctx.input.to),
      readAll(db, 'bookings', s._id, ctx.input.from, ctx.input.to),
    ]);
    truncated ||= slots.truncated || bookings.truncated;
    rows.push(usage(s, slots.items, bookings.items));
  }
  return { from: ctx.input.from, to: ctx.input.to, rows, truncated };
};
