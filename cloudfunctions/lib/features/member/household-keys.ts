import type { Deps } from '../../kernel/deps';
import { householdKeys } from './household';

/**
 * Households written before the finder existed lack its search keys. Each run gives a few
 * pages of them their keys; the update takes them out of the query, so reruns end, and once
 * none is left it costs one empty read.
 */
export async function backfillHouseholdKeys(deps: Pick<Deps, 'store'>, budget: { pages: number }): Promise<{ keyed: number }> {
  let keyed = 0;
  for (let page = 0; page < budget.pages; page += 1) {
    const batch = await deps.store.query('households', { where: { unitKey: { $exists: false } }, orderBy: { field: '_id', dir: 'asc' }, limit: 50 });
    for (const h of batch.items) {
      if (await deps.store.update('households', h._id, householdKeys(h.unit, h.room), { unitKey: { $exists: false } })) keyed += 1;
    }
    if (!batch.next) break;
  }
  return { keyed };
}
