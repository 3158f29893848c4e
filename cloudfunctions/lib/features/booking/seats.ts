/**
 * Seat arithmetic on a slot, each step a single conditional update so that any number of
 * parallel callers can neither overbook nor double-count one booking:
 * - a seat is taken only while seats are left, nobody waits before you, and you hold none;
 * - the waitlist is joined only while it has room and you are on neither list;
 * - releasing and promoting move one id between the maps with the counters alongside.
 * Each place is held under a claim token naming one incarnation of the booking, so a late
 * release by a cancelled incarnation can never free the seat of the rebooked one.
 */
import { op, type Store } from '../../ports/store';

/** A store or a community-scoped view of one: slots are always reached within a community. */
type SlotStore = Pick<Store, 'get' | 'update'>;

export type Place = 'seat' | 'waitlist' | 'full';

export async function takePlace(store: SlotStore, slotId: string, bookingId: string, claim: string): Promise<Place> {
  const holder = `holders.${bookingId}`;
  const waiter = `waiting.${bookingId}`;
  const notListed = { [holder]: { $exists: false }, [waiter]: { $exists: false } };
  const seated = await store.update('slots', slotId, { seatsLeft: op.inc(-1), [holder]: claim }, { status: 'open', seatsLeft: { $gt: 0 }, waitlistCount: 0, ...notListed });
  if (seated) return 'seat';
  const queued = await store.update(
    'slots',
    slotId,
    { waitlistLeft: op.inc(-1), waitlistCount: op.inc(1), waitlist: op.push(bookingId), [waiter]: claim },
    { status: 'open', waitlistLeft: { $gt: 0 }, ...notListed },
  );
  if (queued) return 'waitlist';
  // Neither: full, closed, this very attempt already placed (a retry), or an earlier
  // incarnation of this booking still holds a place its cancellation has not yet given back.
  const slot = await store.get('slots', slotId);
  for (const [field, place] of [[holder, 'seat'], [waiter, 'waitlist']] as const) {
    const held = field === holder ? slot?.holders[bookingId] : slot?.waiting[bookingId];
    if (held === undefined) continue;
    if (held === claim) return place;
    // Adopt it: the place moves to this incarnation, so the late release misses.
    if (await store.update('slots', slotId, { [field]: claim }, { [field]: held })) return place;
    return takePlace(store, slotId, bookingId, claim);
  }
  return 'full';
}

/** Gives back the place this claim holds; false when it holds none (already given back). */
export async function releasePlace(store: SlotStore, slotId: string, bookingId: string, claim: string): Promise<'seat' | 'waitlist' | false> {
  const freed = await store.update('slots', slotId, { seatsLeft: op.inc(1), [`holders.${bookingId}`]: op.unset() }, { [`holders.${bookingId}`]: claim });
  if (freed) return 'seat';
  const left = await store.update(
    'slots',
    slotId,
    { waitlistLeft: op.inc(1), waitlistCount: op.inc(-1), waitlist: op.pull(bookingId), [`waiting.${bookingId}`]: op.unset() },
    { [`waiting.${bookingId}`]: claim },
  );
  return left ? 'waitlist' : false;
}

/**
 * Moves the head of the waitlist onto a free seat, keeping its claim. Returns the promoted
 * booking id, or null when there is no free seat or nobody waiting. The condition names the
 * head and claim it read, so a concurrent promotion or cancellation makes this a no-op.
 */
export async function promoteHead(store: SlotStore, slotId: string): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const slot = await store.get('slots', slotId);
    const head = slot?.waitlist[0];
    if (!slot || slot.status !== 'open' || slot.seatsLeft <= 0 || !head) return null;
    const claim = slot.waiting[head];
    const moved = await store.update(
      'slots',
      slotId,
      {
        seatsLeft: op.inc(-1),
        [`holders.${head}`]: claim,
        waitlistLeft: op.inc(1),
        waitlistCount: op.inc(-1),
        waitlist: op.pull(head),
        [`waiting.${head}`]: op.unset(),
      },
      { status: 'open', seatsLeft: { $gt: 0 }, [`waiting.${head}`]: claim },
    );
    if (moved) return head;
  }
  return null;
}
