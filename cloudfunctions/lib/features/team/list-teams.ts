import { isStaff } from '../../../../miniprogram/core/roles';
import type { Handler } from '../../kernel/action';
import { volunteerIdFor } from '../volunteer/rules';
import { toTeamView } from './presenters';
import { teamMemberIdFor } from './rules';

/** The community's teams by name; inactive ones for staff only. */
export const listTeams: Handler<'team.list'> = async (ctx) => {
  const db = ctx.db();
  const staff = isStaff(ctx.caller.roles);
  const page = await db.query('teams', { where: staff ? {} : { active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: ctx.input.limit, after: ctx.input.cursor });
  const memberships = await db.getMany('teamMembers', page.items.map((t) => teamMemberIdFor(t._id, ctx.caller.memberId)));
  const joined = new Set(memberships.map((m) => m.teamId));
  const names = new Map<string, string>();
  if (staff) {
    const leaderIds = [...new Set(page.items.flatMap((t) => t.leaderIds))];
    for (const v of await db.getMany('volunteers', leaderIds.map(volunteerIdFor))) names.set(v.memberId, v.name);
  }
  return { items: page.items.map((t) => toTeamView(ctx.caller, t, joined.has(t._id), names)), ...(page.next ? { next: page.next } : {}) };
};
