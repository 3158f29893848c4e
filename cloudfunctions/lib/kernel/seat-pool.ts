/**
 * The seat engine: seat arithmetic on a pool document (a booking slot, an activity's
 * shift × role), each step a single conditional update so that any number of parallel
 * callers — in one process or many — can neither overbook nor double-count one place:
 * - a seat is taken only while seats are left, nobody waits before you, and you hold none;
 * - the waitlist is joined only while it has room and you are on neither list;
 * - releasing and promoting move one id between the maps with the counters alongside.
 * Each place is held under a claim token naming one incarnation of the holder's record, so
 * a late release by a cancelled incarnation can never free the seat of the re-made one.
 * Features keep their pools in their own collection; the engine only needs these fields.
 */
import { op, type CollectionName, type Doc, type RecordOf, type Store } from '../ports/store';

/** The fields every seat pool carries, whatever else its collection holds. */
export interface SeatPool extends Doc {
  seats: number;
  seatsLeft: number;
  /** Holder id → the claim token of the incarnation holding the seat. */
  holders: Record<string, string>;
  /** Waitlist in arrival order, plus a map (holder id → claim) for membership tests. */
  waitlist: string[];
  waiting: Record<string, string>;
  waitlistCount: number;
  waitlistLeft: number;
  status: 'open' | 'closed';
}

/** Collections whose records are seat pools. */
export type SeatPoolCollection = {
  [C in CollectionName]: RecordOf<C> extends SeatPool ? C : never;
}[CollectionName];

/** A store or a community-scoped view of one: pools are always reached within a community. */
export type PoolStore = Pick<Store, 'get' | 'update'>;

export type Place = 'seat' | 'waitlist' | 'full';

export async function takePlace(store: PoolStore, collection: SeatPoolCollection, poolId: string, holderId: string, claim: string): Promise<Place> {
  const holder = `holders.${holderId}`;
  const waiter = `waiting.${holderId}`;
  const notListed = { [holder]: { $exists: false }, [waiter]: { $exists: false } };
  const seated = await store.update(collection, poolId, { seatsLeft: op.inc(-1), [holder]: claim }, { status: 'open', seatsLeft: { $gt: 0 }, waitlistCount: 0, ...notListed });
  if (seated) return 'seat';
  const queued = await store.update(
    collection,
    poolId,
    { waitlistLeft: op.inc(-1), waitlistCount: op.inc(1), waitlist: op.push(holderId), [waiter]: claim },
    { status: 'open', waitlistLeft: { $gt: 0 }, ...notListed },
  );
  if (queued) return 'waitlist';
  // Neither: full, closed, this very attempt already placed (a retry), or an earlier
  // incarnation of this holder still holds a place its cancellation has not yet given back.
  const pool = (await store.get(collection, poolId)) as SeatPool | null;
  for (const [field, place] of [[holder, 'seat'], [waiter, 'waitlist']] as const) {
    const held = field === holder ? pool?.holders[holderId] : pool?.waiting[holderId];
    if (held === undefined) continue;
    if (held === claim) return place;
    // Adopt it: the place moves to this incarnation, so the late release misses.
    if (await store.update(collection, poolId, { [field]: claim }, { [field]: held })) return place;
    return takePlace(store, collection, poolId, holderId, claim);
  }
  return 'full';
}

/** Gives back the place this claim holds; false when it holds none (already given back). */
export async function releasePlace(store: PoolStore, collection: SeatPoolCollection, poolId: string, holderId: string, claim: string): Promise<'seat' | 'waitlist' | false> {
  const freeSeat = () => store.update(collection, poolId, { seatsLeft: op.inc(1), [`holders.${holderId}`]: op.unset() }, { [`holders.${holderId}`]: claim });
  if (await freeSeat()) return 'seat';
  const left = await store.update(
    collection,
    poolId,
    { waitlistLeft: op.inc(1), waitlistCount: op.inc(-1), waitlist: op.pull(holderId), [`waiting.${holderId}`]: op.unset() },
    { [`waiting.${holderId}`]: claim },
  );
  if (left) return 'waitlist';
  // A promotion may have moved this claim from the waitlist onto a seat between the two
  // tries. A claim only ever moves that one way, so one more try at the seat settles it.
  return (await freeSeat()) ? 'seat' : false;
}

/**
 * Gives back the seat this claim holds only while nobody waits, in the one conditional
 * update: true means the seat is free and no waiter was owed it at that moment, so there is
 * nothing to promote. False: the claim holds no seat, or someone waits; releasePlace then.
 */
export function releaseSeatNobodyWaits(store: PoolStore, collection: SeatPoolCollection, poolId: string, holderId: string, claim: string): Promise<boolean> {
  const holder = `holders.${holderId}`;
  return store.update(collection, poolId, { seatsLeft: op.inc(1), [holder]: op.unset() }, { [holder]: claim, waitlistCount: 0 });
}

/**
 * Moves the head of the waitlist onto a free seat, keeping its claim. Returns the promoted
 * holder id, or null when there is no free seat or nobody waiting. The condition names the
 * head and claim it read, so a concurrent promotion or cancellation makes this a no-op.
 */
export async function promoteHead(store: PoolStore, collection: SeatPoolCollection, poolId: string): Promise<string | null> {
  return (await promoteNext(store, collection, poolId)).head;
}

/**
 * `promoteHead`, also handing back the pool it read when it promoted nobody (no free seat,
 * nobody waiting, pool closed or absent): that read is the pool as it stands, so a caller
 * that looks at the pool next need not read it again. `pool` is undefined when the answer
 * came from a promotion or from giving up after contention (read it afresh then).
 */
export async function promoteNext(store: PoolStore, collection: SeatPoolCollection, poolId: string): Promise<{ head: string | null; pool?: SeatPool | null }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const pool = (await store.get(collection, poolId)) as SeatPool | null;
    const head = pool?.waitlist[0];
    if (!pool || pool.status !== 'open' || pool.seatsLeft <= 0 || !head) return { head: null, pool };
    const claim = pool.waiting[head];
    const moved = await store.update(
      collection,
      poolId,
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
    if (moved) return { head };
  }
  return { head: null };
}

/**
 * `promoteNext` from a pool the caller has just read (after whatever freed the seat had
 * landed), so the first try needs no read of its own: it names the head and claim that read
 * saw, so a pool that has moved since refuses it, and then it is `promoteNext` (which reads).
 * A pool that shows nobody to promote is answered as it is, like `promoteNext`'s own read.
 */
export async function promoteNextFrom(store: PoolStore, collection: SeatPoolCollection, poolId: string, pool: SeatPool | null): Promise<{ head: string | null; pool?: SeatPool | null }> {
  const head = pool?.waitlist[0];
  if (!pool || pool.status !== 'open' || pool.seatsLeft <= 0 || !head) return { head: null, pool };
  if (await store.update(collection, poolId, promotion(head, pool.waiting[head]), { status: 'open', seatsLeft: { $gt: 0 }, [`waiting.${head}`]: pool.waiting[head] })) return { head };
  return promoteNext(store, collection, poolId);
}

/** The move of `head` (holding `claim`) from the waitlist onto a seat, counters alongside. */
function promotion(head: string, claim: string) {
  return {
    seatsLeft: op.inc(-1),
    [`holders.${head}`]: claim,
    waitlistLeft: op.inc(1),
    waitlistCount: op.inc(-1),
    waitlist: op.pull(head),
    [`waiting.${head}`]: op.unset(),
  };
}

/** 1-based place on the pool's waitlist, or undefined when not waiting there. */
export function waitlistPosition(pool: Pick<SeatPool, 'waitlist'> | null, holderId: string): number | undefined {
  const i = pool?.waitlist.indexOf(holderId) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}
