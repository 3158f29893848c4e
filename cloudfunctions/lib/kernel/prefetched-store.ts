import { RequestStore } from './request-store';
import {
  MAX_PAGE,
  resolvePartFilter,
  type CollectionName,
  type Doc,
  type Filter,
  type QueryPage,
  type QuerySpec,
  type ReadPart,
  type RecordOf,
  type Store,
} from '../ports/store';

/** A prefetched part, its anchor values put in, and whether a read has had it yet. */
interface Held {
  collection: string;
  /** `id:<id>`, `ids:<sorted ids>` or `q:<canonical spec>`: what a read must ask to be answered by it. */
  key: string;
  page: QueryPage<Doc>;
  served: boolean;
}

/** JSON with object keys sorted, so two filters that say the same compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const idsKey = (ids: readonly string[]) => `ids:${canonical([...new Set(ids)].slice(0, MAX_PAGE).sort())}`;
const queryKey = (where: Filter, spec: Omit<QuerySpec, 'where'>) =>
  `q:${canonical({ where, orderBy: spec.orderBy, limit: spec.limit, after: spec.after ?? null, count: spec.count ?? false })}`;

/**
 * The store a handler sees when its action declared a prefetch: the parts read together with
 * the caller's member record (kernel/dispatch.ts) answer the handler's own `get`, `getMany`
 * and `query` that ask exactly for them, so the handler is written as before and its reads
 * cost nothing more. The rules that keep it as fresh as reading:
 *
 * - each part answers once; asked again, the database answers;
 * - a collection this request wrote to (directly or in a transaction) is read from the
 *   database from then on: a handler reads its own writes;
 * - transactions read the database, never the parts;
 * - anything not prefetched is read as always.
 *
 * It sits under the handler's ScopedStore, which still filters every answer by community;
 * a query part is matched with its anchor values put in, so the scoped query (the caller's
 * communityId added) finds the part that asked `communityId: fromAnchor('communityId')`.
 */
export class PrefetchedStore extends RequestStore {
  private readonly held: Held[] = [];
  private readonly written = new Set<string>();

  constructor(
    inner: Store,
    parts: Readonly<Record<string, ReadPart>>,
    pages: Readonly<Record<string, QueryPage<Doc>>>,
    anchor: object,
  ) {
    super(inner);
    for (const [name, part] of Object.entries(parts)) {
      const page = pages[name];
      if (!page) continue;
      let key: string;
      if ('id' in part) key = `id:${part.id}`;
      else if ('ids' in part) key = idsKey(part.ids);
      else {
        const where = resolvePartFilter(part.where, anchor);
        if (!where) continue;
        key = queryKey(where, part);
      }
      this.held.push({ collection: part.collection, key, page, served: false });
    }
  }

  /** The held page a read asks for, once; never after a write to its collection. */
  private take(collection: string, key: string): QueryPage<Doc> | undefined {
    if (this.written.has(collection)) return undefined;
    const held = this.held.find((h) => !h.served && h.collection === collection && h.key === key);
    if (!held) return undefined;
    held.served = true;
    return held.page;
  }

  protected wrote(collection: string): void {
    this.written.add(collection);
  }

  override async get<C extends CollectionName>(collection: C, id: string): Promise<RecordOf<C> | null> {
    const page = this.take(collection, `id:${id}`);
    if (page) return (page.items[0] as RecordOf<C> | undefined) ?? null;
    return this.inner.get(collection, id);
  }

  override async getMany<C extends CollectionName>(collection: C, ids: readonly string[]): Promise<RecordOf<C>[]> {
    const page = ids.length ? this.take(collection, idsKey(ids)) : undefined;
    if (page) return page.items as RecordOf<C>[];
    return this.inner.getMany(collection, ids);
  }

  override async query<C extends CollectionName>(collection: C, spec: QuerySpec): Promise<QueryPage<RecordOf<C>>> {
    const page = this.take(collection, queryKey(spec.where, spec));
    if (page) return page as QueryPage<RecordOf<C>>;
    return this.inner.query(collection, spec);
  }
}
