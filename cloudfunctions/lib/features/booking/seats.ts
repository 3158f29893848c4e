/**
 * Seat arithmetic on a slot, each step a single conditional update so that any number of
 * parallel callers can neither overbook nor double-count one booking:
 * - a seat is taken only while seats are left, nobody waits before you, and you hold none;
 * - the waitlist is joined only while it has room and you are on neither list;
 * - releasing and promoting move one id between the maps with the counters alongside.
 */
import { op, type Store } from '../../ports/store';

/** A store or a community-scoped view of one: slots are always reached within a community. */
type SlotStore = Pick<Store, 'get' | 'update'>;
import type { SlotRecord } from './records';

export type Place = 'seat' | 'waitlist' | 'full';

export async function takePlace(store: SlotStore, slotId: string, bookingId: string): Promise<Place> {
  const notListed = { [`holders.${bookingId}`]: { $exists: false }, [`waiting.${bookingId}`]: { $exists: false } };
  const seated = await store.update(
    'slots',
    slotId,
    { seatsLeft: op.inc(-1), [`holders.${bookingId}`]: true },
    { status: 'open', seatsLeft: { $gt: 0 }, waitlistCount: 0, ...notListed },
  );
  if (seated) return 'seat';
  const queued = await store.update(
    'slots',
    slotId,
    { waitlistLeft: op.inc(-1), waitlistCount: op.inc(1), waitlist: op.push(bookingId), [`waiting.${bookingId}`]: true },
    { status: 'open', waitlistLeft: { $gt: 0 }, ...notListed },
  );
  if (queued) return 'waitlist';
  // Neither: full, closed, or this booking already has its place (a retry).
  const slot = await store.get<SlotRecord>('slots', slotId);
  if (slot?.holders[bookingId]) return 'seat';
  if (slot?.waiting[bookingId]) return 'waitlist';
  return 'full';
}

/** Gives back whatever place the booking has; false when it had none. */
export async function releasePlace(store: SlotStore, slotId: string, bookingId: string): Promise<'seat' | 'waitlist' | false> {
  const freed = await store.update('slots', slotId, { seatsLeft: op.inc(1), [`holders.${bookingId}`]: op.unset() }, { [`holders.${bookingId}`]: { $exists: true } });
  if (freed) return 'seat';
  const left = await store.update(
    'slots',
    slotId,
    { waitlistLeft: op.inc(1), waitlistCount: op.inc(-1), waitlist: op.pull(bookingId), [`waiting.${bookingId}`]: op.unset() },
    { [`waiting.${bookingId}`]: { $exists: true } },
  );
  return left ? 'waitlist' : false;
}

/**
 * Moves the head of the waitlist onto a free seat. Returns the promoted booking id, or null
 * when there is no free seat or nobody waiting. The condition names the head it read, so a
 * concurrent promotion or cancellation makes this one a no-op rather than a double move.
 */
export async function promoteHead(store: SlotStore, slotId: string): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const slot = await store.get<SlotRecord>('slots', slotId);
    const head = slot?.waitlist[0];
    if (!slot || slot.status !== 'open' || slot.seatsLeft <= 0 || !head) return null;
    const moved = await store.update(
      'slots',
      slotId,
      {
        seatsLeft: op.inc(-1),
        [`holders.${head}`]: true,
        waitlistLeft: op.inc(1),
        waitlistCount: op.inc(-1),
        waitlist: op.pull(head),
        [`waiting.${head}`]: op.unset(),
      },
      { status: 'open', seatsLeft: { $gt: 0 }, [`waiting.${head}`]: { $exists: true } },
    );
    if (moved) return head;
  }
  return null;
}
