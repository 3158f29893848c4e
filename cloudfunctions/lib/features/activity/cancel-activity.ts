import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { releasePlace } from '../../kernel/seat-pool';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import type { Notifier } from '../../ports/platform';
import type { ActivityRecord } from '../volunteer/records';
import { activityView, loadActivity } from './load';
import { OPEN_SIGNUP } from './rules';
import { changeSignup, poolOf } from './steps';

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
  // A retry: the call that cancelled may have died before its event reached `events`.
  if (a.status === 'cancelled') await settleLastEvent(db, a);
  else {
    // The pools close as soon as the cancellation has landed, beside its event's insert.
    current = await commitVersioned(db, 'activities', a, { status: 'cancelled', cancelledReason: input.reason, updatedAt: now }, (n) => eventRecord(db, caller, { key: `v${n.version}:activity.cancelled`, subject: `activity:${a._id}`, type: 'activity.cancelled', from: a.status, to: 'cancelled', public: true, note: input.reason, at: now }), '活动刚被修改，请刷新后重试', () => closePools(db, a._id));
  }
  // A retry closes them again (the cancelling call may have died before): one write, none changed.
  await cancelSignups(db, ctx.deps.notifier, current, now, { poolsClosed: a.status !== 'cancelled' });
  return activityView(ctx, current);
};

/** One write closes every pool of the activity: nobody else gets in, nobody is promoted. */
const closePools = (db: ScopedStore, activityId: string) => db.updateMany('activitySeats', { activityId, status: 'open' }, { status: 'closed' });

/** `poolsClosed`: this call has just closed them (after the cancellation landed). */
export async function cancelSignups(db: ScopedStore, notifier: Notifier, a: ActivityRecord, now: number, opts: { poolsClosed?: boolean } = {}): Promise<number> {
  if (!opts.poolsClosed) await closePools(db, a._id);
  let told = 0;
  // Every sign-up still open, a page at a time; each one cancelled leaves the filter, so a
  // short page whose every sign-up was cancelled was the last (a sign-up saved after this
  // looked finds its pool closed and cancels itself).
  for (;;) {
    const page = await db.query('signups', { where: { activityId: a._id, status: { $in: [...OPEN_SIGNUP] } }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 100 });
    // The page's sign-ups are cancelled side by side: each is its own document and its own
    // claims, so their writes fly together and their notices go in one list insert (the
    // notifier gathers a wave). Each gives its place back first and is then cancelled with
    // nothing left for the sweep to finish (the pools are closed: nobody moves up; the agenda
    // entry of an ended sign-up holds nothing). A crash between leaves an open sign-up
    // without a place in a cancelled activity, which this query finds again on a retry, as
    // it finds the sign-ups a crash left unvisited; the release names the claim, so twice is
    // once.
    const outcomes = await Promise.all(page.items.map(async (s) => {
      try {
        await releasePlace(db, 'activitySeats', poolOf(s), s._id, s.claim);
        await changeSignup(db, 'system', s, { status: 'cancelled', offeredUntil: null, wakeAt: null }, { type: 'activity.signupCancelled', note: a.cancelledReason }, now, () =>
          notifier.notify({
            id: `signup:${s._id}:${s.claim}:cancelled`, communityId: s.communityId, recipientId: s.memberId, kind: 'activity.cancelled',
            title: `活动已取消：${a.title}`, body: `组织者取消了活动${a.cancelledReason ? `：${a.cancelledReason}` : ''}。感谢您的报名。`, page: '/pages/volunteer/signups/index',
          }),
        );
        return 'told' as const;
      } catch (err) {
        // Changed meanwhile (withdrawn, promoted): the next page reads it again.
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        return 'changed' as const;
      }
    }));
    told += outcomes.filter((o) => o === 'told').length;
    const changedMeanwhile = outcomes.includes('changed');
    if (page.items.length === 0 || (page.items.length < 100 && !changedMeanwhile)) return told;
  }
}
