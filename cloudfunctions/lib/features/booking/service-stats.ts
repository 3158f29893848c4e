import type { ServiceUsageRow } from '../../../../miniprogram/core/booking/contract';
import type { Handler, Prefetch } from '../../kernel/action';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RecordOf } from '../../ports/store';
import type { BookingRecord, ServiceRecord, SlotRecord } from './records';
import { isServiceStaff } from './rules';

/** The services a report lists (the caller's own among them), when it names none. */
export const REPORT_SERVICES: Omit<QuerySpec, 'where'> = { orderBy: { field: 'name', dir: 'asc' }, limit: 50 };

/** Read with the caller's record: the service the report names, or the page of services it lists. */
export const prefetchReportServices: Prefetch<{ from: number; to: number; serviceId?: string }> = (input) => ({
  services: input.serviceId ? { collection: 'services', id: input.serviceId } : { collection: 'services', where: { communityId: fromAnchor('communityId') }, ...REPORT_SERVICES },
});

/** One report reads at most this many pages per collection. */
const MAX_PAGES = 20;

/**
 * Every slot or booking of these services in the period, for all of them at once: one query
 * (and its pages) per collection rather than one per service, so a report's reads do not
 * grow with the number of services the caller runs.
 */
export async function readAll<C extends 'slots' | 'bookings'>(db: ScopedStore, collection: C, serviceIds: string[], from: number, to: number): Promise<{ items: RecordOf<C>[]; truncated: boolean }> {
  const items: RecordOf<C>[] = [];
  if (!serviceIds.length) return { items, truncated: false };
  const serviceId = serviceIds.length === 1 ? serviceIds[0] : { $in: serviceIds };
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await db.query(collection, { where: { serviceId, startAt: { $gte: from, $lt: to } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 100, after });
    items.push(...batch.items);
    after = batch.next;
    if (!after) return { items, truncated: false };
  }
  return { items, truncated: true };
}

/** Both collections for the services, side by side; the records grouped per service. */
export async function readUsage(db: ScopedStore, services: ServiceRecord[], from: number, to: number) {
  const ids = services.map((s) => s._id);
  const [slots, bookings] = await Promise.all([readAll(db, 'slots', ids, from, to), readAll(db, 'bookings', ids, from, to)]);
  const of = <T extends { serviceId: string }>(items: T[], id: string) => items.filter((x) => x.serviceId === id);
  return {
    truncated: slots.truncated || bookings.truncated,
    perService: services.map((s) => ({ service: s, slots: of(slots.items, s._id), bookings: of(bookings.items, s._id) })),
  };
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
    : await db.query('services', { where: {}, ...REPORT_SERVICES });
  const mine = listed.items.filter((s) => isServiceStaff(ctx.caller, s));
  const read = await readUsage(db, mine, ctx.input.from, ctx.input.to);
  // More than 50 services: say the report is partial rather than silently cut it.
  const truncated = listed.next !== undefined || read.truncated;
  const rows: ServiceUsageRow[] = read.perService.map((p) => usage(p.service, p.slots, p.bookings));
  return { from: ctx.input.from, to: ctx.input.to, rows, truncated };
};
