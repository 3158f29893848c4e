import { AppError } from '../../../miniprogram/core/errors';
import { MAX_PAGE, type CollectionName, type Filter, type Patch, type QueryPage, type QuerySpec, type ReadPart, type ReadTogether, type RecordOf, type Store } from '../ports/store';

/**
 * A view of the store limited to one community. Every read filters by communityId and
 * every write stamps or checks it, so a handler cannot leak or touch another community's
 * records even when it is handed a foreign id.
 */
export class ScopedStore {
  constructor(readonly store: Store, readonly communityId: string) {}

  private mine<T>(doc: T): boolean {
    return (doc as { communityId?: unknown }).communityId === this.communityId;
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null> {
    const doc = await this.store.get(collection, id);
    return doc && this.mine(doc) ? doc : null;
  }

  /** Every id asked for, a round-trip per hundred: the store itself keeps only the first 100. */
  async getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<RecordOf<C>[]> {
    const unique = [...new Set(ids)];
    const out: RecordOf<C>[] = [];
    for (let i = 0; i < unique.length; i += MAX_PAGE) out.push(...(await this.store.getMany(collection, unique.slice(i, i + MAX_PAGE))));
    return out.filter((d) => this.mine(d));
  }

  /** Like get, but a missing or foreign record is NOT_FOUND. */
  async require<C extends CollectionName>(collection: C, id: string, message?: string, field?: string): Promise<RecordOf<C>> {
    const doc = await this.get(collection, id);
    if (!doc) throw new AppError('NOT_FOUND', message, field ? { issues: [{ path: field, message: message ?? '没有找到相关内容' }] } : undefined);
    return doc;
  }

  insert<C extends CollectionName>(collection: C, doc: RecordOf<C>): Promise<boolean> {
    return this.store.insert(collection, { ...doc, communityId: this.communityId });
  }

  insertMany<C extends CollectionName>(collection: C, docs: readonly RecordOf<C>[]): Promise<void> {
    return this.store.insertMany(collection, docs.map((doc) => ({ ...doc, communityId: this.communityId })));
  }

  update(collection: CollectionName, id: string, patch: Patch, where: Filter = {}): Promise<boolean> {
    return this.store.update(collection, id, patch, { ...where, communityId: this.communityId });
  }

  updateMany(collection: CollectionName, where: Filter, patch: Patch): Promise<number> {
    return this.store.updateMany(collection, { ...where, communityId: this.communityId }, patch);
  }

  remove(collection: CollectionName, id: string, where: Filter = {}): Promise<boolean> {
    return this.store.remove(collection, id, { ...where, communityId: this.communityId });
  }

  query<C extends CollectionName>(collection: C, spec: QuerySpec): Promise<QueryPage<RecordOf<C>>> {
    return this.store.query(collection, { ...spec, where: { communityId: this.communityId, ...spec.where } });
  }

  /**
   * Several reads in one round-trip (the port's readTogether), scoped as the reads above: a
   * query part is asked within this community, and the anchor and documents by id that
   * belong to another come back as missing.
   */
  async readTogether<C extends CollectionName>(anchor: { collection: C; id: string }, parts: Readonly<Record<string, ReadPart>>): Promise<ReadTogether<RecordOf<C>>> {
    const scoped = Object.fromEntries(
      Object.entries(parts).map(([name, part]) => [name, 'id' in part || 'ids' in part ? part : { ...part, where: { ...part.where, communityId: this.communityId } }]),
    );
    const res = await this.store.readTogether(anchor, scoped);
    const anchorDoc = res.anchor && this.mine(res.anchor) ? res.anchor : null;
    if (!res.parts) return { anchor: anchorDoc, parts: null };
    const out = Object.fromEntries(
      Object.entries(res.parts).map(([name, page]) => {
        const part = parts[name];
        return [name, 'id' in part || 'ids' in part ? { items: page.items.filter((d) => this.mine(d)) } : page];
      }),
    );
    return { anchor: anchorDoc, parts: out };
  }

  /**
   * Applies `change` to every record matching `where`, a page at a time, until none is
   * left. `change` must take the record out of `where` (anonymise, remove), or this would
   * not end: that is what makes it safe to rerun after a crash.
   */
  async drain<C extends CollectionName>(collection: C, where: QuerySpec['where'], orderField: string, change: (doc: RecordOf<C>) => Promise<unknown>): Promise<void> {
    for (;;) {
      const page = await this.query(collection, { where, orderBy: { field: orderField, dir: 'desc' }, limit: 100 });
      if (page.items.length === 0) return;
      for (const doc of page.items) await change(doc);
    }
  }
}
