import { AppError } from '../../../../miniprogram/core/errors';
import type { RosterEntry } from '../../../../miniprogram/core/volunteer/contract';
import { SIGNUP_STATUS_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { waitlistPosition } from '../../kernel/seat-pool';
import type { ActivitySeatRecord, SignupRecord } from '../volunteer/records';
import { volunteerIdFor } from '../volunteer/rules';
import { loadActivity, poolsOf } from './load';
import { poolIdFor } from './ids';

const MAX_ROSTER_PAGES = 20;

/** A page of the activity's open sign-ups, in the order they came. */
const openSignups = (activityId: string, after?: string): QuerySpec => ({
  where: { activityId, status: { $in: ['booked', 'waitlisted', 'offered'] } },
  orderBy: { field: 'createdAt', dir: 'asc' },
  limit: 100,
  after,
});

/**
 * Read with the caller's record: the activity and the first page of its open sign-ups (most
 * rosters are one page). Whether the caller may see them is decided on the activity, as
 * before: a refused caller's prefetched page is dropped unread.
 */
export const prefetchRoster: PrefetchOf<'activity.roster'> = (input) => {
  const { where, ...spec } = openSignups(input.activityId);
  return {
    activity: { collection: 'activities', id: input.activityId },
    signups: { collection: 'signups', where: { communityId: fromAnchor('communityId'), ...where }, ...spec },
  };
};

/**
 * The organiser's roster: attendees are the booked only — nobody waiting is ever listed as
 * attending — and the waitlist, in order, separately. Names only: no phone, no ID number.
 */
export const activityRoster: Handler<'activity.roster'> = async (ctx) => {
  const { db, a, manages } = await loadActivity(ctx, ctx.input.activityId);
  if (!manages) throw new AppError('FORBIDDEN', '只有组织者、项目负责人、队长和社区工作人员可以查看名单');
  const signups: SignupRecord[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_ROSTER_PAGES; page += 1) {
    const got = await db.query('signups', openSignups(a._id, after));
    signups.push(...got.items.filter((s) => !ctx.input.shiftId || s.shiftId === ctx.input.shiftId));
    if (!got.next) break;
    after = got.next;
  }
  // Names ride on the sign-ups since they were made; older ones read the volunteer. The
  // pools only give waitlist places, so they are read only when someone waits.
  const unnamed = signups.filter((s) => s.name === undefined);
  const [pools, volunteers] = await Promise.all([
    signups.some((s) => s.status === 'waitlisted') ? poolsOf(db, [a]) : new Map<string, ActivitySeatRecord>(),
    db.getMany('volunteers', unnamed.map((s) => volunteerIdFor(s.memberId))),
  ]);
  const names = new Map(volunteers.map((v) => [v.memberId, v.name]));
  for (const s of signups) if (s.name !== undefined) names.set(s.memberId, s.name);
  const entry = (s: SignupRecord): RosterEntry => {
    const e: RosterEntry = { signupId: s._id, name: names.get(s.memberId) ?? '志愿者', roleName: a.roles.find((r) => r.roleId === s.roleId)?.name ?? '', shiftId: s.shiftId, status: s.status, statusLabel: SIGNUP_STATUS_LABELS[s.status] };
    const position = s.status === 'waitlisted' ? waitlistPosition(pools.get(poolIdFor(a._id, s.shiftId, s.roleId)) ?? null, s._id) : undefined;
    if (position) e.position = position;
    return e;
  };
  const waiting = signups.filter((s) => s.status !== 'booked').map(entry);
  // Offers first (they hold a seat pending confirmation), then the queue in its order.
  waiting.sort((x, y) => (x.position ?? 0) - (y.position ?? 0) || x.shiftId.localeCompare(y.shiftId));
  return { activityId: a._id, title: a.title, attendees: signups.filter((s) => s.status === 'booked').map(entry), waitlist: waiting };
};
