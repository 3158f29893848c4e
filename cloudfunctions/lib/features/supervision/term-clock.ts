import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { settleCommittee } from './roles';

/**
 * The committee's clock: at a term's first day its members gain the `supervisor` role, the
 * day after its last (or its replacement's first) they lose it. Each due term has its whole
 * community settled; settling moves or clears the term's `wakeAt`, so the run ends.
 */
export async function runTermClock(deps: Deps, now: number, options: { pages: number }): Promise<{ conflicts: number }> {
  return forEachDue(deps.store, 'committeeTerms', now, options.pages, async (term, db) => {
    await settleCommittee(db, 'system', now);
    const after = await db.get('committeeTerms', term._id);
    return after?.wakeAt !== term.wakeAt;
  });
}
