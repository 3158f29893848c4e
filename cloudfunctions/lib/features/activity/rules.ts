/**
 * Activity rules, pure: who runs an activity, the confirm window of an offer, the actions
 * an activity and a sign-up offer. No clock of their own: `now` is always passed in.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { AUTO_CLOSE_AFTER_MINUTES, OFFER_WINDOW_HOURS, OFFER_WINDOW_HOURS_ON_THE_DAY, type SignupStatus } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Caller } from '../../kernel/caller';
import { HOUR, localDayKey } from '../../kernel/time';
import type { ActivityRecord, SignupRecord, TeamRecord } from '../volunteer/records';

/** Statuses in which a sign-up holds (or waits for) a place. */
export const OPEN_SIGNUP: readonly SignupStatus[] = ['booked', 'waitlisted', 'offered'];
/** Waitlist places per pool: far more than any neighbourhood turns out, but bounded. */
export const WAITLIST_CAP = 1000;
/** My sign-ups offers 签到/签退 from this long before a booked shift starts. */
export const CHECK_IN_OPENS_BEFORE_MS = HOUR;

/**
 * Admins, the team's leaders, the organiser and the 项目负责人 run an activity. A grid worker
 * runs the ones they organise or lead: a roster names residents, and grid staff see only
 * the residents of their own grids.
 */
export function runsActivity(caller: Caller, a: Pick<ActivityRecord, 'communityId' | 'organiserId' | 'leadId'>, team: Pick<TeamRecord, 'leaderIds'> | null): boolean {
  if (caller.communityId !== a.communityId || caller.memberId === null) return false;
  return caller.roles.includes('admin') || a.organiserId === caller.memberId || a.leadId === caller.memberId || !!team?.leaderIds.includes(caller.memberId);
}

/** 12 hours to confirm a freed seat, 1 hour on the day itself, never past the start. */
export function offerDeadline(now: number, startAt: number): number {
  const hours = localDayKey(now) === localDayKey(startAt) ? OFFER_WINDOW_HOURS_ON_THE_DAY : OFFER_WINDOW_HOURS;
  return Math.min(now + hours * HOUR, startAt);
}

export function overlaps(a: { startAt: number; endAt: number }, b: { startAt: number; endAt: number }): boolean {
  return a.startAt < b.endAt && b.startAt < a.endAt;
}

export function signupActions(caller: Caller, s: SignupRecord, now: number): ActionName[] {
  if (caller.memberId !== s.memberId) return [];
  const out: ActionName[] = ['activity.get'];
  if (OPEN_SIGNUP.includes(s.status) && now < s.startAt) out.push('activity.withdraw');
  if (s.status === 'offered' && s.offeredUntil !== null && now < s.offeredUntil) out.push('activity.confirm');
  // 签到/签退 on the day: from an hour before the shift until a forgotten check-out closes.
  if (s.status === 'booked' && now >= s.startAt - CHECK_IN_OPENS_BEFORE_MS && now < s.endAt + AUTO_CLOSE_AFTER_MINUTES * 60_000) out.push('activity.checkIn');
  return out;
}

export function activityActions(caller: Caller, a: ActivityRecord, team: TeamRecord | null, now: number, canSignUp: boolean): ActionName[] {
  const out: ActionName[] = ['activity.get'];
  if (a.status === 'published' && now < a.signupDeadline && canSignUp) out.push('activity.signup');
  if (runsActivity(caller, a, team)) {
    if (a.status === 'draft') out.push('activity.upsert', 'activity.publish');
    if (a.status === 'draft' || a.status === 'published') out.push('activity.cancel');
    out.push('activity.roster');
  }
  return out;
}
