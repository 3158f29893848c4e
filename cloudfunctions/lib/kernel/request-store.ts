import type { CollectionName, Filter, Patch, QuerySpec, ReadPart, ReadTogether, RecordOf, Store, TxOps } from '../ports/store';

/**
 * One request's view of the store: everything passes through, and the subclass hears of
 * each collection the request writes (directly or in a transaction), so what it answers
 * from memory never hides the request's own writes.
 */
export abstract class RequestStore implements Store {
  constructor(protected readonly inner: Store) {}

  /** The request wrote to `collection`: reads of it must go to the database from now on. */
  protected abstract wrote(collection: string): void;

  get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null> {
    return this.inner.get(collection, id);
  }
  getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<RecordOf<C>[]> {
    return this.inner.getMany(collection, ids);
  }
  query<C extends CollectionName>(collection: C, spec: QuerySpec) {
    return this.inner.query(collection, spec);
  }
  readTogether<C extends CollectionName>(anchor: { collection: C; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<RecordOf<C>>> {
    return this.inner.readTogether(anchor, parts);
  }

  insert<C extends CollectionName>(collection: C, doc: RecordOf<C>): Promise<boolean> {
    this.wrote(collection);
    return this.inner.insert(collection, doc);
  }
  insertMany<C extends CollectionName>(collection: C, docs: readonly RecordOf<C>[]): Promise<void> {
    this.wrote(collection);
    return this.inner.insertMany(collection, docs);
  }
  set<C extends CollectionName>(collection: C, doc: RecordOf<C>): Promise<void> {
    this.wrote(collection);
    return this.inner.set(collection, doc);
  }
  update(collection: CollectionName, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    this.wrote(collection);
    return this.inner.update(collection, id, patch, where);
  }
  updateMany(collection: CollectionName, where: Filter, patch: Patch): Promise<number> {
    this.wrote(collection);
    return this.inner.updateMany(collection, where, patch);
  }
  remove(collection: CollectionName, id: string, where?: Filter): Promise<boolean> {
    this.wrote(collection);
    return this.inner.remove(collection, id, where);
  }
  /** Transactions read the database; their writes count as the request's. */
  transaction<R>(fn: (tx: TxOps) => Promise<R>): Promise<R> {
    return this.inner.transaction((tx) =>
      fn({
        get: (collection, id) => tx.get(collection, id),
        insert: (collection, doc) => (this.wrote(collection), tx.insert(collection, doc)),
        set: (collection, doc) => (this.wrote(collection), tx.set(collection, doc)),
        remove: (collection, id) => (this.wrote(collection), tx.remove(collection, id)),
      }),
    );
  }
}
