/**
 * A state change and its audit event, without a transaction. The change is one conditional
 * update of the document on its `version`, and the event rides in that same single-document
 * write as `lastEvent`: the change and its audit record land together or not at all. The
 * event is then inserted into `events` under its deterministic id (the step's key names the
 * new version), so a second insert is a duplicate and writes nothing.
 *
 * If an instance dies between the two writes, the event is in the document but not yet in
 * `events`. Whoever touches the document next puts it there: the next commit re-inserts
 * `expected.lastEvent` beside its own update (a write, no extra wait), and a client's retry
 * that finds the change already made calls `settleLastEvent` on the stored document.
 *
 * Why not a transaction: CloudBase transactions cost a read inside the transaction and a
 * commit round-trip, and the caller has already read `expected`. A conditional update on one
 * document is atomic in CloudBase (MongoDB), and its `updated` count says whether it matched;
 * the version bump guarantees it modifies what it matches.
 */
import { AppError } from '../../../miniprogram/core/errors';
import { op, type CollectionName, type Patch, type RecordOf } from '../ports/store';
import type { EventRecord } from './audit';
import type { ScopedStore } from './scoped-store';

/** Collections whose records change by compare-and-set on `version`. */
export type VersionedCollection = {
  [C in CollectionName]: RecordOf<C> extends { communityId: string; version: number } ? C : never;
}[CollectionName];

/**
 * What every versioned document may carry besides its record's fields: the audit event of
 * its latest change. Server-side bookkeeping only: it may name another person, so
 * `withoutLastEvent` takes it off wherever a document leaves the server.
 */
export interface LastEventCarrier {
  lastEvent?: EventRecord;
}

/** The event of the document's latest change, if it carries one. */
export function lastEventOf(doc: object | null | undefined): EventRecord | undefined {
  return (doc as LastEventCarrier | null | undefined)?.lastEvent ?? undefined;
}

/** The document without its embedded audit event (a copy only when it carries one). */
export function withoutLastEvent<T>(doc: T): T {
  if (!doc || typeof doc !== 'object' || !('lastEvent' in doc)) return doc;
  const { lastEvent: _dropped, ...rest } = doc as T & LastEventCarrier;
  return rest as T;
}

/**
 * A reply with every embedded audit event (and kept notices) taken off, however deep (a view that spread a
 * stored document, an export of raw records). The one gate every reply passes, so no
 * presenter has to remember it; it copies only the branches that carry one.
 */
export function withoutEmbeddedEvents<T>(value: T): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const clean = withoutEmbeddedEvents(item);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return (copy ?? value) as T;
  }
  if (!value || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    // Its notices likewise (kept beside it for a retry): they are messages to other people.
    if (key === 'lastEvent' || key === 'lastNotices') {
      copy ??= { ...(value as Record<string, unknown>) };
      delete copy[key];
      continue;
    }
    const clean = withoutEmbeddedEvents(item);
    if (clean !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = clean;
  }
  return (copy ?? value) as T;
}

/**
 * Makes sure the stored document's latest event is in `events` (a duplicate is a no-op).
 * For the paths a client's retry takes when it finds its change already made: the call that
 * made it may have died before inserting the event. Run it beside the reply's other writes.
 */
export async function settleLastEvent(db: ScopedStore, doc: object | null | undefined): Promise<void> {
  const e = lastEventOf(doc);
  if (e && e.communityId === db.communityId) await db.insert('events', e);
}

/**
 * Applies `patch` to the stored document if it is still at `expected.version` (fields that
 * change without a version bump, such as a moderation flag, are kept as stored: only the
 * patch is written), and records the event made from the result. Returns the new document
 * as this call knows it (`expected` with the patch and the next version, without
 * `lastEvent`, whose event is already in `events`). `alongside` runs once the change has
 * landed, beside the event's insert (notices, attaching photos): what follows a change need
 * not wait for its audit record, which the document already carries.
 */
export async function commitVersioned<C extends VersionedCollection, T extends RecordOf<C> = RecordOf<C>>(
  db: ScopedStore,
  collection: C,
  expected: T,
  patch: Partial<T>,
  makeEvent: (next: T) => EventRecord,
  conflictMessage: string,
  alongside?: (next: T, event: EventRecord) => Promise<unknown>,
): Promise<T> {
  if (expected.communityId !== db.communityId) throw new AppError('CONFLICT', conflictMessage);
  const next = withoutLastEvent({ ...expected, ...patch, version: expected.version + 1 } as T);
  const event = makeEvent(next);
  const write: Patch = { lastEvent: event, version: next.version };
  for (const [field, value] of Object.entries(patch)) {
    if (field === '_id' || field === 'version' || field === 'communityId' || field === 'lastEvent') continue;
    // A field set to undefined was dropped by the whole-document write this replaces: remove it likewise.
    write[field] = value === undefined ? op.unset() : value;
  }
  const [moved] = await Promise.all([
    db.update(collection, expected._id, write, { version: expected.version }),
    // Repair: the change that made `expected` may have died before its event reached `events`.
    settleLastEvent(db, expected),
  ]);
  if (!moved) throw new AppError('CONFLICT', conflictMessage);
  await Promise.all([db.insert('events', event), alongside?.(next, event)]);
  return next;
}
