import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import { toSignupView } from './presenters';
import { changeSignup } from './steps';

/** Read with the caller's record: the sign-up, by its id. Its activity is named by it: read beside the change. */
export const prefetchConfirm: PrefetchOf<'activity.confirm'> = (input) => ({ signup: { collection: 'signups', id: input.signupId } });

/** The promoted volunteer takes the offered seat, within the confirm window. */
export const confirmSignup: Handler<'activity.confirm'> = async (ctx) => {
  const { caller, now } = ctx;
  const db = ctx.db();
  const s = await db.get('signups', ctx.input.signupId);
  if (!s || s.memberId !== caller.memberId) throw new AppError('NOT_FOUND', '报名不存在');
  if (s.status === 'booked') {
    // A retry: the confirmation may have died before its event reached `events`.
    const [a] = await Promise.all([db.get('activities', s.activityId), settleLastEvent(db, s)]);
    return toSignupView(caller, withoutLastEvent(s), a, null, now);
  }
  if (s.status !== 'offered') throw new AppError('CONFLICT', '该报名当前不需要确认');
  if (s.offeredUntil === null || now >= s.offeredUntil) throw new AppError('CLOSED', '确认已超时，名额已转给下一位');
  // The activity only names the reply: read while the change is made.
  const [next, a] = await Promise.all([
    changeSignup(db, caller, s, { status: 'booked', offeredUntil: null, wakeAt: null }, { type: 'activity.confirmed' }, now),
    db.get('activities', s.activityId),
  ]);
  return toSignupView(caller, next, a, null, now);
};
