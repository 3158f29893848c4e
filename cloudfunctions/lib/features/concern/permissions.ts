/**
 * Who may see and act on a concern. Pure; the handlers and `allowedActions` share it.
 *
 * 首接负责 with one hand on the wheel: handling (reply, request information, transfer,
 * whistle, report back, merge, resolve) belongs to the current handler and the community's
 * admins — the community pool (no handler) is the admins'. The grid's leader supervises: he
 * may reassign (transfer) and chase (催办). Grid colleagues and the first responder see it
 * and may add internal notes; handing over is always an explicit, recorded step.
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

function isStaffHere(caller: Caller, c: ConcernRecord): boolean {
  return caller.communityId === c.communityId && caller.memberId !== null;
}

function isAdminHere(caller: Caller, c: ConcernRecord): boolean {
  return isStaffHere(caller, c) && hasRole(caller, 'admin');
}

/** 网格长 of the concern's grid (a grid worker or an admin named leader of it). */
export function isGridLeader(caller: Caller, c: ConcernRecord): boolean {
  return isStaffHere(caller, c) && hasRole(caller, 'gridWorker', 'admin') && caller.ledGridIds.includes(c.gridId);
}

/**
 * Staff who see the staff side and may add internal notes: admins of its community; grid
 * workers of its grid; its leader; whoever it waits on; and the first responder, who stays
 * responsible to the end and so keeps sight of it wherever it goes.
 */
export function isStaffViewer(caller: Caller, c: ConcernRecord): boolean {
  if (!isStaffHere(caller, c)) return false;
  if (hasRole(caller, 'admin')) return true;
  if (!hasRole(caller, 'gridWorker')) return false;
  return c.assigneeId === caller.memberId || c.firstResponderId === caller.memberId || caller.gridIds.includes(c.gridId) || caller.ledGridIds.includes(c.gridId);
}

/** Who handles it: the current handler, and admins of its community (the pool is theirs). */
export function isHandler(caller: Caller, c: ConcernRecord): boolean {
  if (isAdminHere(caller, c)) return true;
  return isStaffHere(caller, c) && hasRole(caller, 'gridWorker') && c.assigneeId !== null && c.assigneeId === caller.memberId;
}

/** Signing is for the person it waits on; admins may sign for the shared queue or anyone. */
export function isSigner(caller: Caller, c: ConcernRecord): boolean {
  return isHandler(caller, c);
}

/** Reassigning is the handler's, and the grid leader's when his grid's work must move. */
function isManager(caller: Caller, c: ConcernRecord): boolean {
  return isHandler(caller, c) || isGridLeader(caller, c);
}

/** 催办 is pressure from above on someone else: the grid leader or an admin, never the handler on himself. */
function isSupervisor(caller: Caller, c: ConcernRecord): boolean {
  if (c.assigneeId === null || c.assigneeId === caller.memberId) return false;
  return isAdminHere(caller, c) || isGridLeader(caller, c);
}

export function canView(caller: Caller, c: ConcernRecord): boolean {
  return isAuthor(caller, c) || isFollower(caller, c) || isStaffViewer(caller, c);
}

export const PARTY_CHECK: Record<Party, (caller: Caller, c: ConcernRecord) => boolean> = {
  author: isAuthor,
  handler: isHandler,
  signer: isSigner,
  viewer: isStaffViewer,
  manager: isManager,
  supervisor: isSupervisor,
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
  // Its author, or whoever handles it, may take it to the residents as a motion (议题), once.
  if (!c.motion && !['closed', 'merged', 'withdrawn'].includes(c.status) && (isAuthor(caller, c) || isHandler(caller, c))) actions.push('motion.propose');
  // Whoever sees someone else's words may report them (followers see only a placeholder).
  if (isStaffViewer(caller, c) && !isAuthor(caller, c)) actions.push('moderation.report');
  return actions;
}
