import { hasRole, type Caller } from '../../kernel/caller';
import type { ConcernRecord } from './records';

export function isAuthor(caller: Caller, c: ConcernRecord): boolean {
  return caller.memberId !== null && c.authorId === caller.memberId;
}

/** Staff who may handle it: admins of its community, its assignee, workers of its grid. */
export function isHandler(caller: Caller, c: ConcernRecord): boolean {
  if (caller.communityId !== c.communityId) return false;
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, 'gridWorker') && (c.assigneeId === caller.memberId || caller.gridIds.includes(c.gridId));
}

export function canView(caller: Caller, c: ConcernRecord): boolean {
  return (caller.communityId === c.communityId && isAuthor(caller, c)) || isHandler(caller, c);
}

/** Actions this caller may take on this concern now; pages render buttons from this. */
export function concernActions(caller: Caller, c: ConcernRecord): string[] {
  const actions: string[] = [];
  if (canView(caller, c)) actions.push('concern.get');
  return actions;
}
