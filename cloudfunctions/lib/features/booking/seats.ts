/**
 * Booking's use of the shared seat engine (kernel/seat-pool.ts): a slot is a seat pool and
 * a booking holds its place under the booking's claim. The arithmetic and its guarantees
 * live in the engine, so bookings and volunteer activities cannot drift apart.
 */
import { promoteNext as next, promoteHead as promote, releasePlace as release, releaseSeatNobodyWaits as releaseUnwaited, takePlace as take, type Place, type PoolStore } from '../../kernel/seat-pool';

import type { SlotRecord } from './records';

export type { Place };

export function takePlace(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<Place> {
  return take(store, 'slots', slotId, bookingId, claim);
}

/** Gives back the place this claim holds; false when it holds none (already given back). */
export function releasePlace(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<'seat' | 'waitlist' | false> {
  return release(store, 'slots', slotId, bookingId, claim);
}

/** The engine's release, only while nobody waits on the slot (true: nothing to promote). */
export function releaseSeatUnwaited(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<boolean> {
  return releaseUnwaited(store, 'slots', slotId, bookingId, claim);
}

/** Moves the head of the slot's waitlist onto a free seat; the promoted booking id, or null. */
export function promoteHead(store: PoolStore, slotId: string): Promise<string | null> {
  return promote(store, 'slots', slotId);
}

/** `promoteHead`, with the slot it read when it promoted nobody (see kernel promoteNext). */
export async function promoteNext(store: PoolStore, slotId: string): Promise<{ head: string | null; slot?: SlotRecord | null }> {
  const r = await next(store, 'slots', slotId);
  return { head: r.head, ...('pool' in r ? { slot: r.pool as SlotRecord | null } : {}) };
}
