/**
 * Reading a person's or a team's verified ledger in full (bounded), and the activities its
 * entries belong to, for certificates and exports. Index-backed, page by page.
 */
import type { CollectionName, Filter, RecordOf } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { ActivityRecord, HourEntryRecord } from '../volunteer/records';

/** One certificate or sheet reads at most this many rows; more says `truncated`. */
export const MAX_ROWS = 2000;

export async function readAll<C extends CollectionName>(
  db: ScopedStore,
  collection: C,
  where: Filter,
  orderField: string,
): Promise<{ items: RecordOf<C>[]; truncated: boolean }> {
  const items: RecordOf<C>[] = [];
  let after: string | undefined;
  do {
    const page = await db.query(collection, { where, orderBy: { field: orderField, dir: 'asc' }, limit: 100, after });
    items.push(...page.items);
    after = page.next;
  } while (after && items.length < MAX_ROWS);
  return { items: items.slice(0, MAX_ROWS), truncated: !!after || items.length > MAX_ROWS };
}

export function verifiedOf(db: ScopedStore, where: { memberId: string } | { teamId: string }): Promise<{ items: HourEntryRecord[]; truncated: boolean }> {
  return readAll(db, 'hourEntries', { ...where, status: 'verified' }, 'serviceDate');
}

export async function activitiesOf(db: ScopedStore, ids: readonly string[]): Promise<Map<string, ActivityRecord>> {
  return new Map((await db.getMany('activities', ids)).map((a) => [a._id, a]));
}
