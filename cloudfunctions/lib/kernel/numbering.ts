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
 * - a retry with the same idempotency key meets its own claim (`ownerId`) and uses its record.
 *
 * So at most one claim per series is ever without its record, it is the last, and no page
 * shows its number until its record lands: numbers that can be seen run without gaps.
 */
import type { CollectionName, RecordOf } from '../ports/store';
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
  },
): Promise<Claimed<C>> {
  for (let value = opts.floor + 1, tries = 0; tries < MAX_TRIES; value += 1, tries += 1) {
    const id = `${opts.series}_n${value}`;
    const record = opts.record(value);
    if (await db.insert('counters', { _id: id, communityId: db.communityId, value, ownerId: opts.ownerId, collection: opts.collection, record })) {
      return { value, record, earlier: false };
    }
    const claim = await db.get('counters', id);
    if (claim?.ownerId === opts.ownerId && claim.record) return { value, record: claim.record as RecordOf<C>, earlier: true };
    // Someone else's number: its record may be missing if they died in between; put it in place.
    if (claim?.record && claim.collection === opts.collection) await db.insert(opts.collection, claim.record as RecordOf<C>);
  }
  throw new Error(`numbering ${opts.series}: no free number after ${MAX_TRIES} tries`);
}
