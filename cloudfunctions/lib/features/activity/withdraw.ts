import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { volunteerIdFor } from '../volunteer/rules';
import { toSignupView } from './presenters';
import { OPEN_SIGNUP } from './rules';
import { changeSignup, freeSignup } from './steps';

/**
 * The volunteer withdraws (from a seat, the waitlist or an offer) with a reason, before the
 * shift starts. The seat goes to the first waiting; the organiser and the 项目负责人 are told.
 */
export const withdrawSignup: Handler<'activity.withdraw'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const s = await db.get('signups', input.signupId);
  if (!s || s.memberId !== caller.memberId) throw new AppError('NOT_FOUND', '报名不存在');
  const a = await db.get('activities', s.activityId);
  if (s.status === 'withdrawn' && s.wakeAt !== null) {
    // A retry after a crash mid-withdrawal: finish giving back the place and the time.
    await freeSignup(db, ctx.deps.notifier, s, now);
    return toSignupView(caller, s, a, null, now);
  }
  if (!OPEN_SIGNUP.includes(s.status)) throw new AppError('CLOSED', '该报名已结束');
  if (now >= s.startAt) throw new AppError('CLOSED', '班次已开始，不能退出；如有急事请联系组织者');
  // wakeAt now: if this call dies before everything is given back, the sweep finishes it.
  const next = await changeSignup(db, caller, s, { status: 'withdrawn', withdrawReason: input.reason, offeredUntil: null, wakeAt: now }, { type: 'activity.withdrawn', note: input.reason }, now);
  await freeSignup(db, ctx.deps.notifier, next, now);
  if (a) {
    const v = await db.get('volunteers', volunteerIdFor(s.memberId));
    const roleName = a.roles.find((r) => r.roleId === s.roleId)?.name ?? '';
    for (const recipientId of new Set([a.organiserId, a.leadId])) {
      if (recipientId === caller.memberId) continue;
      await ctx.deps.notifier.notify({
        id: `signup:${s._id}:v${next.version}:withdrawn:${recipientId}`, communityId: s.communityId, recipientId, kind: 'activity.withdrawn',
        title: `有人退出：${a.title}`, body: `${v?.name ?? '一位志愿者'}退出了「${roleName}」${s.status === 'booked' ? '' : '（候补）'}：${input.reason}`,
        page: `/staff/activity-roster/index?activityId=${a._id}`,
      });
    }
  }
  return toSignupView(caller, next, a, null, now);
};
