import { BOOKING_HORIZON_DAYS } from '../../../../miniprogram/core/booking/contract';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Handler, Prefetch } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Notifier } from '../../ports/platform';
import { MAX_PAGE, op } from '../../ports/store';
import { appendEvent } from '../../kernel/audit';
import { toServiceView } from './presenters';
import { OPEN_BOOKING, slotIdFor, type ServiceRecord, type SlotRecord } from './records';
import { slotStarts } from './schedule';
import { afterClaimsFreed, changeBooking, releaseClaims } from './steps';
import { checkWritten } from '../../kernel/content';

/** Room on the waitlist per slot: enough to fill every seat again, at least five. */
export const waitlistCap = (seats: number) => Math.max(5, seats);

/** Read with the caller's record: the service the input names (absent for a new one). */
export const prefetchService: Prefetch<{ serviceId?: string }> = (input) =>
  input.serviceId ? { service: { collection: 'services', id: input.serviceId } } : undefined;

export const upsertService: Handler<'booking.upsertService'> = async (ctx) => {
  const db = ctx.db();
  const { serviceId, location, staffIds: staffInput, ...rest } = ctx.input;
  const existingService = serviceId ? await db.require('services', serviceId, '服务不存在', 'serviceId') : null;
  const fields = { ...rest, staffIds: staffInput ?? existingService?.staffIds ?? [] };
  if (fields.gridIds.length && (await db.getMany('grids', fields.gridIds)).length !== new Set(fields.gridIds).size) {
    throw fieldError('VALIDATION_ERROR', 'gridIds', '所选网格不存在');
  }
  const staff = await db.getMany('members', fields.staffIds);
  if (staff.length !== new Set(fields.staffIds).size || staff.some((m) => !m.roles.some((r) => r === 'gridWorker' || r === 'admin'))) {
    throw fieldError('VALIDATION_ERROR', 'staffIds', '负责人员须为本社区的网格员或管理员');
  }
  const data = { ...fields, location: fields.homeVisit ? location ?? '' : (location as string), updatedAt: ctx.now };
  let record: ServiceRecord;
  if (serviceId && existingService) {
    record = { ...existingService, ...data };
    await db.update('services', serviceId, data);
  } else {
    record = { _id: ctx.deps.ids.random('sv'), communityId: db.communityId, ...data, schedule: [], closures: [], slotsUntil: 0, createdAt: ctx.now };
    await db.insert('services', record);
  }
  await appendEvent(db, ctx.caller, { key: ctx.deps.ids.random('e'), subject: `service:${record._id}`, type: serviceId ? 'service.updated' : 'service.created', public: false, to: record.name, at: ctx.now });
  return toServiceView(ctx.caller, record, record.active);
};

/**
 * Creates the slots of a service up to the horizon, skipping closures. Slot ids derive
 * from (service, start), so running it again — here, on a schedule change, or from the
 * sweep — creates nothing twice.
 */
export async function generateSlots(db: ScopedStore, service: ServiceRecord, now: number, alsoSet: Partial<ServiceRecord> = {}): Promise<number> {
  const slots: SlotRecord[] = [];
  for (const startAt of slotStarts(service.schedule, service.durationMinutes, now, BOOKING_HORIZON_DAYS)) {
    if (service.closures.some((c) => startAt >= c.from && startAt < c.to)) continue;
    slots.push({
      _id: slotIdFor(service._id, startAt),
      communityId: db.communityId,
      serviceId: service._id,
      startAt,
      endAt: startAt + service.durationMinutes * 60_000,
      seats: service.seatsPerSlot,
      seatsLeft: service.seatsPerSlot,
      holders: {},
      waitlist: [],
      waiting: {},
      waitlistCount: 0,
      waitlistLeft: waitlistCap(service.seatsPerSlot),
      status: 'open',
      closedReason: null,
      createdAt: now,
    });
  }
  // Ids are their own duplicate guard: look which slots exist, insert the rest as lists (a
  // slot stored meanwhile by another run is kept as it is, and counted as created here).
  const chunks: SlotRecord[][] = [];
  for (let i = 0; i < slots.length; i += MAX_PAGE) chunks.push(slots.slice(i, i + MAX_PAGE));
  const stored = await Promise.all(chunks.map((chunk) => db.getMany('slots', chunk.map((slot) => slot._id))));
  const missing = chunks.map((chunk, k) => {
    const there = new Set(stored[k].map((slot) => slot._id));
    return chunk.filter((slot) => !there.has(slot._id));
  });
  await Promise.all(missing.filter((chunk) => chunk.length).map((chunk) => db.insertMany('slots', chunk)));
  const created = missing.reduce((n, chunk) => n + chunk.length, 0);
  // After the slots, so a crash part-way leaves slotsUntil behind and the next run fills in.
  await db.update('services', service._id, { ...alsoSet, slotsUntil: now + BOOKING_HORIZON_DAYS * 24 * 3600_000 });
  return created;
}

export const setSchedule: Handler<'booking.setSchedule'> = async (ctx) => {
  const db = ctx.db();
  const service = await db.require('services', ctx.input.serviceId, '服务不存在', 'serviceId');
  // The schedule is saved with the horizon, in the one update that follows the new slots.
  const slotsCreated = await generateSlots(db, { ...service, schedule: ctx.input.schedule }, ctx.now, { schedule: ctx.input.schedule, updatedAt: ctx.now });
  await appendEvent(db, ctx.caller, { key: ctx.deps.ids.random('e'), subject: `service:${service._id}`, type: 'service.scheduled', public: false, to: JSON.stringify(ctx.input.schedule), at: ctx.now });
  return { serviceId: service._id, schedule: ctx.input.schedule, slotsCreated };
};

/**
 * Holidays and closures: the period is recorded on the service (slots not yet generated
 * will skip it), existing slots in it close, and their bookings are cancelled with a
 * message to each resident.
 */
export const closeSlots: Handler<'booking.closeSlots'> = async (ctx) => {
  const db = ctx.db();
  const { serviceId, from, to, reason } = ctx.input;
  // Every resident booked in the closed time reads the reason.
  await checkWritten(ctx, { reason });
  const service = await db.require('services', serviceId, '服务不存在', 'serviceId');
  // Appended atomically: two closures entered at once must both stand.
  await db.update('services', serviceId, { closures: op.push({ from, to, reason }), updatedAt: ctx.now });
  // One service's slots in at most three months (a bounded set, by its index): all close in
  // one write, each only from open, so a retry counts none twice. No seat is taken after this.
  const closed = await db.updateMany('slots', { serviceId, startAt: { $gte: from, $lt: to }, status: 'open' }, { status: 'closed', closedReason: reason });
  // Read after every slot in the period is closed: each booking made before is found.
  const bookingsCancelled = await closeBookings(db, ctx.deps.notifier, ctx.caller, { serviceId, from, to }, service.maxPerMonth, reason, ctx.now);
  await appendEvent(db, ctx.caller, { key: ctx.deps.ids.random('e'), subject: `service:${serviceId}`, type: 'service.closed', public: false, note: reason, to: `${from}-${to}`, at: ctx.now });
  return { closed, bookingsCancelled };
};

/** Cancels the open bookings of the service's closed period, telling each resident why. */
async function closeBookings(
  db: ScopedStore,
  notifier: Notifier,
  actor: HandlerContext<unknown>['caller'],
  period: { serviceId: string; from: number; to: number },
  quotaMax: number,
  reason: string,
  now: number,
): Promise<number> {
  let count = 0;
  let after: string | undefined;
  do {
    const page = await db.query('bookings', {
      where: { serviceId: period.serviceId, startAt: { $gte: period.from, $lt: period.to } },
      orderBy: { field: 'startAt', dir: 'asc' },
      limit: 100,
      after,
    });
    for (const b of page.items.filter((x) => OPEN_BOOKING.includes(x.status))) {
      try {
        // Place, lock and quota go back beside the closure's event; the sweep finishes a cut-short one.
        const next = await changeBooking(db, actor, b, { status: 'closed', offerExpiresAt: null, wakeAt: now }, { type: 'booking.closed', note: reason }, now, (closed) =>
          releaseClaims(db, closed, false, quotaMax),
        );
        await afterClaimsFreed(db, notifier, next, now);
        count += 1;
        await notifier.notify({
          id: `booking:${b._id}:v${next.version}:closed`,
          communityId: b.communityId,
          recipientId: b.memberId,
          kind: 'booking.closed',
          title: `预约已取消：${b.serviceName}`,
          body: `因${reason}，该时段暂停服务，您的预约已取消，请另选时间。`,
          page: '/pages/bookings/index',
        });
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }
    after = page.next;
  } while (after);
  return count;
}
