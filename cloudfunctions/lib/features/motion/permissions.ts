/**
 * Who may see and do what with a motion. Pure; the handlers and `allowedActions` share it.
 * Staff of the community see every motion; residents those whose scope takes in their
 * household (a community-wide motion also anyone of the community without one); the mover
 * always sees their own. Support is for bound residents within the scope; answering is the
 * admins'.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import type { MotionStatus } from '../../../../miniprogram/core/council/vocabulary';
import { hasRole, type Caller } from '../../kernel/caller';
import type { MotionRecord } from './records';

export const OPEN_STATUSES: readonly MotionStatus[] = ['collecting', 'thresholdMet', 'scheduled'];
export const CLOSED_STATUSES: readonly MotionStatus[] = ['decided', 'answered', 'expired', 'withdrawn'];
/** Support is collected, and staff may still answer or schedule, in these. */
export const SUPPORTABLE: readonly MotionStatus[] = ['collecting', 'thresholdMet'];

export function isStaffHere(caller: Caller, m: Pick<MotionRecord, 'communityId'>): boolean {
  return caller.communityId === m.communityId && caller.memberId !== null && hasRole(caller, 'gridWorker', 'admin');
}

export function isAdminHere(caller: Caller, m: Pick<MotionRecord, 'communityId'>): boolean {
  return isStaffHere(caller, m) && hasRole(caller, 'admin');
}

/** The caller's household lies within the motion's scope. */
export function inScope(caller: Caller, m: Pick<MotionRecord, 'communityId' | 'buildingIds'>): boolean {
  const h = caller.household;
  if (caller.communityId !== m.communityId || !caller.householdId || !h) return false;
  return m.buildingIds.length === 0 || m.buildingIds.includes(h.buildingId);
}

export function isMover(caller: Caller, m: Pick<MotionRecord, 'communityId' | 'proposerId'>): boolean {
  return caller.memberId !== null && caller.communityId === m.communityId && m.proposerId === caller.memberId;
}

/** `concernAuthor`: the caller wrote the concern it came from (they follow it here). */
export function canView(caller: Caller, m: MotionRecord, concernAuthor = false): boolean {
  if (caller.communityId !== m.communityId || caller.memberId === null) return false;
  if (isStaffHere(caller, m) || isMover(caller, m) || inScope(caller, m) || concernAuthor) return true;
  return m.buildingIds.length === 0 && hasRole(caller, 'resident', 'volunteer');
}

/** May support by who they are (the clock and the household's earlier support are checked apart). */
export function maySupportAsPerson(caller: Caller, m: MotionRecord): boolean {
  return hasRole(caller, 'resident', 'volunteer') && inScope(caller, m);
}

export function isSupportTime(m: Pick<MotionRecord, 'status' | 'supportClosesAt'>, now: number): boolean {
  return SUPPORTABLE.includes(m.status) && now < m.supportClosesAt;
}

export function isOverdue(m: Pick<MotionRecord, 'status' | 'answerDueAt'>, now: number): boolean {
  return m.status === 'thresholdMet' && m.answerDueAt !== null && now > m.answerDueAt;
}

export function motionActions(caller: Caller, m: MotionRecord, now: number, supported: boolean): ActionName[] {
  const out: ActionName[] = ['motion.get'];
  if (!supported && maySupportAsPerson(caller, m) && isSupportTime(m, now)) out.push('motion.support');
  if (isAdminHere(caller, m) && SUPPORTABLE.includes(m.status)) out.push('motion.answer');
  return out;
}
