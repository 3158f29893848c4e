import type { Handler } from '../../kernel/action';
import { DAY, localDayKey } from '../../kernel/time';
import type { Filter } from '../../ports/store';
import { volunteerIdFor } from '../volunteer/rules';
import { leads } from '../team/rules';
import { minesOf, poolsOf } from './load';
import { toActivityView } from './presenters';

/** Beijing midnight of the day holding `instant`. */
function dayStart(instant: number): number {
  const key = localDayKey(instant);
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8))) - 8 * 3600_000;
}

/**
 * Published activities from today on (or of one day, or one team), soonest first; with
 * `openOnly`, only those with a free seat. `manage` lists what the caller runs, drafts
 * included: everything for staff, a team's for its leader, their own for an organiser.
 */
export const listActivities: Handler<'activity.list'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const from = input.day !== undefined ? dayStart(input.day) : dayStart(now);
  const range = input.day !== undefined ? { $gte: from, $lt: from + DAY } : { $gte: from };
  let where: Filter;
  let dir: 'asc' | 'desc' = 'asc';
  if (input.view === 'manage') {
    const team = input.teamId ? await db.get('teams', input.teamId) : null;
    dir = 'desc';
    if (caller.roles.includes('admin')) where = input.teamId ? { teamId: input.teamId } : {};
    else if (team && leads(caller, team)) where = { teamId: team._id };
    else where = { organiserId: caller.memberId };
  } else {
    where = { status: 'published', ...(input.teamId ? { teamId: input.teamId } : {}), startAt: range };
  }
  if (input.view === 'manage' && input.day !== undefined) where.startAt = range;
  const page = await db.query('activities', { where, orderBy: { field: 'startAt', dir }, limit: input.limit, after: input.cursor });
  const [pools, mine, teams, v] = await Promise.all([
    poolsOf(db, page.items),
    minesOf(db, caller.memberId, page.items),
    db.getMany('teams', [...new Set(page.items.map((a) => a.teamId))]),
    db.get('volunteers', volunteerIdFor(caller.memberId)),
  ]);
  const teamOf = new Map(teams.map((t) => [t._id, t]));
  let items = page.items.map((a) => toActivityView(caller, a, teamOf.get(a.teamId) ?? null, pools, mine.filter((s) => s.activityId === a._id), now, v?.status === 'active'));
  if (input.openOnly) items = items.filter((a) => a.seatsLeft > 0);
  return { items, ...(page.next ? { next: page.next } : {}) };
};
