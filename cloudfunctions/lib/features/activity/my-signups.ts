import type { Handler } from '../../kernel/action';
import { poolIdFor } from './ids';
import { toSignupView } from './presenters';

/** The caller's sign-ups: upcoming soonest first (with waitlist places and offers), or past. */
export const mySignups: Handler<'activity.mine'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const upcoming = input.when === 'upcoming';
  const page = await db.query('signups', {
    where: { memberId: caller.memberId, endAt: upcoming ? { $gte: now } : { $lt: now } },
    orderBy: { field: 'endAt', dir: upcoming ? 'asc' : 'desc' },
    limit: input.limit,
    after: input.cursor,
  });
  const activities = new Map((await db.getMany('activities', [...new Set(page.items.map((s) => s.activityId))])).map((a) => [a._id, a]));
  const pools = new Map((await db.getMany('activitySeats', page.items.filter((s) => s.status === 'waitlisted').map((s) => poolIdFor(s.activityId, s.shiftId, s.roleId)))).map((p) => [p._id, p]));
  return {
    items: page.items.map((s) => toSignupView(caller, s, activities.get(s.activityId) ?? null, pools.get(poolIdFor(s.activityId, s.shiftId, s.roleId)) ?? null, now)),
    ...(page.next ? { next: page.next } : {}),
  };
};
