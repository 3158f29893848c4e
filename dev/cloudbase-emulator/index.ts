/**
 * A local stand-in for the CloudBase database endpoint, for tests and local runs of the
 * real @cloudbase/node-sdk: `tcb.init({ env, secretId, secretKey, serviceUrl: emulator.url })`.
 *
 * It speaks what the SDK sends (POST `{ action: 'database.*', collectionName, query, data,
 * order, limit, offset, queryType, multi, merge, upsert, transactionId }`, queries and data
 * as canonical EJSON strings; @cloudbase/database src/collection.ts, document.ts, query.ts,
 * transaction/index.ts) and answers in the shapes the SDK reads (`data.insertedIds`,
 * `data.list` of EJSON strings, `data.updated`, `data.deleted`, `transactionId`, or a body
 * with `code` and `message`, which the SDK throws as a TcbError). Filters, sorts and update
 * operators are judged by mingo (MongoDB's query and update language); on top of it the
 * emulator reproduces what MongoDB under CloudBase does and mingo does not:
 *
 * - a duplicate `_id` fails with `DATABASE_REQUEST_FAILED` carrying MongoDB's E11000 text;
 * - a dotted write through a field holding null or a scalar fails (MongoDB's PathNotViable),
 *   and two paths of one update that overlap fail (ConflictingUpdateOperators);
 * - `updated` counts modified documents, not matched ones (`matched` is sent too, as the
 *   server does, though the SDK drops it);
 * - transactions read a snapshot taken at start; a write to a document another transaction
 *   has written (locked) or that changed since the snapshot fails with
 *   `DATABASE_TRANSACTION_CONFLICT` and aborts the transaction, as MongoDB's WriteConflict does;
 * - collections must exist (`DATABASE_COLLECTION_NOT_EXIST`) when a list is given.
 *
 * What it cannot speak for, and a real environment must settle: the server's exact error
 * texts (these follow MongoDB's and public reports of CloudBase's), whether a real no-op
 * update reports `updated: 0`, at which step a real conflict is raised (a write or the
 * commit) and with which code, index use and query plans (it scans and sorts in memory),
 * upserts of new documents inside a transaction, permissions and quotas, and how an aggregate
 * is billed (it answers `database.aggregateDocuments` with mingo's $match/$lookup/$sort/$limit).
 * It listens on 127.0.0.1 only, on a random port unless one is given.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EJSON } from 'bson';
import { Query, aggregate, find, update as applyUpdate } from 'mingo';

type Doc = Record<string, unknown> & { _id: string };
type Version = { seq: number; doc: Doc | null };

interface Tx {
  id: string;
  startSeq: number;
  startedAt: number;
  /** Pending writes by key; applied together on commit. */
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>;
}

export interface EmulatorOptions {
  /** Collections that exist; others answer DATABASE_COLLECTION_NOT_EXIST. Omit to allow any. */
  collections?: readonly string[];
  port?: number;
  /** An open transaction older than this is aborted (MongoDB's transactionLifetimeLimit). */
  transactionLifetimeMs?: number;
}

export interface CloudbaseEmulator {
  /** The serviceUrl to hand to tcb.init. */
  url: string;
  /** Every action received, in order (for tests that check what went over the wire). */
  requests: Array<Record<string, unknown>>;
  /** The latest committed documents of a collection. */
  documents(collection: string): Doc[];
  close(): Promise<void>;
}

class DbError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const conflict = () => new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict: WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.');

function parse<T>(text: unknown, fallback: T): T {
  if (text === undefined || text === null || text === '') return fallback;
  if (typeof text !== 'string') return text as T;
  return EJSON.parse(text, { relaxed: true }) as T;
}

const stringify = (doc: unknown) => EJSON.stringify(doc as Parameters<typeof EJSON.stringify>[0], { relaxed: false });

function mongoShow(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? '[...]' : typeof value === 'string' ? `"${value}"` : String(value);
}

/** Field paths an update writes, with the operator writing them. */
function updatePaths(modifier: Record<string, unknown>): Array<{ op: string; path: string }> {
  const out: Array<{ op: string; path: string }> = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!op.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation.Update] Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    for (const path of Object.keys(fields as Record<string, unknown>)) out.push({ op, path });
  }
  return out;
}

/** What MongoDB refuses before it writes: overlapping paths, and paths through a non-object. */
function checkUpdate(doc: Doc, modifier: Record<string, unknown>): void {
  const paths = updatePaths(modifier);
  for (const a of paths) {
    for (const b of paths) {
      if (a !== b && (a.path === b.path || b.path.startsWith(`${a.path}.`))) {
        throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation.Update] Updating the path '${b.path}' would create a conflict at '${a.path}'`);
      }
    }
  }
  for (const { op, path } of paths) {
    if (op === '$unset' || op === '$pull' || op === '$pullAll' || op === '$pop') continue;
    const parts = path.split('.');
    let node: unknown = doc;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const value = (node as Record<string, unknown>)[parts[i]];
      if (value === undefined) break;
      const next = parts[i + 1];
      if (value === null || typeof value !== 'object' || (Array.isArray(value) && !/^\d+$/.test(next))) {
        throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation.Update] Cannot create field '${next}' in element {${parts[i]}: ${mongoShow(value)}}`);
      }
      node = value;
    }
  }
}

/** The aggregate stages the emulator judges (mingo's); others are refused rather than guessed. */
const AGGREGATE_STAGES = new Set(['$match', '$lookup', '$limit', '$skip', '$sort', '$project', '$count']);

/** MongoDB counts a write as a modification only if the stored BSON changes. */
const sameDoc = (a: Doc, b: Doc) => stringify(a) === stringify(b);

export async function startCloudbaseEmulator(options: EmulatorOptions = {}): Promise<CloudbaseEmulator> {
  const known = options.collections ? new Set(options.collections) : undefined;
  const lifetime = options.transactionLifetimeMs ?? 10_000;
  const store = new Map<string, Map<string, Version[]>>();
  const txs = new Map<string, Tx>();
  const locks = new Map<string, string>();
  const requests: Array<Record<string, unknown>> = [];
  let seq = 0;
  let counter = 0;
  const key = (collection: string, id: string) => `${collection}\u0000${id}`;

  const coll = (name: unknown): Map<string, Version[]> => {
    if (typeof name !== 'string' || !name) throw new DbError('INVALID_PARAM', 'collectionName is required');
    if (known && !known.has(name)) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`);
    let c = store.get(name);
    if (!c) store.set(name, (c = new Map()));
    return c;
  };
  const latest = (c: Map<string, Version[]>, id: string): Version | undefined => c.get(id)?.at(-1);
  const atSeq = (c: Map<string, Version[]>, id: string, s: number): Doc | null => {
    const versions = c.get(id) ?? [];
    for (let i = versions.length - 1; i >= 0; i -= 1) if (versions[i].seq <= s) return versions[i].doc;
    return null;
  };

  /** Documents as this request sees them: a transaction's snapshot plus its own writes. */
  const visible = (collection: string, tx: Tx | undefined): Doc[] => {
    const c = coll(collection);
    const out: Doc[] = [];
    for (const id of c.keys()) {
      const pending = tx?.writes.get(key(collection, id));
      const doc = pending ? pending.doc : tx ? atSeq(c, id, tx.startSeq) : (latest(c, id)?.doc ?? null);
      if (doc) out.push(doc);
    }
    if (tx) for (const w of tx.writes.values()) if (w.collection === collection && w.doc && !c.has(w.id)) out.push(w.doc);
    return out;
  };

  const abort = (tx: Tx) => {
    txs.delete(tx.id);
    for (const k of tx.writes.keys()) if (locks.get(k) === tx.id) locks.delete(k);
  };

  /** Writes one document, directly or into a transaction (which locks it first). */
  const write = (collection: string, id: string, doc: Doc | null, tx: Tx | undefined) => {
    const c = coll(collection);
    if (!tx) {
      seq += 1;
      // Old versions are only needed while a transaction may still read its snapshot.
      c.set(id, txs.size ? [...(c.get(id) ?? []), { seq, doc }] : [{ seq, doc }]);
      return;
    }
    const k = key(collection, id);
    const holder = locks.get(k);
    if ((holder && holder !== tx.id) || (latest(c, id)?.seq ?? 0) > tx.startSeq) {
      abort(tx);
      throw conflict();
    }
    locks.set(k, tx.id);
    tx.writes.set(k, { collection, id, doc });
  };

  const transactionOf = (body: Record<string, unknown>): Tx | undefined => {
    const id = body.transactionId;
    if (id === undefined || id === null || id === '') return undefined;
    const tx = txs.get(String(id));
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.Transaction] transaction ${String(id)} is not active (aborted, committed or expired)`);
    return tx;
  };

  const select = (body: Record<string, unknown>, tx: Tx | undefined, forWrite: boolean): Doc[] => {
    const filter = parse<Record<string, unknown>>(body.query, {});
    if (tx && forWrite && body.queryType !== 'DOC') {
      throw new DbError('INVALID_PARAM', 'only single-document operations (queryType DOC) are allowed inside a transaction');
    }
    // A read's projection (`field()` in the SDK) as MongoDB applies it; writes see whole documents.
    const projection = forWrite ? undefined : parse<Record<string, 0 | 1> | undefined>(body.projection, undefined);
    let cursor = find(visible(String(body.collectionName), tx), filter, projection);
    const order = parse<Record<string, 1 | -1> | undefined>(body.order, undefined);
    if (order && Object.keys(order).length) cursor = cursor.sort(order);
    const offset = Number(body.offset ?? 0);
    if (offset) cursor = cursor.skip(offset);
    const multi = body.multi !== false;
    const limit = forWrite ? (multi ? 0 : 1) : Math.min(Number(body.limit ?? 1000), 1000);
    if (limit) cursor = cursor.limit(limit);
    return (cursor.all() as Doc[]).map((d) => structuredClone(d));
  };

  const handlers: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    'database.startTransaction': () => {
      const tx: Tx = { id: `tx-${++counter}`, startSeq: seq, startedAt: Date.now(), writes: new Map() };
      txs.set(tx.id, tx);
      return { transactionId: tx.id };
    },
    'database.commitTransaction': (body) => {
      const tx = transactionOf(body);
      if (!tx) throw new DbError('INVALID_PARAM', 'transactionId is required');
      for (const w of tx.writes.values()) {
        if ((latest(coll(w.collection), w.id)?.seq ?? 0) > tx.startSeq) {
          abort(tx);
          throw conflict();
        }
      }
      abort(tx); // releases the locks; the writes land below as one step
      for (const w of tx.writes.values()) write(w.collection, w.id, w.doc, undefined);
      return {};
    },
    'database.abortTransaction': (body) => {
      const tx = txs.get(String(body.transactionId));
      if (tx) abort(tx);
      return {};
    },
    'database.insertDocument': (body) => {
      const tx = transactionOf(body);
      const collection = String(body.collectionName);
      const c = coll(collection);
      const docs = (Array.isArray(body.data) ? body.data : [body.data]).map((d) => parse<Doc>(d, {} as Doc));
      const present = new Set(visible(collection, tx).map((d) => d._id));
      for (const doc of docs) {
        if (doc._id === undefined) doc._id = `${Date.now().toString(16)}${(++counter).toString(16).padStart(8, '0')}`;
        if (present.has(doc._id) || (!tx && latest(c, doc._id)?.doc)) {
          if (tx) abort(tx);
          throw new DbError(
            'DATABASE_REQUEST_FAILED',
            `[FailedOperation.Insert] bulk write error: [{E11000 duplicate key error collection: tnt-emulator.${collection} index: _id_ dup key: { _id: "${doc._id}" }}]`,
          );
        }
        present.add(doc._id);
      }
      for (const doc of docs) write(collection, doc._id, doc, tx);
      return { data: { insertedIds: docs.map((d) => d._id) } };
    },
    'database.getDocument': (body) => {
      const tx = transactionOf(body);
      return { data: { list: select(body, tx, false).map(stringify) }, limit: body.limit, offset: body.offset ?? 0 };
    },
    'database.modifyDocument': (body) => {
      const tx = transactionOf(body);
      const collection = String(body.collectionName);
      const data = parse<Record<string, unknown>>(body.data, {});
      const matched = select(body, tx, true);
      let updated = 0;
      if (body.merge === false) {
        // Replacement (doc.set): the whole document, upserted by _id.
        if (Object.keys(data).some((k) => k.startsWith('$'))) throw new DbError('DATABASE_REQUEST_FAILED', '[FailedOperation.Update] replacement document must not contain update operators');
        const id = matched[0]?._id ?? parse<{ _id?: string }>(body.query, {})._id;
        if (id === undefined) throw new DbError('INVALID_PARAM', 'replacement needs an _id');
        const next = { ...data, _id: id } as Doc;
        if (matched[0]) {
          if (!sameDoc(matched[0], next)) {
            write(collection, id, next, tx);
            updated = 1;
          }
          return { data: { updated, matched: 1 } };
        }
        if (body.upsert !== true) return { data: { updated: 0, matched: 0 } };
        write(collection, id, next, tx);
        return { data: { updated: 0, matched: 0, upsert_id: id } };
      }
      updatePaths(data);
      // All documents are checked before any is written, so a refused update changes nothing.
      const changes: Doc[] = [];
      for (const doc of matched) {
        checkUpdate(doc, data);
        const next = structuredClone(doc);
        if (applyUpdate(next, data as never, undefined, undefined, { cloneMode: 'deep' }).length && !sameDoc(doc, next)) changes.push(next);
      }
      for (const next of changes) write(collection, next._id, next, tx);
      updated = changes.length;
      return { data: { updated, matched: matched.length } };
    },
    'database.removeDocument': (body) => {
      const tx = transactionOf(body);
      const collection = String(body.collectionName);
      const matched = select(body, tx, true);
      for (const doc of matched) write(collection, doc._id, null, tx);
      return { data: { deleted: matched.length } };
    },
    'database.aggregateDocuments': (body) => {
      // The SDK sends `stages: [{stageKey: '$match', stageValue: '<EJSON>'}]` (@cloudbase/database
      // src/aggregate.ts); aggregates do not run inside a transaction. Named collections of a
      // `$lookup` are the committed ones, and must exist as any other.
      if (body.transactionId) throw new DbError('INVALID_PARAM', 'aggregate is not supported inside a transaction');
      const stages = (Array.isArray(body.stages) ? body.stages : []) as Array<{ stageKey?: unknown; stageValue?: unknown }>;
      const pipeline = stages.map((stage) => {
        const name = String(stage.stageKey ?? '');
        if (!AGGREGATE_STAGES.has(name)) throw new DbError('INVALID_PARAM', `aggregate stage ${name} is not supported by the emulator`);
        return { [name]: parse<unknown>(stage.stageValue, {}) };
      });
      // CloudBase answers 20 documents when the pipeline sets no limit (cloudbase-facts.md).
      if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: 20 });
      const list = aggregate(visible(String(body.collectionName), undefined), pipeline as never, {
        collectionResolver: (name: string) => visible(name, undefined),
      }) as Doc[];
      return { data: { list: list.map((d) => stringify(structuredClone(d))) } };
    },
    'database.countDocument': (body) => {
      const tx = transactionOf(body);
      const filter = parse<Record<string, unknown>>(body.query, {});
      const q = new Query(filter);
      return { data: { total: visible(String(body.collectionName), tx).filter((d) => q.test(d)).length } };
    },
  };

  const answer = (body: Record<string, unknown>): Record<string, unknown> => {
    const now = Date.now();
    for (const tx of [...txs.values()]) if (now - tx.startedAt > lifetime) abort(tx);
    const requestId = `emu-${++counter}`;
    const action = String(body.action ?? '');
    const handler = handlers[action];
    try {
      if (!handler) throw new DbError('INVALID_PARAM', `action ${action} is not supported by the emulator`);
      return { requestId, ...handler(body) };
    } catch (err) {
      if (err instanceof DbError) return { requestId, code: err.code, message: err.message };
      return { requestId, code: 'SYS_ERR', message: (err as Error).message };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let out: Record<string, unknown>;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        requests.push(body);
        if (requests.length > 10_000) requests.shift();
        out = answer(body);
      } catch (err) {
        out = { code: 'INVALID_PARAM', message: `unreadable request: ${(err as Error).message}` };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/admin`,
    requests,
    documents: (collection) => [...(store.get(collection)?.values() ?? [])].map((v) => v.at(-1)?.doc).filter((d): d is Doc => !!d),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
