import type { ServiceUsageRow } from '../../../../miniprogram/core/booking/contract';
import type { Handler, Prefetch } from '../../kernel/action';
import { fromAnchor, type QuerySpec, type RecordOf } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { BookingRecord, ServiceRecord, SlotRecord } from './records';
import { isServiceStaff } from './rules';
import { DAY } from '../../kernel/time';

/** The services a report lists (the caller's own among them), when it names none. */
export const REPORT_SERVICES: Omit<QuerySpec, 'where'> = { orderBy: { field: 'name', dir: 'asc' }, limit: 50 };

/** Read with the caller's record: the service the report names, or the page of services it lists. */
export const prefetchReportServices: Prefetch<{ from: number; to: number; serviceId?: string }> = (input) => ({
  services: input.serviceId ? { collection: 'services', id: input.serviceId } : { collection: 'services', where: { communityId: fromAnchor('communityId') }, ...REPORT_SERVICES },
});

/** One report reads at most this many pages per collection. */
const MAX_PAGES = 20;

/**
 * The period is read as this many stretches side by side: a report's pages come in parallel
 * rather than one after another, and a report of a few hundred slots is one round-trip (with
 * the other collection's stretches, one read together of at most MAX_READ_PARTS parts).
 */
const STRETCHES = 4;

/**
 * Every slot or booking of these services in the period, for all of them at once: one query
 * (and its pages) per collection and stretch rather than one per service, so a report's reads
 * do not grow with the number of services the caller runs. The stretches share one budget
 * of MAX_PAGES pages; the items come in time order, as one query would give them.
 */
export async function readAll<C extends 'slots' | 'bookings'>(
  db: ScopedStore,
  collection: C,
  serviceIds: string[],
  from: number,
  to: number,
  /** Where the records likely are (see likelyStretch): the stretches divide this, the outer ones reach out to from and to. */
  likely: [number, number] = [from, to],
): Promise<{ items: RecordOf<C>[]; truncated: boolean }> {
  if (!serviceIds.length) return { items: [], truncated: false };
  const serviceId = serviceIds.length === 1 ? serviceIds[0] : { $in: serviceIds };
  const lo = Math.max(from, likely[0]);
  const hi = Math.min(to, likely[1]);
  const [a, b] = lo < hi ? [lo, hi] : [from, to];
  const step = Math.ceil((b - a) / STRETCHES);
  const cuts = Array.from({ length: STRETCHES - 1 }, (_, i) => a + (i + 1) * step).filter((t) => t > from && t < to);
  const edges = [from, ...cuts, to];
  const stretches = edges.slice(1).map((end, i): [number, number] => [edges[i], end]).filter(([start, end]) => start < end);
  const budget = { pages: MAX_PAGES };
  const read = await Promise.all(
    stretches.map(async ([start, end]) => {
      const items: RecordOf<C>[] = [];
      let after: string | undefined;
      while (budget.pages > 0) {
        budget.pages -= 1;
        const batch = await db.query(collection, { where: { serviceId, startAt: { $gte: start, $lt: end } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 100, after });
        items.push(...batch.items);
        after = batch.next;
        if (!after) return { items, truncated: false };
      }
      return { items, truncated: true };
    }),
  );
  return { items: read.flatMap((r) => r.items), truncated: read.some((r) => r.truncated) };
}

/**
 * Where a service's slots (and so its bookings, which start with them) can be: slots are
 * made after the service (each start after the instant it was generated) and up to the end
 * of the day its horizon reaches. Only a hint for dividing the period: nothing is left
 * unread outside it.
 */
function likelyStretch(services: ServiceRecord[]): [number, number] {
  return [Math.min(...services.map((s) => s.createdAt)), Math.max(...services.map((s) => s.slotsUntil)) + DAY];
}

/** Both collections for the services, side by side; the records grouped per service. */
export async function readUsage(db: ScopedStore, services: ServiceRecord[], from: number, to: number) {
  const ids = services.map((s) => s._id);
  const likely = services.length ? likelyStretch(services) : undefined;
  const [slots, bookings] = await Promise.all([readAll(db, 'slots', ids, from, to, likely), readAll(db, 'bookings', ids, from, to, likely)]);
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
