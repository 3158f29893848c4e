import type { Doc, Filter, Patch, QueryPage, QuerySpec, DocumentStore, DocumentTxOps, ReadPart, ReadTogether } from '../cloudfunctions/lib/ports/store';

/**
 * Sorts the round-trips CountingStore counts into reads and writes, per collection. It sits
 * under CountingStore (CountingStore → SplitStore → adapter), so both see every call and
 * the benchmark checks that their totals agree. A transaction is counted as CountingStore
 * bills it: each get a read, each buffered write a write, and the commit one more write.
 */
export class SplitStore implements DocumentStore {
  reads = 0;
  writes = 0;
  /** `insert events` → count, for the breakdown. */
  detail: Record<string, number> = {};

  constructor(private readonly inner: DocumentStore) {}

  reset(): { reads: number; writes: number; detail: Record<string, number> } {
    const out = { reads: this.reads, writes: this.writes, detail: this.detail };
    this.reads = 0;
    this.writes = 0;
    this.detail = {};
    return out;
  }

  private note(kind: 'read' | 'write', what: string): void {
    if (kind === 'read') this.reads += 1;
    else this.writes += 1;
    this.detail[what] = (this.detail[what] ?? 0) + 1;
  }

  get<T extends Doc>(c: string, id: string): Promise<T | null> {
    this.note('read', `get ${c}`);
    return this.inner.get<T>(c, id);
  }
  getMany<T extends Doc>(c: string, ids: readonly string[]): Promise<T[]> {
    if (ids.length) this.note('read', `getMany ${c}`);
    return this.inner.getMany<T>(c, ids);
  }
  insert<T extends Doc>(c: string, doc: T): Promise<boolean> {
    this.note('write', `insert ${c}`);
    return this.inner.insert(c, doc);
  }
  insertMany<T extends Doc>(c: string, docs: readonly T[]): Promise<void> {
    if (docs.length) this.note('write', `insertMany ${c}`);
    return this.inner.insertMany(c, docs);
  }
  set<T extends Doc>(c: string, doc: T): Promise<void> {
    this.note('write', `set ${c}`);
    return this.inner.set(c, doc);
  }
  update(c: string, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    this.note('write', `update ${c}`);
    return this.inner.update(c, id, patch, where);
  }
  updateMany(c: string, where: Filter, patch: Patch): Promise<number> {
    this.note('write', `updateMany ${c}`);
    return this.inner.updateMany(c, where, patch);
  }
  remove(c: string, id: string, where?: Filter): Promise<boolean> {
    this.note('write', `remove ${c}`);
    return this.inner.remove(c, id, where);
  }
  query<T extends Doc>(c: string, spec: QuerySpec): Promise<QueryPage<T>> {
    this.note('read', `query ${c}`);
    return this.inner.query<T>(c, spec);
  }
  /** One read, named by the anchor and the parts' collections (`together members+activities`). */
  readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    this.note('read', togetherLabel(anchor, parts));
    return this.inner.readTogether<T>(anchor, parts);
  }
  transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    this.note('write', 'tx commit');
    return this.inner.transaction((tx) =>
      fn({
        get: (c, id) => {
          this.note('read', `tx.get ${c}`);
          return tx.get(c, id);
        },
        insert: (c, doc) => {
          this.note('write', `tx.insert ${c}`);
          tx.insert(c, doc);
        },
        set: (c, doc) => {
          this.note('write', `tx.set ${c}`);
          tx.set(c, doc);
        },
        remove: (c, id) => {
          this.note('write', `tx.remove ${c}`);
          tx.remove(c, id);
        },
      }),
    );
  }
}

/** `together members+activities+volunteers`: the anchor's collection, then each part's. */
export function togetherLabel(anchor: { collection: string }, parts: Readonly<Record<string, ReadPart>>): string {
  return `together ${[anchor.collection, ...Object.values(parts).map((p) => p.collection)].join('+')}`;
}
