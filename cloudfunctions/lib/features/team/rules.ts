/** Team rules, pure: who leads, and what a team offers the caller. */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { isStaff } from '../../../../miniprogram/core/roles';
import type { Caller } from '../../kernel/caller';
import type { TeamRecord } from '../volunteer/records';

export const teamMemberIdFor = (teamId: string, memberId: string) => `tm_${teamId}_${memberId}`;

export function leads(caller: Caller, team: Pick<TeamRecord, 'leaderIds' | 'communityId'> | null): boolean {
  return !!team && caller.memberId !== null && caller.communityId === team.communityId && team.leaderIds.includes(caller.memberId);
}

/** Staff of the community, or a leader of this team: they run its activities. */
export function runsTeam(caller: Caller, team: Pick<TeamRecord, 'leaderIds' | 'communityId'> | null): boolean {
  if (!team || caller.communityId !== team.communityId) return false;
  return isStaff(caller.roles) || leads(caller, team);
}

export function teamActions(caller: Caller, team: TeamRecord, joined: boolean): ActionName[] {
  const out: ActionName[] = ['team.list'];
  if (!joined && team.active) out.push('team.join');
  if (caller.roles.includes('admin')) out.push('team.upsert');
  if (runsTeam(caller, team)) out.push('activity.upsert');
  return out;
}
