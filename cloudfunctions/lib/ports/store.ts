/**
 * The store port: what the domain needs from a database, shaped after the atomic primitives
 * CloudBase really has (insert with a chosen _id fails if it exists; a conditional update
 * on one document is atomic and says whether it modified it; transactions touch single
 * documents by id and may run their callback more than once). Both adapters keep these
 * guarantees, so a rule proven against SQLite holds in production.
 */

export interface Doc {
  _id: string;
}

export type Scalar = string | number | boolean | null;

/** One field's condition. Several range keys on one field are AND-ed. */
export type Condition =
  | Scalar
  | {
      $in?: Scalar[];
      $ne?: Scalar;
      $gt?: number | string;
      $gte?: number | string;
      $lt?: number | string;
      $lte?: number | string;
      $exists?: boolean;
    };

/** Fields AND-ed together; dotted paths address nested fields. */
export type Filter = Record<string, Condition>;

/**
 * Update operators, as values of a patch. A plain value sets the field; a plain object
 * replaces the field whole (never merged into what is stored, `{}` included); `undefined`
 * is ignored (the field is left as it is; use `op.unset()` to remove it). A dotted path
 * writes a nested field and fails if a step on the way holds null or a scalar, as MongoDB
 * does; two paths of one patch must not overlap (`a` and `a.b`).
 */
export class Inc {
  constructor(readonly by: number) {}
}
export class Unset {}
/** Appends `value` as one element, an array included. */
export class Push {
  constructor(readonly value: unknown) {}
}
/** Removes every element equal to `value` from an array field. */
export class Pull {
  constructor(readonly value: string | number) {}
}
export const op = {
  inc: (by: number) => new Inc(by),
  unset: () => new Unset(),
  push: (value: unknown) => new Push(value),
  pull: (value: string | number) => new Pull(value),
};
export type Patch = Record<string, unknown>;

export interface QuerySpec {
  where: Filter;
  orderBy: { field: string; dir: 'asc' | 'desc' };
  limit: number;
  /** Cursor from a previous page's `next`. */
  after?: string;
  /**
   * Only how many documents match, counted up to `limit + 1` (so limit + 1 means "more than
   * limit"), in the page's `count`; no items, no cursor, and `orderBy` only names the index.
   * For the number on a tab: the work is bounded by the limit, never by the collection, and
   * no document leaves the database (CloudBase: an aggregate `$match`, `$limit`, `$count`;
   * SQLite: a count over the index that stops at the limit).
   */
  count?: boolean;
}

export interface QueryPage<T> {
  items: T[];
  next?: string;
  /** For a counting query: how many match, up to its limit + 1. */
  count?: number;
}

/**
 * One part of a read together (`readTogether`): a document by id, up to MAX_PAGE documents
 * by id, or one page of an index-backed query (the same spec `query` takes). Each part answers
 * as a page: `items` (a missing id is left out) and, for a query, `next` as `query` gives it.
 */
export type ReadPart =
  | { collection: string; id: string }
  | { collection: string; ids: readonly string[] }
  | ({ collection: string; where: PartFilter } & Omit<QuerySpec, 'where'>);

/**
 * In a query part's filter: equal to this field of the anchor document, read in the same
 * request. The caller's member record is the anchor of a request's reads, and every index
 * starts with communityId, so a part asks `communityId: fromAnchor('communityId')`: the
 * community is not known before the record is read. When the anchor has no such field the
 * part answers no documents.
 */
export class AnchorValue {
  constructor(readonly field: string) {}
}
export const fromAnchor = (field: string): AnchorValue => new AnchorValue(field);
export type PartFilter = Record<string, Condition | AnchorValue>;

/**
 * A part's filter with the anchor's values put in: the plain filter the part amounts to,
 * once the anchor is known. Null when the anchor lacks a value it names (not a string,
 * number or boolean): the part then answers no documents.
 */
export function resolvePartFilter(where: PartFilter, anchor: object): Filter | null {
  const out: Filter = {};
  for (const [field, cond] of Object.entries(where)) {
    if (!(cond instanceof AnchorValue)) {
      out[field] = cond;
      continue;
    }
    const value = cond.field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], anchor);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    out[field] = value;
  }
  return out;
}

/** Parts of one read together: at most this many, so the one request stays bounded. */
export const MAX_READ_PARTS = 8;

/**
 * What a read together answers: the anchor document, and each part's page. When the anchor
 * does not exist, `parts` is null and nothing else was read: CloudBase's aggregate has no
 * input document to hang the parts on and returns nothing at all, so both adapters answer
 * alike and the caller reads the parts it still needs on its own (each a round-trip of its
 * own, which the meters then count).
 */
export interface ReadTogether<A> {
  anchor: A | null;
  parts: Record<string, QueryPage<Doc>> | null;
}

/** Operations allowed inside a transaction: single documents by id only. */
export interface DocumentTxOps {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** Fails the whole transaction with DuplicateKeyError if the id exists. */
  insert<T extends Doc>(collection: string, doc: T): void;
  set<T extends Doc>(collection: string, doc: T): void;
  remove(collection: string, id: string): void;
}

/**
 * What an adapter implements: documents by collection name, untyped. The domain sees the
 * same calls typed by collection (`Store` below); an adapter is assignable to both.
 */
export interface DocumentStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** Up to 100 ids in one round-trip; missing ones are left out. */
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]>;
  /** Inserts with a chosen _id; false (and nothing written) when the id already exists. */
  insert<T extends Doc>(collection: string, doc: T): Promise<boolean>;
  /**
   * Inserts each record unless its (deterministic) id is stored already, as `insert` does, for
   * callers that need not know which were new (messages, events, the defaults a new community
   * is seeded with): afterwards each is stored, by this call or an earlier one, and one stored
   * before is kept as it is. One round-trip
   * when none is there yet (CloudBase inserts a list in one call); when some are, the adapter
   * finds out which and inserts the rest. It does not say which were new: a claim that must
   * know whether it won is an `insert`. At most MAX_PAGE documents.
   */
  insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void>;
  /** Creates or replaces the whole document. */
  set<T extends Doc>(collection: string, doc: T): Promise<void>;
  /**
   * Atomically applies `patch` if the document exists and matches `where`; says whether it
   * modified the document. CloudBase's `updated` counts modified documents, not matched ones,
   * so a patch that changes nothing answers false even on a match: a caller that reads the
   * answer must send a patch that always changes the document (a version bump, a status
   * move, a timestamp, an increment).
   */
  update(collection: string, id: string, patch: Patch, where?: Filter): Promise<boolean>;
  /**
   * Applies `patch` to every document matching `where` in one round-trip and answers how
   * many it modified (each document atomically, not all of them as one). For a bounded set
   * a person owns (their unread messages): `where` must name it by an indexed field.
   */
  updateMany(collection: string, where: Filter, patch: Patch): Promise<number>;
  /** Deletes the document if it matches `where`; says if it did. For bookkeeping documents and a deleted person's own messages only. */
  remove(collection: string, id: string, where?: Filter): Promise<boolean>;
  /** Keyset-paged, index-backed query. */
  query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>>;
  /**
   * Reads one document and up to MAX_READ_PARTS other bounded reads in ONE round-trip (on
   * CloudBase one aggregate on the anchor's collection, a `$lookup` per part). Not atomic
   * across parts, as separate reads are not; outside transactions only. See ReadTogether
   * for a missing anchor. The parts come back inside the one result document, which MongoDB
   * caps at 16 MB: 8 × 100 documents of a few KB is far below, but a part of large
   * documents (attachments inline, long texts) should not be read in bulk this way.
   */
  readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>>;
  /**
   * Runs `fn` atomically; `fn` may run more than once, so it must have no side effects.
   * Throws TransactionConflictError when conflicts outlast the adapter's retries.
   */
  transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R>;
}

/**
 * Every collection and the record it holds. Each feature adds its own by declaration
 * merging in its records file (`declare module '../../ports/store'`), so
 * `store.get('concerns', id)` is a `ConcernRecord` and a wrong pairing does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CollectionRecords {}
export type CollectionName = keyof CollectionRecords & string;
export type RecordOf<C extends CollectionName> = CollectionRecords[C] extends Doc ? CollectionRecords[C] : never;

/** Operations allowed inside a transaction: single documents by id only. */
export interface TxOps {
  get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null>;
  /** Fails the whole transaction with DuplicateKeyError if the id exists. */
  insert<C extends CollectionName>(collection: C, doc: RecordOf<C>): void;
  set<C extends CollectionName>(collection: C, doc: RecordOf<C>): void;
  remove(collection: CollectionName, id: string): void;
}

/** The store as use cases see it: the adapter's calls, typed by collection. */
export interface Store {
  get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null>;
  /** Up to 100 ids in one round-trip; missing ones are left out. */
  getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<RecordOf<C>[]>;
  /** Inserts with a chosen _id; false (and nothing written) when the id already exists. */
  insert<C extends CollectionName>(collection: C, doc: RecordOf<C>): Promise<boolean>;
  /** As DocumentStore.insertMany: write-once records, one round-trip when none is stored yet. */
  insertMany<C extends CollectionName>(collection: C, docs: readonly RecordOf<C>[]): Promise<void>;
  /** Creates or replaces the whole document. */
  set<C extends CollectionName>(collection: C, doc: RecordOf<C>): Promise<void>;
  /** As DocumentStore.update: true only if the patch modified the document, so make it change something. */
  update(collection: CollectionName, id: string, patch: Patch, where?: Filter): Promise<boolean>;
  /** As DocumentStore.updateMany: one round-trip, the number of documents modified. */
  updateMany(collection: CollectionName, where: Filter, patch: Patch): Promise<number>;
  /** Deletes the document if it matches `where`; says if it did. For bookkeeping documents and a deleted person's own messages only. */
  remove(collection: CollectionName, id: string, where?: Filter): Promise<boolean>;
  /** Keyset-paged, index-backed query. */
  query<C extends CollectionName>(collection: C, spec: QuerySpec): Promise<QueryPage<RecordOf<C>>>;
  /** As DocumentStore.readTogether: one round-trip; `parts` null when the anchor does not exist. */
  readTogether<C extends CollectionName>(anchor: { collection: C; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<RecordOf<C>>>;
  /** Runs `fn` atomically; `fn` may run more than once, so it must have no side effects. */
  transaction<R>(fn: (tx: TxOps) => Promise<R>): Promise<R>;
}

export class DuplicateKeyError extends Error {
  constructor(readonly collection: string, readonly id: string) {
    super(`duplicate _id in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

/** Raised when the store cannot settle a transaction after its retries. */
export class TransactionConflictError extends Error {
  constructor() {
    super('transaction conflict');
    this.name = 'TransactionConflictError';
  }
}

/** Largest page any list hands out; CloudBase itself stops at 1000 per call. */
export const MAX_PAGE = 100;

/**
 * Reference data: community structure that changes rarely and that many calls read
 * (categories, buildings, grids…). An instance may keep it in memory for a few seconds
 * (store/reference-cache.ts); rights, counts and items are never among these.
 */
export const REFERENCE_COLLECTIONS: ReadonlySet<string> = new Set([
  'categories',
  'buildings',
  'grids',
  'teams',
  'disclosureCategories',
  'departments',
  'communities',
]);
