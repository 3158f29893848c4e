import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { poolIdFor } from './ids';
import { toSignupView } from './presenters';

type MineInput = Parameters<PrefetchOf<'activity.mine'>>[0];

/** The caller's page of sign-ups: upcoming soonest first, or past latest first. */
function minePage(input: MineInput, memberId: string, now: number): QuerySpec {
  const upcoming = input.when === 'upcoming';
  return {
    where: { memberId, endAt: upcoming ? { $gte: now } : { $lt: now } },
    orderBy: { field: 'endAt', dir: upcoming ? 'asc' : 'desc' },
    limit: input.limit,
    after: input.cursor,
  };
}

/**
 * Read with the caller's record: the page of their sign-ups, asked as the handler asks it
 * within the caller's community. The activities and pools are named by the page: they follow,
 * together.
 */
export const prefetchMySignups: PrefetchOf<'activity.mine'> = (input, me, now) => {
  const { where, ...spec } = minePage(input, me, now);
  return { page: { collection: 'signups', where: { communityId: fromAnchor('communityId'), ...where }, ...spec } };
};

/** The caller's sign-ups: upcoming soonest first (with waitlist places and offers), or past. */
export const mySignups: Handler<'activity.mine'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const page = await db.query('signups', minePage(input, caller.memberId, now));
  // Both are named by the page alone: one wait for the two.
  const [activityList, poolList] = await Promise.all([
    db.getMany('activities', [...new Set(page.items.map((s) => s.activityId))]),
    db.getMany('activitySeats', page.items.filter((s) => s.status === 'waitlisted').map((s) => poolIdFor(s.activityId, s.shiftId, s.roleId))),
  ]);
  const activities = new Map(activityList.map((a) => [a._id, a]));
  const pools = new Map(poolList.map((p) => [p._id, p]));
  return {
    items: page.items.map((s) => toSignupView(caller, s, activities.get(s.activityId) ?? null, pools.get(poolIdFor(s.activityId, s.shiftId, s.roleId)) ?? null, now)),
    ...(page.next ? { next: page.next } : {}),
  };
};
