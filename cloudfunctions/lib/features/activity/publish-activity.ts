import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned } from '../../kernel/versioned';
import { poolIdFor } from './ids';
import { activityView, loadActivity } from './load';
import { WAITLIST_CAP } from './rules';

/**
 * Opens sign-up. A risky activity must be insured first (《志愿服务条例》 Art. 17). The seat
 * pools are made (insert-if-absent, so a retry makes none twice) before the status moves,
 * so a published activity always has its pools.
 */
export const publishActivity: Handler<'activity.publish'> = async (ctx) => {
  const { caller, now } = ctx;
  const { db, a, manages } = await loadActivity(ctx, ctx.input.activityId);
  if (!manages) throw new AppError('FORBIDDEN', '只有社区工作人员或该服务队的队长可以发布活动');
  if (a.status === 'published') return activityView(ctx, a);
  if (a.status !== 'draft') throw new AppError('CLOSED', '活动已取消或已结束');
  if (a.risky && !a.insured) throw fieldError('VALIDATION_ERROR', 'insured', '该活动有安全风险，须先为志愿者购买意外保险才能发布（《志愿服务条例》第十七条）');
  if (a.signupDeadline <= now) throw fieldError('VALIDATION_ERROR', 'signupDeadline', '报名截止时间已过，请修改后再发布');
  for (const x of a.seats) {
    const shift = a.shifts.find((s) => s.shiftId === x.shiftId);
    if (!shift) continue;
    await db.insert('activitySeats', {
      _id: poolIdFor(a._id, x.shiftId, x.roleId), communityId: db.communityId, activityId: a._id, shiftId: x.shiftId, roleId: x.roleId,
      startAt: shift.startAt, endAt: shift.endAt, seats: x.seats, seatsLeft: x.seats, holders: {}, waitlist: [], waiting: {}, waitlistCount: 0, waitlistLeft: WAITLIST_CAP, status: 'open',
    });
  }
  const next = await commitVersioned(db, 'activities', a, { status: 'published', updatedAt: now }, (n) => eventRecord(db, caller, { key: `v${n.version}:activity.published`, subject: `activity:${a._id}`, type: 'activity.published', from: 'draft', to: 'published', public: true, at: now }), '活动刚被修改，请刷新后重试');
  return activityView(ctx, next);
};
