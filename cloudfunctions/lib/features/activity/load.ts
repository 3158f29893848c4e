import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { ActivityRecord, ActivitySeatRecord, SignupRecord } from '../volunteer/records';
import { volunteerIdFor } from '../volunteer/rules';
import { poolIdFor, signupIdFor } from './ids';
import { toActivityView } from './presenters';
import { runsActivity } from './rules';

/** An activity the caller may see: published ones to the community, drafts to those who run it. */
export async function loadActivity(ctx: HandlerContext<unknown>, activityId: string) {
  const db = ctx.db();
  const a = await db.get('activities', activityId);
  const team = a ? await db.get('teams', a.teamId) : null;
  if (!a || (a.status === 'draft' && !runsActivity(ctx.caller, a, team))) throw new AppError('NOT_FOUND', '活动不存在', { issues: [{ path: 'activityId', message: '活动不存在' }] });
  return { db, a, team, manages: runsActivity(ctx.caller, a, team) };
}

export async function poolsOf(db: ScopedStore, activities: ActivityRecord[]): Promise<Map<string, ActivitySeatRecord>> {
  const ids = activities.filter((a) => a.status !== 'draft').flatMap((a) => a.seats.map((x) => poolIdFor(a._id, x.shiftId, x.roleId)));
  return new Map((await db.getMany('activitySeats', ids)).map((p) => [p._id, p]));
}

/** The caller's sign-ups on these activities (one possible per shift). */
export async function minesOf(db: ScopedStore, memberId: string, activities: ActivityRecord[]): Promise<SignupRecord[]> {
  const ids = activities.flatMap((a) => a.shifts.map((s) => signupIdFor(a._id, s.shiftId, memberId)));
  return db.getMany('signups', ids);
}

export async function activityView(ctx: HandlerContext<unknown>, a: ActivityRecord) {
  const db = ctx.db();
  // A draft has no pools and no sign-ups yet, and only a published activity takes sign-ups
  // (whether the caller may sign up is all the volunteer record is read for).
  const [team, pools, mine, v] = await Promise.all([
    db.get('teams', a.teamId),
    poolsOf(db, [a]),
    a.status === 'draft' ? [] : minesOf(db, ctx.caller.memberId as string, [a]),
    a.status === 'published' ? db.get('volunteers', volunteerIdFor(ctx.caller.memberId as string)) : null,
  ]);
  const view = toActivityView(ctx.caller, a, team, pools, mine, ctx.now, v?.status === 'active');
  // The editor names the 项目负责人 in its picker; only those who run the activity get `edit`.
  // The name rides on the activity since it was saved; older activities read it.
  if (view.edit) {
    view.leadName = a.leadName ?? (await db.get('members', a.leadId))?.name ?? (await db.get('volunteers', volunteerIdFor(a.leadId)))?.name ?? '';
  }
  return view;
}
