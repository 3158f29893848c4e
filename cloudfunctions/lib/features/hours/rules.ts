/** Who may do what with an activity's attendance and hours. Pure: records in, answers out. */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { SECOND_VERIFIER_ABOVE_MINUTES } from '../../../../miniprogram/core/volunteer/vocabulary';
import { hasRole, type Caller } from '../../kernel/caller';
import type { ActivityRecord, HourEntryRecord, TeamRecord } from '../volunteer/records';

/** The activity's organiser, its 项目负责人, a leader of its team, or an admin of the community. */
export function runsActivity(caller: Caller, activity: ActivityRecord, team: TeamRecord | null): boolean {
  if (hasRole(caller, 'admin')) return true;
  const me = caller.memberId;
  return me !== null && (activity.organiserId === me || activity.leadId === me || (team?.leaderIds.includes(me) ?? false));
}

/** The project lead of the entry's activity, or an admin; whether it is their own is checked apart. */
export function mayDecide(caller: Caller, entry: HourEntryRecord): boolean {
  return hasRole(caller, 'admin') || entry.leadId === caller.memberId;
}

/** Above the threshold a second, different verifier must confirm. */
export function needsSecondVerifier(entry: Pick<HourEntryRecord, 'minutes' | 'flags'>): boolean {
  return Math.abs(entry.minutes) > SECOND_VERIFIER_ABOVE_MINUTES || entry.flags.includes('overThreshold');
}

export function awaitingSecond(entry: HourEntryRecord): boolean {
  return entry.status === 'pending' && needsSecondVerifier(entry) && entry.decidedBy !== null;
}

export function entryActions(caller: Caller, entry: HourEntryRecord): ActionName[] {
  const out: ActionName[] = [];
  const own = entry.memberId === caller.memberId;
  if (own) out.push('hours.dispute');
  if (!own && mayDecide(caller, entry)) {
    if (entry.status === 'pending' && !(awaitingSecond(entry) && entry.decidedBy === caller.memberId)) out.push('hours.verify');
    out.push('hours.adjust');
  }
  return out;
}
