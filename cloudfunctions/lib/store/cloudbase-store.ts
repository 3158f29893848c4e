/**
 * CloudBase document-database adapter. It issues only what the platform does atomically:
 * `add` with a chosen _id (duplicate = already there), `where({_id, ...cond}).update()`
 * with `stats.updated` as the verdict, and `runTransaction` with single-document ops.
 * The `db` handed in is `app.database()` of @cloudbase/node-sdk; tests pass a recording fake.
 */
import {
  Inc,
  MAX_PAGE,
  Pull,
  Push,
  Unset,
  DuplicateKeyError,
  type Condition,
  type Doc,
  type Filter,
  type Patch,
  type QueryPage,
  type QuerySpec,
  type DocumentStore,
  type DocumentTxOps,
} from '../ports/store';
import { decodeCursor, encodeCursor } from './cursor';
import { assertFieldPath, assertIndexed, isKnownCollection, type CollectionIndexes } from './index-check';

/* The slice of the node-sdk database API this adapter relies on. */
export interface CbCommand {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  in(v: unknown[]): unknown;
  exists(v: boolean): unknown;
  and(...v: unknown[]): unknown;
  or(...v: unknown[]): unknown;
  inc(v: number): unknown;
  remove(): unknown;
  push(v: unknown): unknown;
  pull(v: unknown): unknown;
}
export interface CbQuery {
  where(cond: unknown): CbQuery;
  orderBy(field: string, dir: 'asc' | 'desc'): CbQuery;
  limit(n: number): CbQuery;
  get(): Promise<{ data: Doc[] }>;
  update(patch: Record<string, unknown>): Promise<{ updated?: number; stats?: { updated: number } }>;
  remove(): Promise<{ deleted?: number; stats?: { removed?: number; deleted?: number } }>;
}
export interface CbCollection extends CbQuery {
  doc(id: string): {
    get(): Promise<{ data: Doc[] | Doc | null }>;
    set(data: Record<string, unknown>): Promise<unknown>;
    remove(): Promise<unknown>;
  };
  add(doc: Doc): Promise<{ id?: string }>;
}
export interface CbTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: Doc | null }>;
      set(data: Record<string, unknown>): Promise<unknown>;
      delete(): Promise<unknown>;
    };
    add(doc: Doc): Promise<unknown>;
  };
}
export interface CbDatabase {
  command: CbCommand;
  collection(name: string): CbCollection;
  runTransaction<R>(fn: (tx: CbTransaction) => Promise<R>, times?: number): Promise<R>;
}


/** Duplicate _id shows up as a Mongo E11000 or a "duplicate" message, depending on path. */
export function isDuplicateError(err: unknown): boolean {
  const text = `${(err as { code?: unknown })?.code ?? ''} ${(err as { message?: unknown })?.message ?? ''}`;
  return /E11000|duplicate/i.test(text);
}

function withoutId(doc: Doc): Record<string, unknown> {
  const { _id: _ignored, ...rest } = doc;
  void _ignored;
  return rest;
}

export class CloudbaseStore implements DocumentStore {
  constructor(private readonly db: CbDatabase, private readonly collections: CollectionIndexes) {}

  private name(collection: string): string {
    if (!isKnownCollection(this.collections, collection)) throw new Error(`unknown collection: ${collection}`);
    return collection;
  }

  private condition(cond: Condition): unknown {
    const _ = this.db.command;
    if (cond === null || typeof cond !== 'object') return cond;
    const parts: unknown[] = [];
    if (cond.$in !== undefined) parts.push(_.in(cond.$in));
    if (cond.$ne !== undefined) parts.push(_.neq(cond.$ne));
    if (cond.$gt !== undefined) parts.push(_.gt(cond.$gt));
    if (cond.$gte !== undefined) parts.push(_.gte(cond.$gte));
    if (cond.$lt !== undefined) parts.push(_.lt(cond.$lt));
    if (cond.$lte !== undefined) parts.push(_.lte(cond.$lte));
    if (cond.$exists !== undefined) parts.push(_.exists(cond.$exists));
    return parts.length === 1 ? parts[0] : _.and(...parts);
  }

  /** Translates a filter to a CloudBase where-object; dotted paths work natively there. */
  filter(where: Filter): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [field, cond] of Object.entries(where)) {
      assertFieldPath(field);
      out[field] = this.condition(cond);
    }
    return out;
  }

  patch(patch: Patch): Record<string, unknown> {
    const _ = this.db.command;
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(patch)) {
      assertFieldPath(field);
      if (field === '_id') throw new Error('_id cannot be updated');
      if (value instanceof Inc) out[field] = _.inc(value.by);
      else if (value instanceof Unset) out[field] = _.remove();
      else if (value instanceof Push) out[field] = _.push(value.value);
      else if (value instanceof Pull) out[field] = _.pull(value.value);
      else out[field] = value;
    }
    return out;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const res = await this.db.collection(this.name(collection)).doc(id).get();
    const data = Array.isArray(res.data) ? res.data[0] : res.data;
    return (data as T | undefined) ?? null;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    const unique = [...new Set(ids)].slice(0, MAX_PAGE);
    if (unique.length === 0) return [];
    const res = await this.db
      .collection(this.name(collection))
      .where({ _id: this.db.command.in(unique) })
      .limit(unique.length)
      .get();
    return res.data as T[];
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<boolean> {
    try {
      await this.db.collection(this.name(collection)).add(doc);
      return true;
    } catch (err) {
      if (isDuplicateError(err)) return false;
      throw err;
    }
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    await this.db.collection(this.name(collection)).doc(doc._id).set(withoutId(doc));
  }

  async update(collection: string, id: string, patch: Patch, where: Filter = {}): Promise<boolean> {
    const res = await this.db
      .collection(this.name(collection))
      .where({ ...this.filter(where), _id: id })
      .update(this.patch(patch));
    return (res.stats?.updated ?? res.updated ?? 0) === 1;
  }

  async remove(collection: string, id: string, where: Filter = {}): Promise<boolean> {
    const res = await this.db.collection(this.name(collection)).where({ ...this.filter(where), _id: id }).remove();
    return (res.stats?.removed ?? res.stats?.deleted ?? res.deleted ?? 0) === 1;
  }

  async query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    assertIndexed(this.collections, collection, spec);
    const _ = this.db.command;
    const limit = Math.max(1, Math.min(spec.limit, MAX_PAGE));
    const { field, dir } = spec.orderBy;
    let where: unknown = this.filter(spec.where);
    if (spec.after) {
      const { value, id } = decodeCursor(spec.after);
      const beyond = dir === 'desc' ? _.lt.bind(_) : _.gt.bind(_);
      // (field, _id) strictly beyond the cursor, mirroring SQLite's row-value comparison.
      where = _.and(where, _.or({ [field]: beyond(value) }, { [field]: value, _id: beyond(id) }));
    }
    const res = await this.db
      .collection(this.name(collection))
      .where(where)
      .orderBy(field, dir)
      .orderBy('_id', dir)
      .limit(limit + 1)
      .get();
    const items = res.data.slice(0, limit) as T[];
    const last = items[items.length - 1];
    const sortValue = last ? field.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], last) : null;
    return res.data.length > limit && last ? { items, next: encodeCursor(sortValue, last._id) } : { items };
  }

  async transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    return this.db.runTransaction(async (cbtx) => {
      // Writes are queued and issued after fn returns, so fn sees a consistent snapshot and
      // a rerun of the callback (on conflict) starts from a clean slate.
      const writes: Array<() => Promise<unknown>> = [];
      const tx: DocumentTxOps = {
        get: async <T extends Doc>(collection: string, id: string) => {
          const res = await cbtx.collection(this.name(collection)).doc(id).get();
          return (res.data as T | null) ?? null;
        },
        insert: (collection, doc) => {
          writes.push(async () => {
            try {
              await cbtx.collection(this.name(collection)).add(doc);
            } catch (err) {
              if (isDuplicateError(err)) throw new DuplicateKeyError(collection, doc._id);
              throw err;
            }
          });
        },
        set: (collection, doc) => writes.push(() => cbtx.collection(this.name(collection)).doc(doc._id).set(withoutId(doc))),
        remove: (collection, id) => writes.push(() => cbtx.collection(this.name(collection)).doc(id).delete()),
      };
      const result = await fn(tx);
      for (const write of writes) await write();
      return result;
    }, 5);
  }
}
