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

/** Event-loop turns without a store call before the next answer is handed out (see pump). */
const QUIET_TURNS = 4;

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
 * write, one for the commit), and the critical path on a virtual clock. Each round-trip
 * starts at the virtual time the code sending it runs at (when the answer it was waiting for
 * arrived) and is answered `Delays` later; answers are handed out in the order of that time,
 * each once the code woken by the one before has settled (sent what it will send). So a read
 * sent beside a write and answered first does not carry what follows the write into its own
 * wait, as a count of "round-trips in flight" would. Waits are the longest chain of
 * round-trips that each waited for the one before; modelled ms the virtual time at the end.
 * A transaction is modelled as the CloudBase adapter runs it: its gets as the callback awaits
 * them, then each buffered write in turn, then the commit.
 */
export class MeteredStore implements DocumentStore {
  private meter: Meter = MeteredStore.empty();
  /** Virtual ms, and the chain length of the answer last handed out: the context new trips start in. */
  private now = 0;
  private depth = 0;
  /** Store calls doing their real work (SQLite) now: no answer is handed out meanwhile. */
  private running = 0;
  /** Bumped by every trip sent and answer handed out, to tell a settled event loop. */
  private activity = 0;
  private pending: Array<{ at: number; depth: number; order: number; deliver: () => void }> = [];
  private order = 0;
  private pumping = false;

  constructor(private readonly inner: DocumentStore, private readonly delays: Delays = MODEL) {}

  static empty(): Meter {
    return { reads: 0, writes: 0, waits: 0, modelledMs: 0, detail: {} };
  }

  /** What was counted since the last reset. */
  reset(): Meter {
    const out = this.meter;
    this.meter = MeteredStore.empty();
    this.now = 0;
    this.depth = 0;
    return out;
  }

  private note(kind: 'read' | 'write', what: string): void {
    if (kind === 'read') this.meter.reads += 1;
    else this.meter.writes += 1;
    this.meter.detail[what] = (this.meter.detail[what] ?? 0) + 1;
  }

  /** Runs one round-trip (or `waits` in a row costing `cost` together) on the virtual clock. */
  private async trip<R>(cost: number, run: () => Promise<R>, waits = 1): Promise<R> {
    const at = this.now + cost;
    const depth = this.depth + waits;
    this.activity += 1;
    this.running += 1;
    let outcome: { ok: true; value: R } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await run() };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      this.running -= 1;
    }
    await new Promise<void>((deliver) => {
      this.pending.push({ at, depth, order: this.order++, deliver });
      void this.pump();
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Hands out answers earliest first. Before each, the event loop must have gone quiet for a
   * few turns with no store call at work: code woken by the last answer may defer its sends
   * by a turn (BatchingStore gathers at setImmediate).
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      let quiet = 0;
      let seen = this.activity;
      while (this.pending.length) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.running > 0 || this.activity !== seen) {
          quiet = 0;
          seen = this.activity;
          continue;
        }
        if (++quiet < QUIET_TURNS) continue;
        // Answers due at the same instant arrive together (a notifier gathering what they
        // wake into one insertMany sees them in one turn); what they wake follows the longest chain.
        const at = Math.min(...this.pending.map((p) => p.at));
        const due = this.pending.filter((p) => p.at === at).sort((a, b) => a.order - b.order);
        this.pending = this.pending.filter((p) => p.at !== at);
        this.now = Math.max(this.now, at);
        this.depth = Math.max(...due.map((p) => p.depth));
        this.meter.waits = Math.max(this.meter.waits, this.depth);
        this.meter.modelledMs = Math.max(this.meter.modelledMs, at);
        this.activity += 1;
        seen = this.activity;
        quiet = 0;
        for (const p of due) p.deliver();
      }
    } finally {
      this.pumping = false;
    }
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
    // Each buffered write in turn, then the commit: waits one after another.
    await this.trip(buffered * this.delays.writeMs + this.delays.commitMs, async () => undefined, buffered + 1);
    return result;
  }
}
