import { AppError } from '../../../miniprogram/core/errors';
import type { CollectionName, Filter, RecordOf } from '../ports/store';
import type { ScopedStore } from './scoped-store';

/**
 * Every record matching `where`, page by page. For what must be whole — a roll a vote is
 * decided against, a tally — so past `cap` it refuses rather than return part of the set.
 */
export async function everyPage<C extends CollectionName>(db: ScopedStore, collection: C, where: Filter, orderField: string, cap = 50_000): Promise<RecordOf<C>[]> {
  const items: RecordOf<C>[] = [];
  let after: string | undefined;
  do {
    const page = await db.query(collection, { where, orderBy: { field: orderField, dir: 'asc' }, limit: 100, after });
    items.push(...page.items);
    if (items.length > cap) throw new AppError('CONFLICT', '记录过多，超出一次能处理的数量，请联系技术支持');
    after = page.next;
  } while (after);
  return items;
}
