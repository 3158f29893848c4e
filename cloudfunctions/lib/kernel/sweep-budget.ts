import type { CollectionName, Filter, Patch, QuerySpec, ReadPart, ReadTogether, RecordOf, Store, TxOps } from '../ports/store';

/**
 * The sweep's spending limit, in round-trips: CloudBase waits for each one in turn, so the
 * count, not this machine's clock, says whether a run fits the function's time limit. A
 * run has a total and each job a share of it, so a long backlog in one job cannot leave the
 * jobs after it (the outbox last) without a turn. Jobs that page by `wakeAt` (due.ts) and
 * rollSlots stop at the limit; what they did not reach is still due, so the next run
 * starts from it. Counted as CountingStore bills: one a call, inside a transaction one a
 * read or write plus the commit.
 */
export class BudgetStore implements Store {
  trips = 0;
  private jobStart = 0;
  private jobLimit = Infinity;

  constructor(private readonly inner: Store, readonly runLimit: number) {}

  /**
   * A new job begins; it may spend up to `limit` of what the run has left, less `keep`: the
   * part of the run kept for the jobs that must have a turn every run (the outbox).
   */
  startJob(limit: number, keep = 0): void {
    this.jobStart = this.trips;
    this.jobLimit = Math.max(0, Math.min(limit, this.runLimit - keep - this.trips));
  }

  /** Round-trips made elsewhere on the sweep's behalf (a notice through the notifier's own store). */
  charge(n: number): void {
    this.trips += n;
  }

  /** What this job may still spend. */
  left(): number {
    return Math.max(0, Math.min(this.runLimit - this.trips, this.jobLimit - (this.trips - this.jobStart)));
  }

  spent(): boolean {
    return this.trips >= this.runLimit || this.trips - this.jobStart >= this.jobLimit;
  }

  private paid<T>(n: number, call: T): T {
    this.trips += n;
    return call;
  }

  get<C extends CollectionName>(c: C, id: string): Promise<RecordOf<C> | null> {
    return this.paid(1, this.inner.get(c, id));
  }
  getMany<C extends CollectionName>(c: C, ids: readonly string[]): Promise<RecordOf<C>[]> {
    return this.paid(ids.length ? 1 : 0, this.inner.getMany(c, ids));
  }
  insert<C extends CollectionName>(c: C, doc: RecordOf<C>): Promise<boolean> {
    return this.paid(1, this.inner.insert(c, doc));
  }
  insertMany<C extends CollectionName>(c: C, docs: readonly RecordOf<C>[]): Promise<void> {
    return this.paid(docs.length ? 1 : 0, this.inner.insertMany(c, docs));
  }
  set<C extends CollectionName>(c: C, doc: RecordOf<C>): Promise<void> {
    return this.paid(1, this.inner.set(c, doc));
  }
  update(c: CollectionName, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    return this.paid(1, this.inner.update(c, id, patch, where));
  }
  updateMany(c: CollectionName, where: Filter, patch: Patch): Promise<number> {
    return this.paid(1, this.inner.updateMany(c, where, patch));
  }
  remove(c: CollectionName, id: string, where?: Filter): Promise<boolean> {
    return this.paid(1, this.inner.remove(c, id, where));
  }
  query<C extends CollectionName>(c: C, spec: QuerySpec) {
    return this.paid(1, this.inner.query(c, spec));
  }
  readTogether<C extends CollectionName>(anchor: { collection: C; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<RecordOf<C>>> {
    return this.paid(1, this.inner.readTogether(anchor, parts));
  }
  transaction<R>(fn: (tx: TxOps) => Promise<R>): Promise<R> {
    this.trips += 1;
    return this.inner.transaction((tx) =>
      fn({
        get: (c, id) => this.paid(1, tx.get(c, id)),
        insert: (c, doc) => this.paid(1, tx.insert(c, doc)),
        set: (c, doc) => this.paid(1, tx.set(c, doc)),
        remove: (c, id) => this.paid(1, tx.remove(c, id)),
      }),
    );
  }
}

/** Whether `store` is a sweep's budget and it is used up; any other store never is. */
export const budgetSpent = (store: Store): boolean => store instanceof BudgetStore && store.spent();

/** Round-trips the current job may still spend; any other store is unbounded. */
export const budgetLeft = (store: Store): number => (store instanceof BudgetStore ? store.left() : Infinity);

/**
 * Where a sweep job that walks a list stopped, for the next run to go on from: one
 * bookkeeping document per job (`counters`, by id; `after` is the list's page cursor).
 * Written only when it moves, so a run that walks nothing new writes nothing.
 */
const cursorId = (job: string) => `sweep:${job}`;
type CursorDoc = { _id: string; communityId: string; value: number; after?: string | null };

/**
 * A count a sweep job makes over several runs (a closing poll's ballots, a motion's
 * supports): the records counted so far and the page cursor after them, kept together in
 * one bookkeeping document, so a run stopped by its budget goes on where it stopped and no
 * record is counted twice or skipped. Records must be walked in an order where new ones
 * come last (by time), so one written meanwhile is still reached.
 */
export interface Tally {
  n: number;
  after: string | undefined;
}

export async function readTally(store: Store, key: string): Promise<Tally> {
  const doc = (await store.get('counters', cursorId(key))) as CursorDoc | null;
  return { n: doc?.value ?? 0, after: doc?.after ?? undefined };
}

export async function writeTally(store: Store, key: string, communityId: string, tally: Tally): Promise<void> {
  const doc: CursorDoc = { _id: cursorId(key), communityId, value: tally.n, after: tally.after ?? null };
  await store.set('counters', doc as never);
}

export async function dropTally(store: Store, key: string): Promise<void> {
  await store.remove('counters', cursorId(key));
}

export async function readCursor(store: Store, job: string): Promise<string | undefined> {
  const doc = (await store.get('counters', cursorId(job))) as CursorDoc | null;
  return doc?.after ?? undefined;
}

export async function writeCursor(store: Store, job: string, from: string | undefined, to: string | undefined): Promise<void> {
  if (from === to) return;
  const id = cursorId(job);
  if (!(await store.update('counters', id, { after: to ?? null }))) {
    await store.insert('counters', { _id: id, communityId: 'sweep', value: 0, after: to ?? null } as CursorDoc as never);
  }
}
