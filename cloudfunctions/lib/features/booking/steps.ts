/**
 * Changes a booking by compare-and-set on its version, with its audit event, and runs the
 * waitlist after a seat is freed. Shared by the resident, staff and sweep paths.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { commitVersioned, lastEventOf, settleLastEvent } from '../../kernel/versioned';
import { PROMOTION_WINDOW_HOURS } from '../../../../miniprogram/core/booking/contract';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Notifier } from '../../ports/platform';
import { HOUR } from '../../kernel/time';
import { op } from '../../ports/store';
import { eventRecord, type EventType } from '../../kernel/audit';
import { releaseLock, releaseQuota } from './limits';
import type { BookingRecord } from './records';
import { promoteNext, releasePlace, releaseSeatUnwaited } from './seats';

export const REMIND_BEFORE = 24 * HOUR;

export function reminderAt(startAt: number, now: number): number | null {
  return startAt - REMIND_BEFORE > now ? startAt - REMIND_BEFORE : null;
}

export function bookingEvent(db: ScopedStore, actor: Caller | 'system', next: BookingRecord, step: { type: EventType; note?: string | null }, from: string | null) {
  return eventRecord(db, actor, {
    key: `v${next.version}:${step.type}`,
    subject: `booking:${next._id}`,
    type: step.type,
    from,
    to: next.status,
    public: true,
    note: step.note ?? null,
    at: next.updatedAt,
  });
}

export async function changeBooking(
  db: ScopedStore,
  actor: Caller | 'system',
  b: BookingRecord,
  patch: Partial<BookingRecord>,
  step: { type: EventType; note?: string | null },
  now: number,
  /** Runs once the change has landed, beside its event's insert (see commitVersioned). */
  alongside?: (next: BookingRecord) => Promise<unknown>,
): Promise<BookingRecord> {
  return commitVersioned(db, 'bookings', b, { ...patch, updatedAt: now }, (next) => bookingEvent(db, actor, next, step, b.status), '该预约刚被更新，请刷新后重试', alongside);
}

/**
 * Gives back an ended booking's place, its open-booking lock and (unless it was used) its
 * monthly quota. Each is a separate document released on this claim alone: side by side.
 * `quotaMax`, the service's monthly allowance when the caller has the service at hand,
 * lets the quota go in one write (see releaseQuota).
 */
export async function releaseClaims(db: ScopedStore, b: BookingRecord, keepQuota = false, quotaMax?: number, from?: BookingRecord['status']): Promise<boolean> {
  const [owed] = await Promise.all([
    releaseOwnPlace(db, b, from),
    releaseLock(db, b.serviceId, b.memberId, b.claim),
    keepQuota ? null : releaseQuota(db, b.serviceId, b.memberId, b.quotaMonth, b._id, b.claim, quotaMax),
  ]);
  return owed;
}

/**
 * Gives back the booking's place; false when it is certain no waiter is owed a seat for it:
 * a seat given back while nobody waited, or a waitlist place (it frees no seat).
 * `from`, the status the booking ended from when the caller knows it: one that held a seat
 * (booked, offered) first tries the release that succeeds only while nobody waits, which
 * settles the waitlist question in the same write. Otherwise the engine's release; a seat
 * it frees, or nothing found held (a repair: what an earlier attempt freed may be owed),
 * leaves the waitlist to be looked at afterwards as before.
 */
async function releaseOwnPlace(db: ScopedStore, b: BookingRecord, from?: BookingRecord['status']): Promise<boolean> {
  if ((from === 'booked' || from === 'offered') && (await releaseSeatUnwaited(db, b.slotId, b._id, b.claim))) return false;
  return (await releasePlace(db, b.slotId, b._id, b.claim)) !== 'waitlist';
}

/**
 * Ends a booking's claim on its slot: gives back its place, its open-booking lock and
 * (unless it was used) its monthly quota, then offers freed seats down the waitlist.
 */
export async function freeBooking(db: ScopedStore, notifier: Notifier, b: BookingRecord, now: number, keepQuota = false, quotaMax?: number): Promise<void> {
  // A stored booking (not one this call just changed) means finishing a change a crash may
  // have cut short before its event reached the audit trail, and maybe a promotion after it.
  const repair = !!lastEventOf(b);
  await Promise.all([settleLastEvent(db, b), releaseClaims(db, b, keepQuota, quotaMax)]);
  await afterClaimsFreed(db, notifier, b, now, repair);
}

/**
 * What follows once an ended booking's claims are back: freed seats go down the waitlist,
 * and then the booking stops waking the sweep. For a change that released the claims beside
 * its own event (`changeBooking`'s alongside), this is the rest of freeBooking.
 */
export async function afterClaimsFreed(db: ScopedStore, notifier: Notifier, b: BookingRecord, now: number, repair = false, owed = true): Promise<void> {
  // Not owed (releaseClaims freed no seat a waiter could claim): a promotion a crash cut
  // short elsewhere on this slot is left to the sweep, which finishes that call's booking.
  if (owed) await offerFreedSeats(db, notifier, b.slotId, now, repair);
  // Done: the sweep no longer needs to finish this for us (see booking-clocks). Every caller
  // has had this version's event inserted by now (changeBooking awaits it, freeBooking
  // settles it first), so the document may drop it: the next commit has nothing to repair.
  if (b.wakeAt !== null && ['cancelled', 'expired', 'closed'].includes(b.status)) {
    await db.update('bookings', b._id, { wakeAt: null, lastEvent: op.unset() }, { version: b.version });
  }
}

/**
 * Promotes waitlisted bookings while seats are free; each gets a window to confirm. Also
 * finishes a promotion a crash interrupted: a booking still 'waitlisted' whose claim already
 * holds a seat is offered it now.
 */
export async function offerFreedSeats(db: ScopedStore, notifier: Notifier, slotId: string, now: number, repair = false): Promise<number> {
  let offered = 0;
  let last = await promoteNext(db, slotId);
  for (; last.head; last = await promoteNext(db, slotId)) {
    offered += await offer(db, notifier, await db.get('bookings', last.head), now);
  }
  // The last attempt read the slot as it stands (unless it gave up after contention).
  const slot = last.slot !== undefined ? last.slot : await db.get('slots', slotId);
  const holders = Object.keys(slot?.holders ?? {});
  const seated = await db.getMany('bookings', holders);
  // An offer a crash cut short has its event only in the booking and may never have been
  // told: put the event in the audit trail and send the notice (its id makes it once).
  if (repair) {
    await Promise.all(
      seated
        .filter((b) => b.status === 'offered')
        .flatMap((b) => [settleLastEvent(db, b), lastEventOf(b)?.type === 'booking.offered' ? notifyOffered(notifier, b, b.version) : null]),
    );
  }
  for (const b of seated) {
    if (b.status === 'waitlisted' && slot?.holders[b._id] === b.claim) offered += await offer(db, notifier, b, now);
  }
  return offered;
}

async function offer(db: ScopedStore, notifier: Notifier, b: BookingRecord | null, now: number): Promise<number> {
  // Not saved yet (its create is still running): that create sees the seat and books it.
  if (!b || b.status !== 'waitlisted') return 0;
  const offerExpiresAt = Math.min(now + PROMOTION_WINDOW_HOURS * HOUR, b.startAt);
  try {
    const next = await changeBooking(db, 'system', b, { status: 'offered', offerExpiresAt, wakeAt: offerExpiresAt }, { type: 'booking.offered' }, now);
    await notifyOffered(notifier, b, next.version);
    return 1;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    return 0;
  }
}

/** The offer's notice; its id names the offer's version, so a repeat sends nothing new. */
async function notifyOffered(notifier: Notifier, b: BookingRecord, version: number): Promise<void> {
  await notifier.notify({
    id: `booking:${b._id}:v${version}:offered`,
    communityId: b.communityId,
    recipientId: b.memberId,
    kind: 'booking.offered',
    title: `候补转正：${b.serviceName}`,
    body: `有名额空出，请在${PROMOTION_WINDOW_HOURS}小时内确认预约，逾期将转给下一位。`,
    page: '/pages/bookings/index',
  });
}
