import type { Doc, DocumentStore, DocumentTxOps, Filter, Patch, QueryPage, QuerySpec, ReadPart, ReadTogether } from '../cloudfunctions/lib/ports/store';
import { togetherLabel } from './split-store';

/**
 * What one round-trip costs on the modelled network: a read, a write, and the begin/commit
 * pair of a transaction (the SDK's startTransaction and commit, billed here as one).
 */
export interface Delays {
  readMs: number;
  writeMs: number;
  commitMs: number;
}

/** The model: 10 ms a read, 15 ms a write, 30 ms a transaction's commit. */
export const MODEL: Delays = { readMs: 10, writeMs: 15, commitMs: 30 };

export interface Meter {
  reads: number;
  writes: number;
  /** Round-trips the action had to wait for one after another (parallel ones count once). */
  waits: number;
  /** The sum of each wait's slowest round-trip under `Delays`. */
  modelledMs: number;
  /** `insert events` → count, reads and writes by kind and collection. */
  detail: Record<string, number>;
}

/**
 * Counts what an action costs on CloudBase, without sleeping: reads and writes as
 * CountingStore bills them (one per call; in a transaction one per get, one per buffered
 * write, one for the commit), and the critical path. A round-trip that starts while another
 * is in flight joins its wait; one that starts on an idle store begins a new one. A
 * transaction is modelled as the CloudBase adapter runs it: its gets as the callback awaits
 * them, then each buffered write in turn, then the commit.
 */
export class MeteredStore implements DocumentStore {
  private meter: Meter = MeteredStore.empty();
  private inFlight = 0;
  private waveCost = 0;

  constructor(private readonly inner: DocumentStore, private readonly delays: Delays = MODEL) {}

  static empty(): Meter {
    return { reads: 0, writes: 0, waits: 0, modelledMs: 0, detail: {} };
  }

  /** What was counted since the last reset. */
  reset(): Meter {
    const out = this.meter;
    this.meter = MeteredStore.empty();
    this.inFlight = 0;
    this.waveCost = 0;
    return out;
  }

  private note(kind: 'read' | 'write', what: string): void {
    if (kind === 'read') this.meter.reads += 1;
    else this.meter.writes += 1;
    this.meter.detail[what] = (this.meter.detail[what] ?? 0) + 1;
  }

  /** Runs one round-trip on the critical-path clock. */
  private async trip<R>(cost: number, run: () => Promise<R>): Promise<R> {
    if (this.inFlight === 0) {
      this.meter.waits += 1;
      this.meter.modelledMs += cost;
      this.waveCost = cost;
    } else if (cost > this.waveCost) {
      this.meter.modelledMs += cost - this.waveCost;
      this.waveCost = cost;
    }
    this.inFlight += 1;
    try {
      return await run();
    } finally {
      // A real round-trip answers in a later turn of the event loop, never within the turn
      // that sent it: what the action starts before then (a gathered write sent at
      // setImmediate) is in flight beside it. SQLite answers at once, so hold the answer.
      await new Promise((resolve) => setImmediate(resolve));
      this.inFlight -= 1;
    }
  }

  /** Waits that follow each other, appended after whatever was in flight. */
  private sequential(count: number, cost: number): void {
    this.meter.waits += count;
    this.meter.modelledMs += count * cost;
  }

  get<T extends Doc>(c: string, id: string): Promise<T | null> {
    this.note('read', `get ${c}`);
    return this.trip(this.delays.readMs, () => this.inner.get<T>(c, id));
  }
  getMany<T extends Doc>(c: string, ids: readonly string[]): Promise<T[]> {
    if (!ids.length) return this.inner.getMany<T>(c, ids);
    this.note('read', `getMany ${c}`);
    return this.trip(this.delays.readMs, () => this.inner.getMany<T>(c, ids));
  }
  insert<T extends Doc>(c: string, doc: T): Promise<boolean> {
    this.note('write', `insert ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.insert(c, doc));
  }
  insertMany<T extends Doc>(c: string, docs: readonly T[]): Promise<void> {
    if (!docs.length) return this.inner.insertMany(c, docs);
    this.note('write', `insertMany ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.insertMany(c, docs));
  }
  set<T extends Doc>(c: string, doc: T): Promise<void> {
    this.note('write', `set ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.set(c, doc));
  }
  update(c: string, id: string, patch: Patch, where?: Filter): Promise<boolean> {
    this.note('write', `update ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.update(c, id, patch, where));
  }
  updateMany(c: string, where: Filter, patch: Patch): Promise<number> {
    this.note('write', `updateMany ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.updateMany(c, where, patch));
  }
  remove(c: string, id: string, where?: Filter): Promise<boolean> {
    this.note('write', `remove ${c}`);
    return this.trip(this.delays.writeMs, () => this.inner.remove(c, id, where));
  }
  query<T extends Doc>(c: string, spec: QuerySpec): Promise<QueryPage<T>> {
    this.note('read', `query ${c}`);
    return this.trip(this.delays.readMs, () => this.inner.query<T>(c, spec));
  }
  /** One read and one wait, however many parts (one aggregate request on CloudBase). */
  readTogether<T extends Doc>(anchor: { collection: string; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<T>> {
    this.note('read', togetherLabel(anchor, parts));
    return this.trip(this.delays.readMs, () => this.inner.readTogether<T>(anchor, parts));
  }
  async transaction<R>(fn: (tx: DocumentTxOps) => Promise<R>): Promise<R> {
    // A callback that reruns (conflict) is billed for every attempt, as CloudBase would.
    let buffered = 0;
    const result = await this.inner.transaction((tx) => {
      buffered = 0;
      return fn({
        get: (c, id) => {
          this.note('read', `tx.get ${c}`);
          return this.trip(this.delays.readMs, () => tx.get(c, id));
        },
        insert: (c, doc) => {
          this.note('write', `tx.insert ${c}`);
          buffered += 1;
          tx.insert(c, doc);
        },
        set: (c, doc) => {
          this.note('write', `tx.set ${c}`);
          buffered += 1;
          tx.set(c, doc);
        },
        remove: (c, id) => {
          this.note('write', `tx.remove ${c}`);
          buffered += 1;
          tx.remove(c, id);
        },
      });
    });
    this.note('write', 'tx commit');
    this.sequential(buffered, this.delays.writeMs);
    this.sequential(1, this.delays.commitMs);
    return result;
  }
}
