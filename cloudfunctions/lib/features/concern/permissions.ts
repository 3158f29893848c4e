/**
 * Who may see and act on a concern. Pure; the handlers and `allowedActions` share it.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller } from '../../kernel/caller';
import { permits, RULES, type LifecycleAction, type Party } from './lifecycle';
import type { ConcernRecord } from './records';
import { isHouseholdAuthor } from './household-author';

export function isAuthor(caller: Caller, c: ConcernRecord): boolean {
  return (caller.memberId !== null && caller.communityId === c.communityId && c.authorId === caller.memberId) || isHouseholdAuthor(caller, c);
}

/** Authors of merged duplicates follow the original: they may read its public side. */
export function isFollower(caller: Caller, c: ConcernRecord): boolean {
  return caller.memberId !== null && caller.communityId === c.communityId && c.followerIds.includes(caller.memberId);
}

/**
 * Staff who may handle it: admins of its community; grid workers of its grid; whoever it
 * was assigned or transferred to; and the first responder, who stays responsible to the end.
 */
export function isHandler(caller: Caller, c: ConcernRecord): boolean {
  if (caller.communityId !== c.communityId || caller.memberId === null) return false;
  if (hasRole(caller, 'admin')) return true;
  if (!hasRole(caller, 'gridWorker')) return false;
  return c.assigneeId === caller.memberId || c.firstResponderId === caller.memberId || caller.gridIds.includes(c.gridId);
}

/** Signing is for the person it waits on; admins may sign for the shared queue or anyone. */
export function isSigner(caller: Caller, c: ConcernRecord): boolean {
  if (caller.communityId !== c.communityId) return false;
  return hasRole(caller, 'admin') || (hasRole(caller, 'gridWorker') && c.assigneeId === caller.memberId);
}

export function canView(caller: Caller, c: ConcernRecord): boolean {
  return isAuthor(caller, c) || isFollower(caller, c) || isHandler(caller, c);
}

const PARTY_CHECK: Record<Party, (caller: Caller, c: ConcernRecord) => boolean> = {
  author: isAuthor,
  handler: isHandler,
  signer: isSigner,
};

export function may(caller: Caller, action: LifecycleAction, c: ConcernRecord, now: number): boolean {
  return PARTY_CHECK[RULES[action].party](caller, c) && permits(action, c, now);
}

/** Actions this caller may take on this concern now; pages render buttons from this. */
export function concernActions(caller: Caller, c: ConcernRecord, now: number): ActionName[] {
  if (!canView(caller, c)) return [];
  const actions: ActionName[] = ['concern.get'];
  for (const action of Object.keys(RULES) as LifecycleAction[]) {
    if (may(caller, action, c, now)) actions.push(action);
  }
  // Whoever sees someone else's words may report them (followers see only a placeholder).
  if (isHandler(caller, c) && !isAuthor(caller, c)) actions.push('moderation.report');
  return actions;
}
