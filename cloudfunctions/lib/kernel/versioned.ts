/**
 * A state change and its audit event, committed together. The document is compared on its
 * `version` and replaced with the next one in the same single-document transaction that
 * inserts the event, so a crash can leave neither a change without its event nor an event
 * for a change that did not happen. (CloudBase transactions allow exactly this: single
 * documents by id; the callback may run again, so it has no side effects.)
 */
import { AppError } from '../../../miniprogram/core/errors';
import type { CollectionName, RecordOf } from '../ports/store';
import type { EventRecord } from './audit';
import type { ScopedStore } from './scoped-store';

/** Collections whose records change by compare-and-set on `version`. */
export type VersionedCollection = {
  [C in CollectionName]: RecordOf<C> extends { communityId: string; version: number } ? C : never;
}[CollectionName];

/**
 * Applies `patch` to the stored document if it is still at `expected.version` (fields that
 * change without a version bump, such as a moderation flag, are kept as stored), and inserts
 * the event made from the result. Returns the new document.
 */
export async function commitVersioned<C extends VersionedCollection, T extends RecordOf<C> = RecordOf<C>>(
  db: ScopedStore,
  collection: C,
  expected: T,
  patch: Partial<T>,
  makeEvent: (next: T) => EventRecord,
  conflictMessage: string,
): Promise<T> {
  return db.store.transaction(async (tx) => {
    const current = await tx.get(collection, expected._id);
    if (!current || current.communityId !== db.communityId || current.version !== expected.version) {
      throw new AppError('CONFLICT', conflictMessage);
    }
    const next = { ...current, ...patch, version: current.version + 1 } as T;
    tx.set(collection, next as RecordOf<C>);
    tx.insert('events', makeEvent(next));
    return next;
  });
}
