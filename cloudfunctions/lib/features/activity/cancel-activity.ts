import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned } from '../../kernel/versioned';
import type { Notifier } from '../../ports/platform';
import type { ActivityRecord } from '../volunteer/records';
import { poolIdFor } from './ids';
import { activityView, loadActivity } from './load';
import { OPEN_SIGNUP } from './rules';
import { changeSignup, freeSignup } from './steps';

/**
 * Cancels the activity: its pools close (no one else gets in), then every open sign-up —
 * booked, waiting or offered — is cancelled and its person told, with the reason. A retry
 * (or a second organiser at once) finishes whatever is left; nobody is told twice.
 */
export const cancelActivity: Handler<'activity.cancel'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const { db, a, manages } = await loadActivity(ctx, input.activityId);
  if (!manages) throw new AppError('FORBIDDEN', '只有社区工作人员或该服务队的队长可以取消活动');
  if (a.status === 'finished') throw new AppError('CLOSED', '活动已结束');
  let current = a;
  if (a.status !== 'cancelled') {
    current = await commitVersioned(db, 'activities', a, { status: 'cancelled', cancelledReason: input.reason, updatedAt: now }, (n) => eventRecord(db, caller, { key: `v${n.version}:activity.cancelled`, subject: `activity:${a._id}`, type: 'activity.cancelled', from: a.status, to: 'cancelled', public: true, note: input.reason, at: now }), '活动刚被修改，请刷新后重试');
  }
  await cancelSignups(db, ctx.deps.notifier, current, now);
  return activityView(ctx, current);
};

export async function cancelSignups(db: ScopedStore, notifier: Notifier, a: ActivityRecord, now: number): Promise<number> {
  for (const x of a.seats) await db.update('activitySeats', poolIdFor(a._id, x.shiftId, x.roleId), { status: 'closed' }, { status: 'open' });
  let told = 0;
  await db.drain('signups', { activityId: a._id, status: { $in: [...OPEN_SIGNUP] } }, 'createdAt', async (s) => {
    try {
      const next = await changeSignup(db, 'system', s, { status: 'cancelled', offeredUntil: null, wakeAt: now }, { type: 'activity.signupCancelled', note: a.cancelledReason }, now);
      await freeSignup(db, notifier, next, now);
      await notifier.notify({
        id: `signup:${s._id}:${s.claim}:cancelled`, communityId: s.communityId, recipientId: s.memberId, kind: 'activity.cancelled',
        title: `活动已取消：${a.title}`, body: `组织者取消了活动${a.cancelledReason ? `：${a.cancelledReason}` : ''}。感谢您的报名。`, page: '/pages/volunteer/signups/index',
      });
      told += 1;
    } catch (err) {
      // Changed meanwhile (withdrawn, promoted): the drain reads it again.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  });
  return told;
}
