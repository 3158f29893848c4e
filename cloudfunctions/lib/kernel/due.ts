/**
 * The sweep's one shape for every timer: the documents of a collection whose `wakeAt` has
 * come, earliest first, a page at a time. Each one handled moves or clears its `wakeAt`, so
 * no cursor is needed; a CONFLICT (another sweep or a person moved it first) is counted and
 * skipped; a page that moves nothing ends the run, so a stuck document cannot spin it.
 * Under the sweep's round-trip budget (store/budget-store.ts) it stops once that is spent,
 * between documents: what is left is still due, so the next run starts from it.
 */
import { AppError } from '../../../miniprogram/core/errors';
import type { CollectionName, RecordOf, Store } from '../ports/store';
import { ScopedStore } from './scoped-store';
import { budgetSpent } from './sweep-budget';

export async function forEachDue<C extends CollectionName>(
  store: Store,
  collection: C,
  now: number,
  pages: number,
  /** Handles one due document; `false` says it was left alone (someone else had it). */
  handle: (doc: RecordOf<C> & { communityId: string }, db: ScopedStore) => Promise<boolean | void>,
): Promise<{ conflicts: number }> {
  let conflicts = 0;
  for (let page = 0; page < pages && !budgetSpent(store); page += 1) {
    const due = await store.query(collection, { where: { wakeAt: { $lte: now } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit: 50 });
    let progressed = 0;
    for (const doc of due.items as Array<RecordOf<C> & { communityId: string }>) {
      if (budgetSpent(store)) return { conflicts };
      try {
        if ((await handle(doc, new ScopedStore(store, doc.communityId))) !== false) progressed += 1;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        conflicts += 1;
      }
    }
    if (!due.next || progressed === 0) break;
  }
  return { conflicts };
}
