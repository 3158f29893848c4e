import type { TeamView } from '../../../../miniprogram/core/volunteer/contract';
import { isStaff } from '../../../../miniprogram/core/roles';
import type { Caller } from '../../kernel/caller';
import type { TeamRecord } from '../volunteer/records';
import { leads, teamActions } from './rules';

/** Leaders' names go to staff only; everyone else sees the team and its size. */
export function toTeamView(caller: Caller, t: TeamRecord, joined: boolean, leaderNames: Map<string, string>): TeamView {
  return {
    id: t._id,
    name: t.name,
    description: t.description,
    memberCount: t.memberCount,
    joined,
    leading: leads(caller, t),
    active: t.active,
    ...(isStaff(caller.roles) ? { leaders: t.leaderIds.map((id) => ({ id, name: leaderNames.get(id) ?? '志愿者' })) } : {}),
    allowedActions: teamActions(caller, t, joined),
  };
}
