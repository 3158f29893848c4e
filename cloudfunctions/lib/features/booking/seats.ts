/**
 * Booking's use of the shared seat engine (kernel/seat-pool.ts): a slot is a seat pool and
 * a booking holds its place under the booking's claim. The arithmetic and its guarantees
 * live in the engine, so bookings and volunteer activities cannot drift apart.
 */
import { promoteNext as next, promoteHead as promote, releasePlace as release, takePlace as take, type Place, type PoolStore } from '../../kernel/seat-pool';

import { op } from '../../ports/store';
import type { SlotRecord } from './records';

export type { Place };

export function takePlace(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<Place> {
  return take(store, 'slots', slotId, bookingId, claim);
}

/** Gives back the place this claim holds; false when it holds none (already given back). */
export function releasePlace(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<'seat' | 'waitlist' | false> {
  return release(store, 'slots', slotId, bookingId, claim);
}

/**
 * Gives back the seat this claim holds only while nobody waits on the slot, in the one
 * conditional update: true means the seat is free and no waiter was owed it at that moment
 * (a later arrival takes it directly, a new booking takes a seat while nobody waits), so
 * there is nothing to promote. False: not held, or someone waits; releasePlace then. The
 * same arithmetic as the engine's release (seatsLeft and holders together); it belongs
 * there as a variant of releasePlace.
 */
export function releaseSeatUnwaited(store: PoolStore, slotId: string, bookingId: string, claim: string): Promise<boolean> {
  const holder = `holders.${bookingId}`;
  return store.update('slots', slotId, { seatsLeft: op.inc(1), [holder]: op.unset() }, { [holder]: claim, waitlistCount: 0 });
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
