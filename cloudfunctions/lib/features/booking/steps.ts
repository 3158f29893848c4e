/**
 * Changes a booking by compare-and-set on its version, with its audit event, and runs the
 * waitlist after a seat is freed. Shared by the resident, staff and sweep paths.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { PROMOTION_WINDOW_HOURS } from '../../../../miniprogram/core/booking/contract';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Notifier } from '../../ports/platform';
import { HOUR } from '../../platform/time';
import { eventRecord } from '../audit/events';
import { releaseLock, releaseQuota } from './limits';
import type { BookingRecord } from './records';
import { promoteHead, releasePlace } from './seats';

export const REMIND_BEFORE = 24 * HOUR;

export function reminderAt(startAt: number, now: number): number | null {
  return startAt - REMIND_BEFORE > now ? startAt - REMIND_BEFORE : null;
}

export async function changeBooking(
  db: ScopedStore,
  actor: Caller | 'system',
  b: BookingRecord,
  patch: Partial<BookingRecord>,
  step: { type: string; note?: string | null },
  now: number,
): Promise<BookingRecord> {
  const version = b.version + 1;
  const changes = { ...patch, version, updatedAt: now };
  if (!(await db.update('bookings', b._id, changes, { version: b.version }))) {
    throw new AppError('CONFLICT', '该预约刚被更新，请刷新后重试');
  }
  const next = { ...b, ...changes } as BookingRecord;
  await db.insert('events', eventRecord(db, actor, {
    key: `v${version}:${step.type}`,
    subject: `booking:${b._id}`,
    type: step.type,
    from: b.status,
    to: next.status,
    public: true,
    note: step.note ?? null,
    at: now,
  }));
  return next;
}

/**
 * Ends a booking's claim on its slot: gives back its place, its open-booking lock and
 * (unless it was used) its monthly quota, then offers freed seats down the waitlist.
 */
export async function freeBooking(db: ScopedStore, notifier: Notifier, b: BookingRecord, now: number, keepQuota = false): Promise<void> {
  await releasePlace(db, b.slotId, b._id);
  await releaseLock(db, b.serviceId, b.memberId, b._id);
  if (!keepQuota) await releaseQuota(db, b.serviceId, b.memberId, b.quotaMonth, b._id);
  await offerFreedSeats(db, notifier, b.slotId, now);
}

/** Promotes waitlisted bookings while seats are free; each gets a window to confirm. */
export async function offerFreedSeats(db: ScopedStore, notifier: Notifier, slotId: string, now: number): Promise<number> {
  let offered = 0;
  for (let head = await promoteHead(db, slotId); head; head = await promoteHead(db, slotId)) {
    const b = await db.get<BookingRecord>('bookings', head);
    if (!b || b.status !== 'waitlisted') continue;
    const offerExpiresAt = Math.min(now + PROMOTION_WINDOW_HOURS * HOUR, b.startAt);
    try {
      const next = await changeBooking(db, 'system', b, { status: 'offered', offerExpiresAt, wakeAt: offerExpiresAt }, { type: 'booking.offered' }, now);
      offered += 1;
      await notifier.notify({
        id: `booking:${b._id}:v${next.version}:offered`,
        communityId: b.communityId,
        recipientId: b.memberId,
        kind: 'booking.offered',
        title: `候补转正：${b.serviceName}`,
        body: `有名额空出，请在${PROMOTION_WINDOW_HOURS}小时内确认预约，逾期将转给下一位。`,
        page: '/pages/bookings/index',
      });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return offered;
}
