/**
 * Who may do what with a poll. Staff manage the polls within their reach: admins all of the
 * community's, a grid worker those whose whole scope lies in their grids. Residents see a
 * poll whose scope takes in their household, or whose frozen roll names them.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller, type IdentifiedCaller } from '../../kernel/caller';
import type { PollRecord } from './records';

export function mayManage(caller: Caller, poll: Pick<PollRecord, 'gridIds'>): boolean {
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, 'gridWorker') && poll.gridIds.length > 0 && poll.gridIds.every((g) => caller.gridIds.includes(g));
}

/**
 * Paper and meeting ballots of one unit: whoever manages the poll, and the grid workers of
 * the unit's grid — they are the ones who carry ballots door to door.
 */
export function mayCollect(caller: Caller, poll: Pick<PollRecord, 'gridIds'>, gridId: string | null): boolean {
  return mayManage(caller, poll) || (hasRole(caller, 'gridWorker') && gridId !== null && caller.gridIds.includes(gridId));
}

/** Grid workers reach the paper of a poll that takes in any of their grids. */
export function mayCollectAny(caller: Caller, poll: Pick<PollRecord, 'gridIds' | 'eligibility'>): boolean {
  if (mayManage(caller, poll)) return true;
  if (!hasRole(caller, 'gridWorker') || caller.gridIds.length === 0) return false;
  // A meeting of the whole community (no grids of its own) is helped at the door by every grid worker.
  const whole = poll.eligibility.scope === 'community' || (poll.eligibility.scope === 'meeting' && poll.gridIds.length === 0);
  return whole || poll.gridIds.some((g) => caller.gridIds.includes(g));
}

/** By address alone: before a roll is frozen, and for listing. */
export function looksEligible(caller: Caller, poll: Pick<PollRecord, 'eligibility' | 'buildingIds'>): boolean {
  const h = caller.household;
  // A meeting's vote is for those present, found on its roll, never by address.
  if (!h || poll.eligibility.scope === 'meeting') return false;
  if (poll.eligibility.scope === 'community') return true;
  if (poll.eligibility.scope === 'households') return poll.eligibility.ids.includes(h.id);
  return poll.buildingIds.includes(h.buildingId);
}

/** Before the poll opens, or once it closed, by the clock as well as the status. */
export function isVotingTime(poll: Pick<PollRecord, 'status' | 'opensAt' | 'closesAt'>, now: number): boolean {
  return (poll.status === 'open' || poll.status === 'scheduled') && now >= poll.opensAt && now < poll.closesAt;
}

export function pollActions(caller: IdentifiedCaller, poll: PollRecord, now: number, canVote: boolean): ActionName[] {
  const out: ActionName[] = ['poll.get', 'poll.results'];
  const voting = isVotingTime(poll, now);
  if (canVote && voting && poll.channels.includes('app')) out.push('poll.vote');
  if (canVote) out.push('poll.myBallot');
  if (mayCollectAny(caller, poll)) {
    if (voting && (poll.channels.includes('paper') || poll.channels.includes('meeting'))) out.push('poll.roll', 'poll.enterPaperBallot');
    if (poll.channels.includes('paper') && (poll.status === 'open' || poll.status === 'closed')) out.push('poll.pendingPaper', 'poll.confirmPaperBallot');
  }
  // A meeting's vote is closed (and its hands counted) by meeting.closeVote, which re-checks the quorum.
  if (!mayManage(caller, poll) || poll.meeting) return out;
  if (voting && poll.channels.includes('hands') && !poll.hands && hasRole(caller, 'admin')) out.push('poll.recordHands');
  if (poll.status === 'scheduled' && now < poll.opensAt) out.push('poll.cancel');
  if ((poll.status === 'open' || poll.status === 'scheduled') && now >= poll.opensAt && hasRole(caller, 'admin')) out.push('poll.close');
  if (poll.status === 'closed' && hasRole(caller, 'admin') && poll.createdBy !== caller.memberId) out.push('poll.publish');
  return out;
}
