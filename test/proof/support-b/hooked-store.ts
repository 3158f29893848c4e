/**
 * A store that lets a test stand between a use case and the database: pause one call until
 * the test lets it go (to force an interleaving exactly), or "crash" right after the k-th
 * write has taken effect (every later call fails too, as in a dead process), so each crash
 * point of an action can be visited in turn.
 */
import { createApiFunction, type CloudFunction } from '../../../cloudfunctions/lib/api-function';
import { InboxNotifier } from '../../../cloudfunctions/lib/features/notify/inbox-notifier';
import type { Doc, Filter, Patch, QueryPage, QuerySpec, DocumentStore, DocumentTxOps, ReadPart, ReadTogether } from '../../../cloudfunctions/lib/ports/store';
import { templateForKind } from '../../../cloudfunctions/lib/manifests';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { localDeps, type LocalDeps } from '../../../dev/local-deps';

export type OpKind = 'get' | 'getMany' | 'insert' | 'insertMany' | 'set' | 'update' | 'updateMany' | 'remove' | 'query' | 'readTogether' | 'commit';

export interface Op {
  kind: OpKind;
  collection: string;
  id?: string;
  patch?: Patch;
  where?: Filter;
  doc?: Doc;
}

const WRITES: OpKind[] = ['insert', 'insertMany', 'set', 'update', 'updateMany', 'remove', 'commit'];

/** Thrown by every call once the simulated process has died. */
export class Crash extends Error {
  constructor(readonly afterWrite: number) {
    super(`simulated crash after write ${afterWrite}`);
    this.name = 'Crash';
  }
}

export function describeOp(op: Op): string {
  if (op.kind === 'update') return `update ${op.collection} ${Object.keys(op.patch ?? {}).map((k) => k.replace(/\.(bk|c|m)_[0-9a-f]+$/, '.<id>')).join(',')}`;
  if (op.kind === 'commit') return `transaction → ${op.collection}`;
  return `${op.kind} ${op.collection}`;
}

export class HookedStore implements DocumentStore {
  /** Awaited before each call; may pause it or throw. */
  before: ((op: Op) => Promise<void> | void) | null = null;
  /** Writes performed, in order (a write that changed nothing, e.g. a refused insert, counts too). */
  writes: Op[] = [];
  /** Crash right after this many writes; null = never. */
  crashAfter: number | null = null;
  private dead = false;

  constructor(readonly inner: DocumentStore) {}

  /** A healthy store again: the "restarted process". */
  revive(): void {
    this.dead = false;
    this.crashAfter = null;
    this.before = null;
    this.writes = [];
  }

  private async run<R>(op: Op, fn: () => Promise<R>): Promise<R> {
    if (this.dead) throw new Crash(this.writes.length);
    if (this.before) await this.before(op);
    if (this.dead) throw new Crash(this.writes.length);
    const result = await fn();
    if (WRITES.includes(op.kind)) {
      this.writes.push(op);
      if (this.crashAfter !== null && this.writes.length >= this.crashAfter) {
        this.dead = true;
        throw new Crash(this.writes.length);
      }
    }
    return result;
  }

  get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return this.run({ kind: 'get', collection, id }, () => this.inner.get<T>(collection, id));
  }
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    return this.run({ kind: 'getMany', collection }, () => this.inner.getMany<T>(collection, ids));
  }
  insert<T extends Doc>(collection: string, doc: T): Promise<boolean> {
    return this.run({ kind: 'insert', collection, id: doc._id, doc }, () => this.inner.insert(collection, doc));
  }
  insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void> {
    return this.run({ kind: 'insertMany', collection }, () => this.inner.insertMany(collection, docs));
  }
  set<T extends Doc>(collection: string, doc: T): Promise<void> {
    return this.run({ kind: 'set', collection, id: doc._id, doc }, () => this.inner.set(collection, doc));
  }
  update(collection: string, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    return this.run({ kind: 'update', collection, id, patch, where }, () => this.inner.update(collection, id, patch, where));
  }
  updateMany(collection: string, where: Filter, patch: Patch): Promise<number> {
    return this.run({ kind: 'updateMany', collection, patch, where }, () => this.inner.updateMany(collection, where, patch));
  }
  remove(collection: string, id: string, where?: Filter): Promise<boolean> {
    return this.run({ kind: 'remove', collection, id, where }, () => this.inner.remove(collection, id, where));
  }
  query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    return this.run({ kind: 'query', collection }, () => this.inner.query<T>(collection, spec));
  }
  readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    return this.run({ kind: 'readTogether', collection: anchor.collection, id: anchor.id }, () => this.inner.readTogether<T>(anchor, parts));
  }
  transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    const touched: string[] = [];
    return this.run({ kind: 'commit', collection: 'tx' }, () =>
      this.inner.transaction((tx) =>
        fn({
          get: (c, id) => tx.get(c, id),
          insert: (c, doc) => {
            touched.push(c);
            tx.insert(c, doc);
          },
          set: (c, doc) => {
            touched.push(c);
            tx.set(c, doc);
          },
          remove: (c, id) => {
            touched.push(c);
            tx.remove(c, id);
          },
        }),
      ),
    ).finally(() => {
      const last = this.writes[this.writes.length - 1];
      if (last?.kind === 'commit' && last.collection === 'tx') last.collection = [...new Set(touched)].join('+');
    });
  }
}

export interface InProcess {
  deps: LocalDeps;
  hooked: HookedStore;
  api: CloudFunction;
  call<T = any>(openid: string, action: string, data?: unknown, key?: string): Promise<Envelope<T>>;
  ok<T = any>(openid: string, action: string, data?: unknown, key?: string): Promise<T>;
}

/** The real api function on `file` (or ':memory:'), every store call through a HookedStore. */
export function inProcess(file: string): InProcess {
  const local = localDeps({ filename: file, quiet: true });
  const hooked = new HookedStore(local.store);
  const deps = { ...local, store: hooked, notifier: new InboxNotifier(hooked, local.clock, local.config.templates, templateForKind) } as unknown as LocalDeps;
  const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
  const call: InProcess['call'] = async (openid, action, data = {}, key) => (await api({ action, data, ...(key ? { idempotencyKey: key } : {}) }, { openid })) as Envelope<never>;
  return {
    deps: { ...local },
    hooked,
    api,
    call,
    async ok(openid, action, data, key) {
      const res = await call(openid, action, data, key);
      if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message}`);
      return res.data as never;
    },
  };
}
