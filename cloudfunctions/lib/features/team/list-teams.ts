import { isStaff } from '../../../../miniprogram/core/roles';
import { fromAnchor } from '../../ports/store';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { volunteerIdFor } from '../volunteer/rules';
import { toTeamView } from './presenters';
import { teamMemberIdFor } from './rules';

/**
 * Read with the caller's record: the page of active teams a resident is shown (staff, who
 * also see inactive ones, ask another page and read it after). The caller's memberships are
 * named by the teams on the page, so they follow.
 */
export const prefetchTeams: PrefetchOf<'team.list'> = (input) => ({
  teams: { collection: 'teams', where: { communityId: fromAnchor('communityId'), active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: input.limit, after: input.cursor },
});

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
