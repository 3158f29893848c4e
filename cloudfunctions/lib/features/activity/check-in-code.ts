/**
 * The rotating check-in code: derived, never stored — HMAC of the activity's secret over
 * (activity, shift, period). A code is accepted in its own period and the next only, so what
 * a screenshot shows stops working within two periods (≤ 60 s); a code of another shift or
 * activity never matches.
 */
import { createHmac } from 'node:crypto';
import { checkInQrText } from '../../../../miniprogram/core/volunteer/check-in-contract';
import { CHECK_IN_CODE_PERIOD_SECONDS } from '../../../../miniprogram/core/volunteer/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { loadShift, requireRunner, roster } from './check-in-load';

const PERIOD_MS = CHECK_IN_CODE_PERIOD_SECONDS * 1000;

export const periodOf = (now: number) => Math.floor(now / PERIOD_MS);

export function codeFor(secret: string, activityId: string, shiftId: string, period: number): string {
  const mac = createHmac('sha256', secret).update(`${activityId}:${shiftId}:${period}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Refuses a code that is not this shift's current or previous one, saying which it is. */
export function checkCode(secret: string, activityId: string, shiftId: string, code: string, now: number): void {
  const p = periodOf(now);
  if (code === codeFor(secret, activityId, shiftId, p) || code === codeFor(secret, activityId, shiftId, p - 1)) return;
  for (let back = 2; back <= 120; back += 1) {
    if (code === codeFor(secret, activityId, shiftId, p - back)) throw fieldError('VALIDATION_ERROR', 'code', '签到码已过期，请扫描负责人手机上正在显示的二维码');
  }
  throw fieldError('VALIDATION_ERROR', 'code', '签到码不对，请确认扫的是本次活动、本班次的二维码');
}

export const checkInCode: Handler<'activity.checkInCode'> = async (ctx) => {
  const { db, activity, shift, team } = await loadShift(ctx, ctx.input.activityId, ctx.input.shiftId);
  requireRunner(ctx.caller, activity, team);
  const p = periodOf(ctx.now);
  const code = codeFor(activity.codeSecret, activity._id, shift.shiftId, p);
  const people = await roster(db, activity, shift);
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
