/**
 * A per-instance cache of the reference data nearly every action reads beside its own item:
 * categories, buildings, grids, teams, disclosure categories, departments and community
 * names. They change a few times a month and are read on every call, each read a billed
 * round-trip on CloudBase; here a warm instance answers them from memory.
 *
 * Correctness rules, in order of weight:
 * - Only these collections. What decides who may do what (members and their roles, committee
 *   terms), what is counted (slots, quotas, ballots) and what items hold (concerns, bookings…)
 *   is never cached: a revoked role or a taken seat is seen on the next call.
 * - A write through this instance is seen by its next read: the document written (or
 *   patched) replaces the held one, and the collection's held lists are dropped.
 * - Other instances see it within `ttlMs` (CloudBase has no change feed a function can use
 *   cheaply; a version document would cost the very read this saves). A grid's new leader
 *   may therefore see, for up to `ttlMs`, the old chain on another instance — the
 *   window is documented in design.md and is configurable (LINLI_REFERENCE_TTL_MS, 0 = off).
 * - Misses (null) are not cached: an insert-if-absent elsewhere is never hidden.
 * - Transactions read the database, never the cache.
 * - Callers get copies: a caller that edits what it read cannot change the cache.
 */
import { REFERENCE_COLLECTIONS, type Doc, type DocumentStore, type DocumentTxOps, type Filter, type Patch, type QueryPage, type QuerySpec, type ReadPart, type ReadTogether } from '../ports/store';
import { applyPatch } from './patch';

export { REFERENCE_COLLECTIONS };

export const DEFAULT_REFERENCE_TTL_MS = 15_000;

interface Entry {
  value: unknown;
  until: number;
}

export class ReferenceCacheStore implements DocumentStore {
  /** collection → key (`id:<id>` or `q:<spec>`) → entry. */
  private readonly entries = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly inner: DocumentStore,
    private readonly ttlMs: number = DEFAULT_REFERENCE_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly collections: ReadonlySet<string> = REFERENCE_COLLECTIONS,
  ) {}

  private cached(collection: string): boolean {
    return this.ttlMs > 0 && this.collections.has(collection);
  }

  private lookup(collection: string, key: string): { hit: true; value: unknown } | { hit: false } {
    const entry = this.entries.get(collection)?.get(key);
    if (!entry) return { hit: false };
    if (entry.until <= this.now()) {
      this.entries.get(collection)?.delete(key);
      return { hit: false };
    }
    return { hit: true, value: structuredClone(entry.value) };
  }

  private keep(collection: string, key: string, value: unknown): void {
    let byKey = this.entries.get(collection);
    if (!byKey) this.entries.set(collection, (byKey = new Map()));
    byKey.set(key, { value: structuredClone(value), until: this.now() + this.ttlMs });
  }

  private drop(collection: string): void {
    this.entries.delete(collection);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    if (!this.cached(collection)) return this.inner.get<T>(collection, id);
    const found = this.lookup(collection, `id:${id}`);
    if (found.hit) return found.value as T;
    const doc = await this.inner.get<T>(collection, id);
    if (doc) this.keep(collection, `id:${id}`, doc);
    return doc;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    if (!this.cached(collection)) return this.inner.getMany<T>(collection, ids);
    const hits = new Map<string, T>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const found = this.lookup(collection, `id:${id}`);
      if (found.hit) hits.set(id, found.value as T);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const doc of await this.inner.getMany<T>(collection, missing)) {
        this.keep(collection, `id:${doc._id}`, doc);
        hits.set(doc._id, doc);
      }
    }
    // As the adapter answers: each found document once, in the order first asked.
    return [...new Set(ids)].flatMap((id) => (hits.has(id) ? [hits.get(id) as T] : []));
  }

  async query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    if (!this.cached(collection)) return this.inner.query<T>(collection, spec);
    const key = `q:${JSON.stringify(spec)}`;
    const found = this.lookup(collection, key);
    if (found.hit) return found.value as QueryPage<T>;
    const page = await this.inner.query<T>(collection, spec);
    this.keep(collection, key, page);
    // A listed document answers a later get by id as well: a page of grids names them all.
    for (const doc of page.items) this.keep(collection, `id:${doc._id}`, doc);
    return page;
  }

  /**
   * Passes through: the parts come in the one request that reads the anchor anyway (never
   * cached: it is the caller's member record), so answering a reference part from memory
   * would save no round-trip. What comes back is fresher than what is held, so documents of
   * reference collections read by id refresh the held ones.
   */
  async readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    const res = await this.inner.readTogether<T>(anchor, parts);
    for (const [name, part] of Object.entries(parts)) {
      if (!this.cached(part.collection) || !res.parts) continue;
      if ('id' in part || 'ids' in part) for (const doc of res.parts[name]?.items ?? []) this.keep(part.collection, `id:${doc._id}`, doc);
    }
    return res;
  }

  /** Lists of the collection may now be wrong; documents by id are settled one by one. */
  private dropLists(collection: string): void {
    const byKey = this.entries.get(collection);
    if (byKey) for (const key of [...byKey.keys()]) if (key.startsWith('q:')) byKey.delete(key);
  }

  private settle(collection: string, id: string, doc: Doc | null): void {
    if (!this.cached(collection)) return;
    this.dropLists(collection);
    if (doc) this.keep(collection, `id:${id}`, doc);
    else this.entries.get(collection)?.delete(`id:${id}`);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<boolean> {
    let inserted = false;
    try {
      return (inserted = await this.inner.insert(collection, doc));
    } finally {
      // The document now stored is the one given; a refused insert tells nothing about it.
      this.settle(collection, doc._id, inserted ? doc : null);
    }
  }

  async insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void> {
    try {
      await this.inner.insertMany(collection, docs);
    } finally {
      // Which were new is not known: forget them, the next read asks the database.
      for (const doc of docs) this.settle(collection, doc._id, null);
    }
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    let written = false;
    try {
      await this.inner.set(collection, doc);
      written = true;
    } finally {
      this.settle(collection, doc._id, written ? doc : null);
    }
  }

  async update(collection: string, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    let updated = false;
    try {
      return (updated = await this.inner.update(collection, id, patch, where));
    } finally {
      // The patch applied to what this instance holds is what the database now holds, as far
      // as this instance knows; whatever went wrong, the entry goes.
      const held = updated ? this.entries.get(collection)?.get(`id:${id}`) : undefined;
      this.settle(collection, id, null);
      if (held && held.until > this.now()) this.entries.get(collection)?.set(`id:${id}`, { value: applyPatch(structuredClone(held.value) as Doc, patch), until: held.until });
    }
  }

  async updateMany(collection: string, where: Filter, patch: Patch): Promise<number> {
    try {
      return await this.inner.updateMany(collection, where, patch);
    } finally {
      this.drop(collection);
    }
  }

  async remove(collection: string, id: string, where?: Filter): Promise<boolean> {
    try {
      return await this.inner.remove(collection, id, where);
    } finally {
      this.settle(collection, id, null);
    }
  }

  async transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    // The callback may run more than once: only the last run's writes were committed.
    let writes: Array<{ collection: string; id: string; doc: Doc | null }> = [];
    let committed = false;
    try {
      const result = await this.inner.transaction((tx) => {
        writes = [];
        return fn({
          get: (collection, id) => tx.get(collection, id),
          insert: (collection, doc) => (writes.push({ collection, id: doc._id, doc }), tx.insert(collection, doc)),
          set: (collection, doc) => (writes.push({ collection, id: doc._id, doc }), tx.set(collection, doc)),
          remove: (collection, id) => (writes.push({ collection, id, doc: null }), tx.remove(collection, id)),
        });
      });
      committed = true;
      return result;
    } finally {
      for (const w of writes) this.settle(w.collection, w.id, committed ? w.doc : null);
    }
  }
}

/** LINLI_REFERENCE_TTL_MS: how long another instance's change may go unseen; 0 turns the cache off. */
export function referenceTtlFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_REFERENCE_TTL_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 300_000) throw new Error(`LINLI_REFERENCE_TTL_MS must be an integer from 0 to 300000 (ms), got ${raw}`);
  return ms;
}
