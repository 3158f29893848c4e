/**
 * One request's reads, gathered: reads a use case starts together (a Promise.all of gets
 * and queries, each feature's rows of 今日待办, each feature's part of 下载我的数据) go to the
 * database as ONE round-trip — a readTogether anchored on the caller's own member record
 * (on CloudBase one aggregate with a `$lookup` per read). Reads are collected until the
 * event loop turns (setImmediate), so everything started in the same wave of promise
 * callbacks travels together; a lone read goes as itself.
 *
 * What never waits for company: writes, transactions, and reads of the collections the
 * instance's reference cache answers from memory (they cost no round-trip when warm). If
 * the anchor is missing (deleted meanwhile) the adapter reads nothing, and the gathered reads
 * go one by one as they would have without this. A caller with no record (a visitor, a
 * 街道 admin named by the deployment) has no anchor to start with: their first reads go
 * alone, and the first document they bring back anchors the waves after it.
 *
 * Request-scoped: made per call, never shared, so nothing read for one caller can answer
 * another. Scoping stays with ScopedStore above it (it filters what comes back).
 */
import { RequestStore } from './request-store';
import { Gathering, type Waiting } from './gathering';
import {
  MAX_READ_PARTS,
  type CollectionName,
  type Doc,
  type QueryPage,
  type QuerySpec,
  type ReadPart,
  type ReadTogether,
  type RecordOf,
  type Store,
} from '../ports/store';

type Pending = Waiting<ReadPart, QueryPage<Doc>>;

export class BatchingStore extends RequestStore {
  private readonly gathering = new Gathering<ReadPart, QueryPage<Doc>>(MAX_READ_PARTS, (batch) => this.send(batch));
  /** Round-trips saved, for the log and the tests: reads that rode along with another. */
  gathered = 0;

  /** The caller's record as the wrapper read it for this request, until the request writes it. */
  private anchorDoc: Doc | null | undefined;

  constructor(
    inner: Store,
    /** Null until a read brings back a document (any will do: the parts do not depend on it). */
    private anchor: { collection: CollectionName; id: string } | null,
    /** Collections read alone (the reference cache's: free when warm). */
    private readonly alone: ReadonlySet<string> = new Set(),
    /** The anchor as just read (the caller's member record): a use case reading it again gets it without a round-trip. */
    anchorDoc?: Doc | null,
  ) {
    super(inner);
    this.anchorDoc = anchorDoc;
  }

  override async get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null> {
    if (this.anchorDoc !== undefined && collection === this.anchor?.collection && id === this.anchor.id) return structuredClone(this.anchorDoc) as RecordOf<C> | null;
    if (this.alone.has(collection)) return this.learnFrom(collection, await this.inner.get(collection, id));
    const page = await this.enqueue({ collection, id });
    return (page.items[0] as RecordOf<C> | undefined) ?? null;
  }

  override async getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<RecordOf<C>[]> {
    if (!ids.length) return [];
    if (this.alone.has(collection)) return this.learnFrom(collection, await this.inner.getMany(collection, ids));
    return (await this.enqueue({ collection, ids })).items as RecordOf<C>[];
  }

  override async query<C extends CollectionName>(collection: C, spec: QuerySpec): Promise<QueryPage<RecordOf<C>>> {
    if (this.alone.has(collection)) {
      const page = await this.inner.query(collection, spec);
      this.learnFrom(collection, page.items);
      return page;
    }
    return (await this.enqueue({ collection, ...spec })) as QueryPage<RecordOf<C>>;
  }

  /** Without an anchor yet, the first document a read brings back becomes it. */
  private learnFrom<T extends Doc | Doc[] | null>(collection: string, found: T): T {
    const doc = (Array.isArray(found) ? found[0] : found) as Doc | null | undefined;
    if (!this.anchor && doc) this.anchor = { collection: collection as CollectionName, id: doc._id };
    return found;
  }

  /** A write may change the caller's record: from then on it is read like any other. */
  protected wrote(collection: string): void {
    if (collection === this.anchor?.collection) this.anchorDoc = undefined;
  }

  private enqueue(part: ReadPart): Promise<QueryPage<Doc>> {
    return this.gathering.add(part);
  }

  private async send(batch: Pending[]): Promise<void> {
    const anchor = this.anchor;
    if (batch.length === 1 || !anchor) {
      await Promise.all(batch.map((p) => this.alone1(p)));
      return;
    }
    let res: ReadTogether<Doc>;
    try {
      res = await this.inner.readTogether(anchor, Object.fromEntries(batch.map((p, i) => [`p${i}`, p.item])));
    } catch {
      // Each read then meets its own outcome, as if asked alone (a bad one fails by itself).
      res = { anchor: null, parts: null };
    }
    const parts = res.parts;
    if (!parts) {
      await Promise.all(batch.map((p) => this.alone1(p)));
      return;
    }
    this.gathered += batch.length - 1;
    batch.forEach((p, i) => p.resolve(parts[`p${i}`] ?? { items: [] }));
  }

  /** One read on its own, as the use case asked it. */
  private async alone1(p: Pending): Promise<void> {
    try {
      const part = p.item;
      let page: QueryPage<Doc>;
      if ('id' in part) {
        const doc = await this.inner.get(part.collection as CollectionName, part.id);
        page = { items: doc ? [doc] : [] };
      } else if ('ids' in part) {
        page = { items: await this.inner.getMany(part.collection as CollectionName, part.ids) };
      } else {
        const { collection, ...spec } = part;
        page = await this.inner.query(collection as CollectionName, spec as QuerySpec);
      }
      p.resolve(this.learnFrom(part.collection, page.items) && page);
    } catch (err) {
      p.reject(err);
    }
  }
}
