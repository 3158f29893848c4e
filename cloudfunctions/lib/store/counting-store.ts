import type { Doc, DocumentStore, DocumentTxOps, Filter, Patch, QueryPage, QuerySpec, ReadPart, ReadTogether } from '../ports/store';

/**
 * Counts database round-trips as CloudBase would bill them: one per call, and inside a
 * transaction one per read and per write plus the commit. Wraps any adapter.
 */
export class CountingStore implements DocumentStore {
  trips = 0;
  constructor(private readonly inner: DocumentStore) {}

  reset(): number {
    const n = this.trips;
    this.trips = 0;
    return n;
  }

  get<T extends Doc>(c: string, id: string): Promise<T | null> {
    this.trips += 1;
    return this.inner.get(c, id);
  }
  getMany<T extends Doc>(c: string, ids: readonly string[]): Promise<T[]> {
    if (ids.length) this.trips += 1;
    return this.inner.getMany(c, ids);
  }
  insert<T extends Doc>(c: string, doc: T): Promise<boolean> {
    this.trips += 1;
    return this.inner.insert(c, doc);
  }
  insertMany<T extends Doc>(c: string, docs: readonly T[]): Promise<void> {
    if (docs.length) this.trips += 1;
    return this.inner.insertMany(c, docs);
  }
  set<T extends Doc>(c: string, doc: T): Promise<void> {
    this.trips += 1;
    return this.inner.set(c, doc);
  }
  update(c: string, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    this.trips += 1;
    return this.inner.update(c, id, patch, where);
  }
  updateMany(c: string, where: Filter, patch: Patch): Promise<number> {
    this.trips += 1;
    return this.inner.updateMany(c, where, patch);
  }
  remove(c: string, id: string, where?: Filter): Promise<boolean> {
    this.trips += 1;
    return this.inner.remove(c, id, where);
  }
  query<T extends Doc>(c: string, spec: QuerySpec): Promise<QueryPage<T>> {
    this.trips += 1;
    return this.inner.query(c, spec);
  }
  /** One request, however many parts: a missing anchor reads nothing more (see the port). */
  readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    this.trips += 1;
    return this.inner.readTogether<T>(anchor, parts);
  }
  transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    this.trips += 1; // commit
    return this.inner.transaction((tx) =>
      fn({
        get: (c, id) => {
          this.trips += 1;
          return tx.get(c, id);
        },
        insert: (c, doc) => {
          this.trips += 1;
          tx.insert(c, doc);
        },
        set: (c, doc) => {
          this.trips += 1;
          tx.set(c, doc);
        },
        remove: (c, id) => {
          this.trips += 1;
          tx.remove(c, id);
        },
      }),
    );
  }
}
