import { AppError } from '../../../miniprogram/core/errors';
import type { Doc, Filter, Patch, QueryPage, QuerySpec, Store } from '../ports/store';

/**
 * A view of the store limited to one community. Every read filters by communityId and
 * every write stamps or checks it, so a handler cannot leak or touch another community's
 * records even when it is handed a foreign id.
 */
export class ScopedStore {
  constructor(readonly store: Store, readonly communityId: string) {}

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const doc = await this.store.get<T>(collection, id);
    return doc && (doc as { communityId?: unknown }).communityId === this.communityId ? doc : null;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    return (await this.store.getMany<T>(collection, ids)).filter((d) => (d as { communityId?: unknown }).communityId === this.communityId);
  }

  /** Like get, but a missing or foreign record is NOT_FOUND. */
  async require<T extends Doc>(collection: string, id: string, message?: string): Promise<T> {
    const doc = await this.get<T>(collection, id);
    if (!doc) throw new AppError('NOT_FOUND', message);
    return doc;
  }

  insert<T extends Doc>(collection: string, doc: T): Promise<boolean> {
    return this.store.insert(collection, { ...doc, communityId: this.communityId });
  }

  update(collection: string, id: string, patch: Patch, where: Filter = {}): Promise<boolean> {
    return this.store.update(collection, id, patch, { ...where, communityId: this.communityId });
  }

  remove(collection: string, id: string, where: Filter = {}): Promise<boolean> {
    return this.store.remove(collection, id, { ...where, communityId: this.communityId });
  }

  query<T extends Doc>(collection: string, spec: QuerySpec): Promise<QueryPage<T>> {
    return this.store.query<T>(collection, { ...spec, where: { communityId: this.communityId, ...spec.where } });
  }
}
