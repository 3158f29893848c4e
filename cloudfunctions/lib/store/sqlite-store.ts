/**
 * SQLite adapter for local runs and tests. Each collection is a table of JSON documents;
 * declared indexes become expression indexes on json_extract, and queries use the very
 * same expressions so SQLite picks them. Writes take the database write lock up front
 * (BEGIN IMMEDIATE), so several gateway processes sharing one file stay correct.
 */
import Database from 'better-sqlite3';
import {
  DuplicateKeyError,
  MAX_PAGE,
  TransactionConflictError,
  type Condition,
  type Doc,
  type Filter,
  type Patch,
  type QueryPage,
  type QuerySpec,
  type ReadPart,
  type ReadTogether,
  type Scalar,
  type DocumentStore,
  type DocumentTxOps,
} from '../ports/store';
import { decodeCursor, encodeCursor } from './cursor';
import { assertFieldPath, assertIndexed, isKnownCollection, type CollectionIndexes } from './index-check';
import { applyPatch } from './patch';
import { checkParts, idsOf, isIdPart, isIdsPart, resolvePart, type QueryPart } from './read-together';

type Db = Database.Database;


function expr(field: string): string {
  assertFieldPath(field);
  return field === '_id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

/** SQLite has no boolean: json_extract yields 1/0 for true/false, so bind the same. */
function bind(value: Scalar): Scalar {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function compileCondition(field: string, cond: Condition, params: Scalar[]): string[] {
  const e = expr(field);
  if (cond === null) return [`${e} IS NULL`];
  if (typeof cond !== 'object') {
    params.push(bind(cond));
    return [`${e} = ?`];
  }
  const parts: string[] = [];
  if (cond.$in !== undefined) {
    if (cond.$in.length === 0) return ['0'];
    parts.push(`${e} IN (${cond.$in.map(() => '?').join(', ')})`);
    params.push(...cond.$in.map(bind));
  }
  if (cond.$ne !== undefined) {
    parts.push(cond.$ne === null ? `${e} IS NOT NULL` : `(${e} IS NULL OR ${e} != ?)`);
    if (cond.$ne !== null) params.push(bind(cond.$ne));
  }
  for (const [key, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    if (cond[key] !== undefined) {
      parts.push(`${e} ${sql} ?`);
      params.push(cond[key] as Scalar);
    }
  }
  if (cond.$exists !== undefined) {
    const path = field === '_id' ? null : `json_type(doc, '$.${field}')`;
    if (path) parts.push(cond.$exists ? `${path} IS NOT NULL` : `${path} IS NULL`);
  }
  return parts;
}

function compileFilter(where: Filter, params: Scalar[]): string {
  const parts = Object.entries(where).flatMap(([field, cond]) => compileCondition(field, cond, params));
  return parts.length ? parts.join(' AND ') : '1';
}

function readPath(doc: Doc, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

const TX_ATTEMPTS = 30;

/** Beyond this many arms a query keeps its one IN (a long $in is not a list's filter). */
const MAX_ARMS = 64;

/**
 * `where` as one filter per combination of the values of its plain `$in` conditions on
 * fields other than the sort field (each then an equality), or `[where]` when it has none.
 */
function splitIn(where: Filter, sortField: string): Filter[] {
  let arms: Filter[] = [{ ...where }];
  for (const [field, cond] of Object.entries(where)) {
    if (field === sortField || typeof cond !== 'object' || cond === null || !Array.isArray(cond.$in) || Object.keys(cond).length !== 1) continue;
    const values = [...new Set(cond.$in)];
    if (values.length === 0 || arms.length * values.length > MAX_ARMS) return [where];
    arms = arms.flatMap((a) => values.map((v) => ({ ...a, [field]: v })));
  }
  return arms;
}

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for a private in-process database. */
  filename: string;
  /** The collections to create, with their indexes (the manifests' COLLECTIONS). */
  collections: CollectionIndexes;
}

export class SqliteStore implements DocumentStore {
  readonly db: Db;

  private readonly collections: CollectionIndexes;

  constructor(options: SqliteStoreOptions) {
    this.collections = options.collections;
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.migrate();
  }

  private table(collection: string): string {
    if (!isKnownCollection(this.collections, collection)) throw new Error(`unknown collection: ${collection}`);
    return `"c_${collection}"`;
  }

  private migrate(): void {
    const ddl: string[] = [];
    for (const [name, indexes] of Object.entries(this.collections)) {
      ddl.push(`CREATE TABLE IF NOT EXISTS ${this.table(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
      indexes.forEach((fields, i) => {
        ddl.push(
          `CREATE INDEX IF NOT EXISTS "ix_${name}_${i}" ON ${this.table(name)} (${fields.map(expr).join(', ')})`,
        );
      });
    }
    this.db.exec(ddl.join(';\n'));
  }

  /** Compiled queries by their text: compiling a merged $in read costs more than running it. */
  private readonly statements = new Map<string, Database.Statement>();

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.db.close();
  }

  private getNow<T extends Doc>(collection: string, id: string): T | null {
    const row = this.db.prepare(`SELECT doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  private getManyNow<T extends Doc>(collection: string, ids: readonly string[]): T[] {
    const unique = [...new Set(ids)].slice(0, MAX_PAGE);
    if (unique.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT doc FROM ${this.table(collection)} WHERE id IN (${unique.map(() => '?').join(', ')})`)
      .all(...unique) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return this.getNow<T>(collection, id);
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    return this.getManyNow<T>(collection, ids);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<boolean> {
    const result = this.db
      .prepare(`INSERT INTO ${this.table(collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`)
      .run(doc._id, JSON.stringify(doc));
    return result.changes === 1;
  }

  async insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void> {
    const insert = this.db.prepare(`INSERT INTO ${this.table(collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`);
    this.db.transaction(() => {
      for (const doc of docs) insert.run(doc._id, JSON.stringify(doc));
    })();
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.db
      .prepare(`INSERT INTO ${this.table(collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`)
      .run(doc._id, JSON.stringify(doc));
  }

  async update(collection: string, id: string, patch: Patch, where: Filter = {}): Promise<boolean> {
    const params: Scalar[] = [id];
    const cond = compileFilter(where, params);
    const select = this.db.prepare(`SELECT doc FROM ${this.table(collection)} WHERE id = ? AND ${cond}`);
    const write = this.db.prepare(`UPDATE ${this.table(collection)} SET doc = ? WHERE id = ?`);
    const run = this.db.transaction(() => {
      const row = select.get(...params) as { doc: string } | undefined;
      if (!row) return false;
      const next = JSON.stringify(applyPatch(JSON.parse(row.doc) as Doc, patch));
      // Like CloudBase's `updated`: a patch that changes nothing reports false (see the port).
      if (next === row.doc) return false;
      write.run(next, id);
      return true;
    });
    return run.immediate();
  }

  async updateMany(collection: string, where: Filter, patch: Patch): Promise<number> {
    const params: Scalar[] = [];
    const cond = compileFilter(where, params);
    const select = this.db.prepare(`SELECT id, doc FROM ${this.table(collection)} WHERE ${cond}`);
    const write = this.db.prepare(`UPDATE ${this.table(collection)} SET doc = ? WHERE id = ?`);
    const run = this.db.transaction(() => {
      let modified = 0;
      for (const row of select.all(...params) as Array<{ id: string; doc: string }>) {
        const next = JSON.stringify(applyPatch(JSON.parse(row.doc) as Doc, patch));
        if (next === row.doc) continue;
        write.run(next, row.id);
        modified += 1;
      }
      return modified;
    });
    return run.immediate();
  }

  async remove(collection: string, id: string, where: Filter = {}): Promise<boolean> {
    const params: Scalar[] = [id];
    const cond = compileFilter(where, params);
    return this.db.prepare(`DELETE FROM ${this.table(collection)} WHERE id = ? AND ${cond}`).run(...params).changes === 1;
  }

  async query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    return this.queryNow<T>(collection, spec);
  }

  /**
   * Every part read by synchronous statements inside one read transaction: one call, one
   * snapshot. A missing anchor reads nothing else, as CloudBase's aggregate returns nothing
   * then (see the port).
   */
  async readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    checkParts(this.collections, anchor, parts);
    const read = this.db.transaction((): ReadTogether<T> => {
      const found = this.getNow<T>(anchor.collection, anchor.id);
      if (!found) return { anchor: null, parts: null };
      const out: Record<string, QueryPage<Doc>> = {};
      for (const [name, part] of Object.entries(parts)) {
        if (isIdPart(part)) {
          const doc = this.getNow(part.collection, part.id);
          out[name] = { items: doc ? [doc] : [] };
        } else if (isIdsPart(part)) out[name] = { items: this.getManyNow(part.collection, idsOf(part)) };
        else {
          const query = resolvePart(part as QueryPart, found);
          out[name] = query ? this.queryNow(query.collection, query) : part.count ? { items: [], count: 0 } : { items: [] };
        }
      }
      return { anchor: found, parts: out };
    });
    return read.deferred();
  }

  private queryNow<T extends Doc>(collection: string, spec: QuerySpec): QueryPage<T> {
    assertIndexed(this.collections, collection, spec);
    const limit = Math.max(1, Math.min(spec.limit, MAX_PAGE));
    const sortExpr = expr(spec.orderBy.field);
    const cmp = spec.orderBy.dir === 'desc' ? '<' : '>';
    const dir = spec.orderBy.dir === 'desc' ? 'DESC' : 'ASC';
    if (spec.count) {
      // No order: SQLite walks the index's ranges (one per $in value) and stops at the limit.
      const params: Scalar[] = [];
      const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${this.table(collection)} WHERE ${compileFilter(spec.where, params)} LIMIT ?)`;
      params.push(limit + 1);
      return { items: [], count: (this.prepared(sql).get(...params) as { n: number }).n };
    }
    const cursor = spec.after ? decodeCursor(spec.after) : null;
    const params: Scalar[] = [];
    const arm = (where: Filter, columns = 'doc') => {
      let sql = `SELECT ${columns} FROM ${this.table(collection)} WHERE ${compileFilter(where, params)}`;
      if (cursor) {
        sql += ` AND (${sortExpr}, id) ${cmp} (?, ?)`;
        params.push(bind(cursor.value), cursor.id);
      }
      params.push(limit + 1);
      return `${sql} ORDER BY ${sortExpr} ${dir}, id ${dir} LIMIT ?`;
    };
    const arms = splitIn(spec.where, spec.orderBy.field);
    let sql: string;
    if (arms.length === 1) sql = arm(arms[0]);
    else {
      // One ordered, limited read per value of each $in, merged: every arm walks its own index
      // range in order (as CloudBase merges an $in over a compound index), where one query with
      // IN would walk a shorter index in sort order and filter — a scan of the whole history
      // when few rows match, so a list got slower as concerns piled up (bench --large).
      // The arms read only the index (sort value and id); the documents are fetched for the page alone.
      const merged = `${arms.map((w) => `SELECT s, id FROM (${arm(w, `${sortExpr} AS s, id`)})`).join(' UNION ALL ')} ORDER BY s ${dir}, id ${dir} LIMIT ?`;
      params.push(limit + 1);
      sql = `SELECT c.doc AS doc FROM (${merged}) AS top JOIN ${this.table(collection)} AS c ON c.id = top.id ORDER BY top.s ${dir}, top.id ${dir}`;
    }
    const rows = this.prepared(sql).all(...params) as { doc: string }[];
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as T);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, next: encodeCursor(readPath(last, spec.orderBy.field), last._id) }
      : { items };
  }

  /** Explains a query plan; the index tests use it to prove no query scans a table. */
  explain(collection: string, spec: QuerySpec): string {
    const params: Scalar[] = [];
    const sortExpr = expr(spec.orderBy.field);
    const dir = spec.orderBy.dir === 'desc' ? 'DESC' : 'ASC';
    // A split $in reads each arm alike: the first arm's plan is every arm's.
    const [where] = splitIn(spec.where, spec.orderBy.field);
    const sql = `EXPLAIN QUERY PLAN SELECT doc FROM ${this.table(collection)} WHERE ${compileFilter(where, params)} ORDER BY ${sortExpr} ${dir}, id ${dir} LIMIT 21`;
    const rows = this.db.prepare(sql).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  }

  /**
   * Optimistic, like CloudBase's: reads are remembered, writes buffered, and the commit
   * re-checks every read under the write lock. A changed read reruns `fn`.
   */
  async transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    for (let attempt = 0; attempt < TX_ATTEMPTS; attempt += 1) {
      // Jittered backoff spreads contenders on a hot document (e.g. a daily counter).
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
      const reads = new Map<string, { collection: string; id: string; text: string | null }>();
      const writes: Array<{ kind: 'insert' | 'set' | 'remove'; collection: string; id: string; doc?: Doc }> = [];
      const key = (c: string, id: string) => `${c}\u0000${id}`;
      const pending = new Map<string, Doc | null>();
      const tx: DocumentTxOps = {
        get: async <T extends Doc>(collection: string, id: string) => {
          const k = key(collection, id);
          if (pending.has(k)) return (pending.get(k) ?? null) as T | null;
          const row = this.db.prepare(`SELECT doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as
            | { doc: string }
            | undefined;
          if (!reads.has(k)) reads.set(k, { collection, id, text: row?.doc ?? null });
          return row ? (JSON.parse(row.doc) as T) : null;
        },
        insert: (collection, doc) => {
          writes.push({ kind: 'insert', collection, id: doc._id, doc });
          pending.set(key(collection, doc._id), doc);
        },
        set: (collection, doc) => {
          writes.push({ kind: 'set', collection, id: doc._id, doc });
          pending.set(key(collection, doc._id), doc);
        },
        remove: (collection, id) => {
          writes.push({ kind: 'remove', collection, id });
          pending.set(key(collection, id), null);
        },
      };
      const result = await fn(tx);
      const commit = this.db.transaction(() => {
        for (const read of reads.values()) {
          const row = this.db.prepare(`SELECT doc FROM ${this.table(read.collection)} WHERE id = ?`).get(read.id) as
            | { doc: string }
            | undefined;
          if ((row?.doc ?? null) !== read.text) return false;
        }
        for (const w of writes) {
          if (w.kind === 'insert') {
            const r = this.db
              .prepare(`INSERT INTO ${this.table(w.collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`)
              .run(w.id, JSON.stringify(w.doc));
            if (r.changes !== 1) throw new DuplicateKeyError(w.collection, w.id);
          } else if (w.kind === 'set') {
            this.db
              .prepare(`INSERT INTO ${this.table(w.collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`)
              .run(w.id, JSON.stringify(w.doc));
          } else {
            this.db.prepare(`DELETE FROM ${this.table(w.collection)} WHERE id = ?`).run(w.id);
          }
        }
        return true;
      });
      if (commit.immediate()) return result;
    }
    throw new TransactionConflictError();
  }
}
