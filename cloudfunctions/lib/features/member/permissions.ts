/**
 * Who may do what with membership records. Pure: the handlers and `allowedActions` both
 * read these, so the page and the server cannot disagree.
 */
import { contracts, type ActionName } from '../../../../miniprogram/core/contracts';
import { hasRole, type Caller } from '../../kernel/caller';
import type { BindingRequestRecord } from './records';

/** Actions whose role list admits this caller, before any per-item rule. */
export function actionsByRole(caller: Caller): ActionName[] {
  return (Object.keys(contracts) as ActionName[]).filter((name) =>
    caller.roles.some((r) => contracts[name].roles.includes(r)),
  );
}

/** What `member.me` offers: role-allowed actions minus those the caller's state rules out. */
export function allowedForMe(caller: Caller, hasPendingRequest: boolean): ActionName[] {
  const bound = caller.householdId !== null;
  return actionsByRole(caller).filter((name) => {
    if (name === 'member.requestBinding') return caller.openid !== null && !bound && !hasPendingRequest;
    if (name === 'member.redeemInvite') return caller.openid !== null && !bound;
    if (name === 'concern.submit') return bound;
    if (name === 'member.leaveHousehold') return bound;
    return name !== 'meta.describe';
  });
}

export function canReviewRequest(caller: Caller, request: BindingRequestRecord): boolean {
  if (request.communityId !== caller.communityId) return false;
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, 'gridWorker') && caller.gridIds.includes(request.gridId);
}

export function requestActions(caller: Caller, request: BindingRequestRecord): ActionName[] {
  return request.status === 'pending' && canReviewRequest(caller, request) ? ['member.reviewRequest'] : [];
}
