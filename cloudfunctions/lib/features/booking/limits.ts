/**
 * Per-resident limits, enforced by the store rather than by counting first:
 * - one open booking per service: a lock document names the booking that holds it;
 * - N bookings per service per month: a quota document with a conditional decrement.
 * Both are idempotent for the same booking id, and both are given back on cancellation.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { op } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import { lockIdFor, OPEN_BOOKING, quotaIdFor, type LockRecord, type QuotaRecord } from './records';

/** A lock whose booking never appeared after this long was left by a crashed attempt. */
export const STALE_LOCK_MS = 60_000;

/**
 * Lock and quota documents exist only while they hold something: a refused booking takes
 * its claims back out, so it leaves the database as it found it.
 */
export async function claimLock(db: ScopedStore, serviceId: string, memberId: string, bookingId: string, claim: string, now: number): Promise<void> {
  const lockId = lockIdFor(serviceId, memberId);
  const limit = () => new AppError('BOOKING_LIMIT', '您已有该服务的预约，请先完成或取消后再约');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await db.insert('bookingLocks', { _id: lockId, communityId: db.communityId, bookingId, claim, claimedAt: now } satisfies LockRecord)) return;
    const lock = await db.get('bookingLocks', lockId);
    if (!lock) continue; // released meanwhile: claim afresh
    if (lock.claim === claim) return;
    // The same booking's earlier incarnation (cancelled, release still on its way) hands
    // the lock to this one, so its late release misses.
    const sameBooking = lock.bookingId === bookingId;
    if (!sameBooking) {
      const holder = lock.bookingId ? await db.get('bookings', lock.bookingId) : null;
      if (holder && OPEN_BOOKING.includes(holder.status)) throw limit();
      // No open booking behind the lock: still being made (refuse), or its attempt died
      // long ago (take over, naming the stale claim so only one taker wins).
      if (!holder && now - lock.claimedAt < STALE_LOCK_MS) throw limit();
    }
    if (await db.update('bookingLocks', lockId, { bookingId, claim, claimedAt: now }, { claim: lock.claim })) return;
  }
  throw limit();
}

export async function releaseLock(db: ScopedStore, serviceId: string, memberId: string, claim: string): Promise<void> {
  await db.remove('bookingLocks', lockIdFor(serviceId, memberId), { claim });
}

export async function claimQuota(db: ScopedStore, serviceId: string, memberId: string, month: string, max: number, bookingId: string, claim: string): Promise<void> {
  const id = quotaIdFor(serviceId, memberId, month);
  const used = `used.${bookingId}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await db.insert('bookingQuotas', { _id: id, communityId: db.communityId, max, left: max - 1, used: { [bookingId]: claim } } satisfies QuotaRecord)) return;
    if (await db.update('bookingQuotas', id, { left: op.inc(-1), [used]: claim }, { left: { $gt: 0 }, [used]: { $exists: false } })) return;
    const quota = await db.get('bookingQuotas', id);
    if (!quota) continue; // emptied and removed meanwhile: claim afresh
    const held = quota.used[bookingId];
    if (held === claim) return;
    // An earlier incarnation's unit passes to this one: still one unit for one booking.
    if (held !== undefined && (await db.update('bookingQuotas', id, { [used]: claim }, { [used]: held }))) return;
    if (held === undefined) break;
  }
  throw new AppError('BOOKING_LIMIT', `该服务每月最多预约${max}次`);
}

/**
 * Gives back the unit this claim used. `max`, the service's monthly allowance when known:
 * a document holding this unit alone (`left` one short of a `max` that still is the
 * allowance) is taken away in one conditional remove, which is the give-back and the
 * clean-up at once; any other document (other units used, or made under another allowance)
 * gives the unit back first and goes only if nothing else is held.
 */
export async function releaseQuota(db: ScopedStore, serviceId: string, memberId: string, month: string, bookingId: string, claim: string, max?: number): Promise<void> {
  const id = quotaIdFor(serviceId, memberId, month);
  const used = `used.${bookingId}`;
  // Units used = max − left, always (every step moves one unit and the counter together).
  if (max !== undefined && max > 0 && (await db.remove('bookingQuotas', id, { [used]: claim, max, left: max - 1 }))) return;
  if (await db.update('bookingQuotas', id, { left: op.inc(1), [used]: op.unset() }, { [used]: claim })) {
    // Unused again: take the document away unless a claim slipped in meanwhile.
    const quota = await db.get('bookingQuotas', id);
    if (quota && quota.left >= quota.max) await db.remove('bookingQuotas', id, { left: quota.left });
  }
}
