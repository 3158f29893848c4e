/**
 * Per-resident limits, enforced by the store rather than by counting first:
 * - one open booking per service: a lock document names the booking that holds it;
 * - N bookings per service per month: a quota document with a conditional decrement.
 * Both are idempotent for the same booking id, and both are given back on cancellation.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { op } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import { lockIdFor, OPEN_BOOKING, quotaIdFor, type BookingRecord, type LockRecord, type QuotaRecord } from './records';

/** A lock whose booking never appeared after this long was left by a crashed attempt. */
export const STALE_LOCK_MS = 60_000;

/**
 * Lock and quota documents exist only while they hold something: a refused booking takes
 * its claims back out, so it leaves the database as it found it.
 */
export async function claimLock(db: ScopedStore, serviceId: string, memberId: string, bookingId: string, now: number): Promise<void> {
  const lockId = lockIdFor(serviceId, memberId);
  const limit = () => new AppError('BOOKING_LIMIT', '您已有该服务的预约，请先完成或取消后再约');
  if (await db.insert('bookingLocks', { _id: lockId, communityId: db.communityId, bookingId, claimedAt: now } satisfies LockRecord)) return;
  const lock = await db.get<LockRecord>('bookingLocks', lockId);
  if (!lock) return claimLock(db, serviceId, memberId, bookingId, now);
  if (lock.bookingId === bookingId) return;
  const holder = lock.bookingId ? await db.get<BookingRecord>('bookings', lock.bookingId) : null;
  if (holder && OPEN_BOOKING.includes(holder.status)) throw limit();
  // No open booking behind the lock: either it is still being made (refuse), or its attempt
  // died long ago (take over, naming the stale holder so only one taker wins).
  if (!holder && now - lock.claimedAt < STALE_LOCK_MS) throw limit();
  if (!(await db.update('bookingLocks', lockId, { bookingId, claimedAt: now }, { bookingId: lock.bookingId }))) throw limit();
}

export async function releaseLock(db: ScopedStore, serviceId: string, memberId: string, bookingId: string): Promise<void> {
  await db.remove('bookingLocks', lockIdFor(serviceId, memberId), { bookingId });
}

export async function claimQuota(db: ScopedStore, serviceId: string, memberId: string, month: string, max: number, bookingId: string): Promise<void> {
  const id = quotaIdFor(serviceId, memberId, month);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await db.insert('bookingQuotas', { _id: id, communityId: db.communityId, max, left: max - 1, used: { [bookingId]: true } } satisfies QuotaRecord)) return;
    if (await db.update('bookingQuotas', id, { left: op.inc(-1), [`used.${bookingId}`]: true }, { left: { $gt: 0 }, [`used.${bookingId}`]: { $exists: false } })) return;
    const quota = await db.get<QuotaRecord>('bookingQuotas', id);
    if (quota?.used[bookingId]) return;
    // Gone between our insert and update (its last booking was released): claim afresh.
    if (quota) break;
  }
  throw new AppError('BOOKING_LIMIT', `该服务每月最多预约${max}次`);
}

export async function releaseQuota(db: ScopedStore, serviceId: string, memberId: string, month: string, bookingId: string): Promise<void> {
  const id = quotaIdFor(serviceId, memberId, month);
  if (await db.update('bookingQuotas', id, { left: op.inc(1), [`used.${bookingId}`]: op.unset() }, { [`used.${bookingId}`]: { $exists: true } })) {
    // Unused again: take the document away unless a claim slipped in meanwhile.
    const quota = await db.get<QuotaRecord>('bookingQuotas', id);
    if (quota && quota.left >= quota.max) await db.remove('bookingQuotas', id, { left: quota.left });
  }
}
