/**
 * Gap-free sequence numbers without a transaction. A number is claimed by inserting a
 * bookkeeping document whose id NAMES it (`<series>_n<k>`): the store's unique id makes two
 * claims of one number impossible, and a duplicate sends the claimant to the next number.
 * The claim carries the whole record it numbers, so whoever finds a claim whose record is
 * missing (the claimant crashed between its two inserts) can put the record in place:
 *
 * - a claimant only tries k+1 once k is known to exist (a stored record's number, the older
 *   counter's value, or the duplicate claim it just met), so the claims run 1..n;
 * - every claimant walks over each claim above the last stored record, completing any whose
 *   record is missing: a half-done claim is always the highest one, and the next claim of
 *   the series (or the same call's retry, which finds its own claim there) finishes it;
 * - a retry with the same idempotency key meets its own claim (`ownerId`) and uses its record;
 * - the walk must never start above the owner's own record: a retry whose first attempt's
 *   claim was completed by someone else would claim a second number whose record cannot be
 *   inserted (its id stands under the first), a gap forever. So the caller reads the floor
 *   BEFORE it looks for its own record (then a record missing from that look was missing
 *   from the floor too), and passes the record the floor came from (`last`): should it be
 *   the owner's (the reads went out together), that number is the owner's earlier claim;
 * - what belongs with the record (its events: `alongside`) rides in the claim too, so the
 *   claimant who completes someone else's claim puts them in place with the record.
 *
 * So at most one claim per series is ever without its record, it is the last, and no page
 * shows its number until its record lands: numbers that can be seen run without gaps.
 */
import type { CollectionName, Doc, RecordOf } from '../ports/store';
import type { CounterRecord } from './counters';
import type { ScopedStore } from './scoped-store';

/** Enough for any burst of parallel claims; past it the caller is asked to try again. */
const MAX_TRIES = 50;

export interface Claimed<C extends CollectionName> {
  value: number;
  /** The record under this number: the caller's own, or the one its earlier attempt claimed. */
  record: RecordOf<C>;
  /** True when an earlier attempt with the same owner had claimed it. */
  earlier: boolean;
}

/** Documents stored beside a numbered record (deterministic ids: inserting them again is a no-op). */
export interface Alongside {
  collection: CollectionName;
  docs: Doc[];
}

/** A claim as stored: the counter fields, and what a completer inserts beside the record. */
type Claim = CounterRecord & { alongside?: Alongside[] };

export async function claimNumber<C extends CollectionName>(
  db: ScopedStore,
  opts: {
    /** Names the sequence: `ctr_<community>_certificate_<year>`. */
    series: string;
    /** A number known to be taken (the last stored record's, or an older counter's): the walk starts above it. */
    floor: number;
    collection: C;
    /** Who claims: the record's deterministic id (derived from the idempotency key). */
    ownerId: string;
    record: (value: number) => RecordOf<C>;
    /** The stored record the floor was read from and its number: when it is the owner's, that is its number. */
    last?: { value: number; record: RecordOf<C> } | null;
    /** What must stand beside the record (its events): carried by the claim, put in place by whoever completes it. */
    alongside?: (record: RecordOf<C>) => Alongside[];
  },
): Promise<Claimed<C>> {
  if (opts.last && opts.last.record._id === opts.ownerId) return { value: opts.last.value, record: opts.last.record, earlier: true };
  for (let value = opts.floor + 1, tries = 0; tries < MAX_TRIES; value += 1, tries += 1) {
    const id = `${opts.series}_n${value}`;
    const record = opts.record(value);
    const made: Claim = { _id: id, communityId: db.communityId, value, ownerId: opts.ownerId, collection: opts.collection, record };
    if (opts.alongside) made.alongside = opts.alongside(record);
    if (await db.insert('counters', made)) return { value, record, earlier: false };
    const claim = (await db.get('counters', id)) as Claim | null;
    if (claim?.ownerId === opts.ownerId && claim.record) return { value, record: claim.record as RecordOf<C>, earlier: true };
    // Someone else's number: its record (and what goes with it) may be missing if they died in between; put it in place.
    if (claim?.record && claim.collection === opts.collection) {
      await Promise.all([
        db.insert(opts.collection, claim.record as RecordOf<C>),
        ...(claim.alongside ?? []).map((a) => db.insertMany(a.collection, a.docs as RecordOf<typeof a.collection>[])),
      ]);
    }
  }
  throw new Error(`numbering ${opts.series}: no free number after ${MAX_TRIES} tries`);
}
