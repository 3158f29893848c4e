/**
 * The rotating check-in code: derived, never stored — HMAC of the activity's secret over
 * (activity, shift, period). A code is accepted in its own period and the next only, so what
 * a screenshot shows stops working within two periods (≤ 60 s); a code of another shift or
 * activity never matches. The arithmetic is kernel/rotating-code.ts, shared with meetings.
 */
import { checkInQrText } from '../../../../miniprogram/core/volunteer/check-in-contract';
import { CHECK_IN_CODE_PERIOD_SECONDS } from '../../../../miniprogram/core/volunteer/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { checkCode as checkRotating, codeFor as rotatingCode, PERIOD, periodOf } from '../../kernel/rotating-code';
import { activityAttendance, activityPools, inCommunity, loadShift, prefetchShift, requireRunner, roster } from './check-in-load';

const PERIOD_MS = PERIOD;

export { periodOf };

export function codeFor(secret: string, activityId: string, shiftId: string, period: number): string {
  return rotatingCode(secret, `${activityId}:${shiftId}`, period);
}

/** Refuses a code that is not this shift's current or previous one, saying which it is. */
export function checkCode(secret: string, activityId: string, shiftId: string, code: string, now: number): void {
  const state = checkRotating(secret, `${activityId}:${shiftId}`, code, now);
  if (state === 'expired') throw fieldError('VALIDATION_ERROR', 'code', '签到码已过期，请扫描负责人手机上正在显示的二维码');
  if (state === 'wrong') throw fieldError('VALIDATION_ERROR', 'code', '签到码不对，请确认扫的是本次活动、本班次的二维码');
}

/**
 * Read with the caller's record: the activity, its seat pools and its first page of
 * attendance, all named by the activity's id. The screen refreshes often, so what is left is
 * one read: the sign-ups holding the shift's seats (and the members of older ones).
 */
export const prefetchCheckInCode: PrefetchOf<'activity.checkInCode'> = (input) => ({
  ...prefetchShift(input),
  pools: inCommunity('activitySeats', activityPools(input.activityId)),
  attendance: inCommunity('attendance', activityAttendance(input.activityId)),
});

export const checkInCode: Handler<'activity.checkInCode'> = async (ctx) => {
  const scoped = ctx.db();
  const [{ db, activity, shift, team }, pools, attendance] = await Promise.all([
    loadShift(ctx, ctx.input.activityId, ctx.input.shiftId),
    scoped.query('activitySeats', activityPools(ctx.input.activityId)),
    scoped.query('attendance', activityAttendance(ctx.input.activityId)),
  ]);
  requireRunner(ctx.caller, activity, team);
  const p = periodOf(ctx.now);
  const code = codeFor(activity.codeSecret, activity._id, shift.shiftId, p);
  const people = await roster(db, activity, shift, { pools, attendance });
  return {
    activityTitle: activity.title,
    place: activity.place,
    shiftStartAt: shift.startAt,
    shiftEndAt: shift.endAt,
    code,
    qrText: checkInQrText(activity._id, shift.shiftId, code),
    changesAt: (p + 1) * PERIOD_MS,
    periodSeconds: CHECK_IN_CODE_PERIOD_SECONDS,
    people,
    counts: {
      booked: people.length,
      checkedIn: people.filter((x) => x.state !== 'absent').length,
      checkedOut: people.filter((x) => x.state === 'out').length,
    },
  };
};
