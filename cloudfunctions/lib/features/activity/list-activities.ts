import type { Handler, PrefetchOf } from '../../kernel/action';
import { DAY, localDayKey } from '../../kernel/time';
import { fromAnchor, type Filter, type QuerySpec, type ReadPart } from '../../ports/store';
import { volunteerIdFor } from '../volunteer/rules';
import { leads } from '../team/rules';
import { minesOf, poolsOf } from './load';
import { toActivityView } from './presenters';

/** Beijing midnight of the day holding `instant`. */
function dayStart(instant: number): number {
  const key = localDayKey(instant);
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8))) - 8 * 3600_000;
}

type ListInput = Parameters<PrefetchOf<'activity.list'>>[0];

/** The page the open view lists: published, from today on (or of one day, or one team), soonest first. */
function openQuery(input: ListInput, now: number): QuerySpec {
  const from = input.day !== undefined ? dayStart(input.day) : dayStart(now);
  const range = input.day !== undefined ? { $gte: from, $lt: from + DAY } : { $gte: from };
  return { where: { status: 'published', ...(input.teamId ? { teamId: input.teamId } : {}), startAt: range }, orderBy: { field: 'startAt', dir: 'asc' }, limit: input.limit, after: input.cursor };
}

/**
 * Read with the caller's record: the open view's page, asked as the handler asks it within
 * the caller's community, and the caller's volunteer record. The managed view depends on
 * the caller's roles, unknown before the record is read, so its page is read as always. The
 * pools and the caller's sign-ups are named by the page: they follow, together.
 */
export const prefetchActivities: PrefetchOf<'activity.list'> = (input, me, now): Record<string, ReadPart> => {
  const volunteer: ReadPart = { collection: 'volunteers', id: volunteerIdFor(me) };
  if (input.view === 'manage') return { volunteer };
  const { where, ...spec } = openQuery(input, now);
  return { page: { collection: 'activities', where: { communityId: fromAnchor('communityId'), ...where }, ...spec }, volunteer };
};

/**
 * Published activities from today on (or of one day, or one team), soonest first; with
 * `openOnly`, only those with a free seat. `manage` lists what the caller runs, drafts
 * included: everything for staff, a team's for its leader, their own for an organiser.
 */
export const listActivities: Handler<'activity.list'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  let spec: QuerySpec;
  if (input.view === 'manage') {
    const team = input.teamId ? await db.get('teams', input.teamId) : null;
    let where: Filter;
    if (caller.roles.includes('admin')) where = input.teamId ? { teamId: input.teamId } : {};
    else if (team && leads(caller, team)) where = { teamId: team._id };
    else where = { organiserId: caller.memberId };
    if (input.day !== undefined) {
      const from = dayStart(input.day);
      where.startAt = { $gte: from, $lt: from + DAY };
    }
    spec = { where, orderBy: { field: 'startAt', dir: 'desc' }, limit: input.limit, after: input.cursor };
  } else {
    spec = openQuery(input, now);
  }
  const page = await db.query('activities', spec);
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
