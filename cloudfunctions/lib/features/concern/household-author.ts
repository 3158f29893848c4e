import type { Caller } from '../../kernel/caller';
import type { ConcernRecord } from './records';

/**
 * A concern staff filed for a household where nobody used the app has no author: it belongs
 * to the household, and whoever is bound there (then or later) counts as its author — they
 * see it in their list, follow, supplement, rate and reopen it.
 */
export function isHouseholdAuthor(caller: Caller, c: Pick<ConcernRecord, 'authorId' | 'householdId' | 'communityId'>): boolean {
  return c.authorId === null && caller.householdId !== null && caller.communityId === c.communityId && caller.householdId === c.householdId;
}
