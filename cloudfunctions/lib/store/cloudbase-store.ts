/**
 * CloudBase document-database adapter. It issues only what the platform does atomically:
 * `add` with a chosen _id (duplicate = already there), `where({_id, ...cond}).update()`
 * with `updated` (documents modified) as the verdict, and `runTransaction` with
 * single-document ops. The `db` handed in is `app.database()` of @cloudbase/node-sdk; the
 * store tests run it through the real SDK against dev/cloudbase-emulator, and pass a
 * recording fake for the exact calls.
 */
import {
  Inc,
  MAX_PAGE,
  Pull,
  Push,
  Unset,
  DuplicateKeyError,
  TransactionConflictError,
  type Condition,
  type Doc,
  type Filter,
  type Patch,
  type QueryPage,
  type QuerySpec,
  type ReadPart,
  type ReadTogether,
  type DocumentStore,
  type DocumentTxOps,
} from '../ports/store';
import { decodeCursor, encodeCursor } from './cursor';
import { assertFieldPath, assertIndexed, isKnownCollection, type CollectionIndexes } from './index-check';
import { anchorValues, checkParts, idsOf, isIdPart, isIdsPart, limitOf, pageOf, resolvePart } from './read-together';

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
  set(v: unknown): unknown;
  remove(): unknown;
  push(v: unknown): unknown;
  pull(v: unknown): unknown;
  expr(v: unknown): unknown;
  /** `db.command.aggregate.pipeline()`: builds a sub-pipeline for `lookup` (its `done()` is the stages). */
  aggregate: { pipeline(): CbPipeline; eq(v: unknown[]): unknown };
}
export interface CbPipeline {
  match(cond: unknown): CbPipeline;
  sort(order: Record<string, 1 | -1>): CbPipeline;
  limit(n: number): CbPipeline;
  count(field: string): CbPipeline;
  done(): unknown[];
}
export interface CbAggregate {
  match(cond: unknown): CbAggregate;
  limit(n: number): CbAggregate;
  lookup(stage: Record<string, unknown>): CbAggregate;
  count(field: string): CbAggregate;
  end(): Promise<{ data?: Doc[] }>;
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
  /** One document, or a list in one call (`database.insertDocument` takes a list either way). */
  add(doc: Doc | Doc[]): Promise<{ id?: string; ids?: string[] }>;
  aggregate(): CbAggregate;
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


/**
 * A duplicate _id. The SDK has no code for it: CloudBase answers `DATABASE_REQUEST_FAILED`
 * with MongoDB's text, `… E11000 duplicate key error collection: … index: _id_ dup key: …`.
 * Only the `_id_` index counts, so a future unique index on another field is not mistaken
 * for "already there".
 */
export function isDuplicateError(err: unknown): boolean {
  const message = String((err as { message?: unknown })?.message ?? '');
  return /E11000 duplicate key/.test(message) && /index: _id_(?![A-Za-z0-9_])/.test(message);
}

const TX_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
/** Where a read together's part rides on the anchor document; part names are plain identifiers. */
const PART_FIELD = '__part_';
/** Attempts of one transaction; the SDK's own retries are off so each gets a jittered pause. */
const TX_ATTEMPTS = 30;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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
      if (value === undefined) continue; // the SDK drops it anyway; SQLite ignores it too
      if (value instanceof Inc) out[field] = _.inc(value.by);
      else if (value instanceof Unset) out[field] = _.remove();
      // Always one element: `_.push(array)` would append each item, an object with `each` is read as modifiers.
      else if (value instanceof Push) out[field] = _.push([value.value]);
      else if (value instanceof Pull) out[field] = _.pull(value.value);
      // A plain object goes whole: the SDK would flatten it into dotted sub-field writes (a merge,
      // which MongoDB refuses over a stored null, and `{}` would vanish).
      else if (isPlainObject(value)) out[field] = _.set(value);
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

  async insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void> {
    if (!docs.length) return;
    try {
      await this.db.collection(this.name(collection)).add([...docs]);
      return;
    } catch (err) {
      if (!isDuplicateError(err)) throw err;
    }
    // Some were stored already (a retry), and a list insert may stop at the first of them:
    // look which are there and insert the others one by one.
    const stored = new Set((await this.getMany(collection, docs.map((d) => d._id))).map((d) => d._id));
    await Promise.all(docs.filter((d) => !stored.has(d._id)).map((d) => this.insert(collection, d)));
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    await this.db.collection(this.name(collection)).doc(doc._id).set(withoutId(doc));
  }

  async update(collection: string, id: string, patch: Patch, where: Filter = {}): Promise<boolean> {
    const data = this.patch(patch);
    const name = this.name(collection);
    // Nothing to write changes nothing (the port's answer is then false); an empty update body
    // is not sent, as MongoDB could read it as a replacement by an empty document.
    if (Object.keys(data).length === 0) return false;
    const res = await this.db
      .collection(name)
      .where({ ...this.filter(where), _id: id })
      .update(data);
    return (res.stats?.updated ?? res.updated ?? 0) === 1;
  }

  async updateMany(collection: string, where: Filter, patch: Patch): Promise<number> {
    const data = this.patch(patch);
    if (Object.keys(data).length === 0) return 0;
    const res = await this.db.collection(this.name(collection)).where(this.filter(where)).update(data);
    return res.stats?.updated ?? res.updated ?? 0;
  }

  async remove(collection: string, id: string, where: Filter = {}): Promise<boolean> {
    const res = await this.db.collection(this.name(collection)).where({ ...this.filter(where), _id: id }).remove();
    return (res.stats?.removed ?? res.stats?.deleted ?? res.deleted ?? 0) === 1;
  }

  /** A query's condition, with the keyset bound of `after`. */
  private queryWhere(spec: QuerySpec): unknown {
    const _ = this.db.command;
    const { field, dir } = spec.orderBy;
    const where: unknown = this.filter(spec.where);
    if (!spec.after) return where;
    const { value, id } = decodeCursor(spec.after);
    const beyond = dir === 'desc' ? _.lt.bind(_) : _.gt.bind(_);
    const bound = dir === 'desc' ? _.lte.bind(_) : _.gte.bind(_);
    // (field, _id) strictly beyond the cursor, mirroring SQLite's row-value comparison; the plain
    // bound on `field` gives the planner a range on the (…, field, _id) index the $or alone hides.
    return _.and(where, { [field]: bound(value) }, _.or({ [field]: beyond(value) }, { [field]: value, _id: beyond(id) }));
  }

  async query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    assertIndexed(this.collections, collection, spec);
    const limit = Math.max(1, Math.min(spec.limit, MAX_PAGE));
    const { field, dir } = spec.orderBy;
    const where = this.queryWhere(spec);
    if (spec.count) {
      // One aggregate that stops at the limit: a plain count() would count every match.
      const res = await this.db.collection(this.name(collection)).aggregate().match(where).limit(limit + 1).count(COUNT_FIELD).end();
      return { items: [], count: countOf(res.data) };
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

  /**
   * One `database.aggregateDocuments` request on the anchor's collection:
   * `aggregate().match({_id}).limit(1).lookup({from, pipeline, as})…end()`, one `$lookup` per
   * part, each an uncorrelated sub-pipeline (`$match`, for a query `$sort` by (field, _id),
   * and always a `$limit`) whose documents come back as an array field of the anchor.
   *
   * What the platform documents (docs.cloudbase.net/api-reference/server/node-sdk/database/
   * aggregate/stages/lookup; developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/
   * database/aggregate/Aggregate.lookup.html, 云函数 since SDK 1.3.0): `lookup({from, let,
   * pipeline, as})` "拼接被连接集合的子查询", `pipeline` required (`[]` for the whole
   * collection), `let` optional (不必填) — needed only to refer to the input document's
   * fields, which these parts never do: their conditions are constants from the input and the
   * caller's id. An aggregate answers 20 documents unless limited (cloudbase-facts.md), hence
   * every `$limit`. Not settled by the docs, and to confirm on a real environment: that the
   * request is billed as one read operation, and whether the sub-pipelines' `$match` is served
   * by the indexes (MongoDB's own planner uses them for an uncorrelated sub-pipeline).
   *
   * Serialization is the SDK's own: `lookup` stringifies its argument as EJSON as it is, so a
   * `db.command` object inside it would go out as its private fields; the sub-pipelines are
   * therefore built with `db.command.aggregate.pipeline()…done()`, whose `match` encodes the
   * same where-objects `where()` takes (QuerySerializer), as the documentation's examples do.
   *
   * A missing anchor leaves the aggregate nothing to join onto: it answers no document, and
   * so does this (`parts: null`, see the port) rather than reading the parts one by one
   * out of the meters' sight.
   */
  async readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    checkParts(this.collections, anchor, parts);
    let agg = this.db.collection(this.name(anchor.collection)).aggregate().match({ _id: anchor.id }).limit(1);
    for (const [name, part] of Object.entries(parts)) agg = agg.lookup(this.lookupOf(name, part));
    const res = await agg.end();
    const found = res.data?.[0] as (T & Record<string, unknown>) | undefined;
    if (!found) return { anchor: null, parts: null };
    const out: Record<string, QueryPage<Doc>> = {};
    for (const [name, part] of Object.entries(parts)) {
      const rows = (found[`${PART_FIELD}${name}`] as Doc[] | undefined) ?? [];
      delete found[`${PART_FIELD}${name}`];
      if (isIdPart(part) || isIdsPart(part)) out[name] = { items: rows };
      else if (part.count) out[name] = { items: [], count: resolvePart(part, found) ? countOf(rows) : 0 };
      // An anchor without the value a part names answers nothing, as on SQLite.
      else out[name] = resolvePart(part, found) ? pageOf(rows, part) : { items: [] };
    }
    return { anchor: found, parts: out };
  }

  /**
   * One part's `$lookup`. An anchor value is the one place a part refers to the anchor: it
   * becomes a `let` variable, compared in a leading `$match: {$expr: {$eq: ['$field',
   * '$$a0']}}` as the documentation's examples do (MongoDB merges the two `$match` stages and
   * can serve an `$expr` `$eq` on a constant variable from the index).
   */
  private lookupOf(name: string, part: ReadPart): Record<string, unknown> {
    const _ = this.db.command;
    const sub = _.aggregate.pipeline();
    const as = `${PART_FIELD}${name}`;
    const from = this.name(part.collection);
    if (isIdPart(part)) return { from, pipeline: sub.match({ _id: part.id }).limit(1).done(), as };
    if (isIdsPart(part)) {
      const ids = idsOf(part);
      return { from, pipeline: sub.match({ _id: _.in(ids) }).limit(Math.max(1, ids.length)).done(), as };
    }
    const anchored = anchorValues(part);
    const vars: Record<string, string> = {};
    let pipeline = sub;
    anchored.forEach(({ field, anchorField }, i) => {
      assertFieldPath(field);
      assertFieldPath(anchorField);
      vars[`a${i}`] = `$${anchorField}`;
      pipeline = pipeline.match(_.expr(_.aggregate.eq([`$${field}`, `$$a${i}`])));
    });
    const plain = Object.fromEntries(Object.entries(part.where).filter(([field]) => !anchored.some((a) => a.field === field))) as Filter;
    const order = part.orderBy.dir === 'desc' ? -1 : 1;
    const matched = pipeline.match(this.queryWhere({ ...part, where: plain }));
    const stages = (part.count ? matched.limit(limitOf(part) + 1).count(COUNT_FIELD) : matched.sort({ [part.orderBy.field]: order, _id: order }).limit(limitOf(part) + 1)).done();
    return anchored.length ? { from, let: vars, pipeline: stages, as } : { from, pipeline: stages, as };
  }

  /**
   * The SDK reruns a conflicted callback at once and rethrows its own TcbError when its retries
   * run out, leaving the conflicted attempts open. So the SDK retries nothing here (times = 0:
   * it rolls the attempt back and rethrows); this loop retries with a jittered pause, and an
   * exhausted conflict becomes the port's TransactionConflictError (CONFLICT, not INTERNAL).
   */
  async transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    for (let attempt = 0; attempt < TX_ATTEMPTS; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
      try {
        return await this.attempt(fn);
      } catch (err) {
        if ((err as { code?: unknown })?.code !== TX_CONFLICT) throw err;
      }
    }
    throw new TransactionConflictError();
  }

  private attempt<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
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
    }, 0);
  }
}

/** The field a `$count` stage writes its number to. */
const COUNT_FIELD = 'n';

/** A `$count` stage's answer: one document holding the number, or none when nothing matched. */
function countOf(rows: readonly Doc[] | undefined): number {
  const n = (rows?.[0] as Record<string, unknown> | undefined)?.[COUNT_FIELD];
  return typeof n === 'number' ? n : 0;
}
