import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { claimDevice } from './check-in';
import { checkCode } from './check-in-code';
import { attendanceView, loadShift } from './check-in-load';
import { attendanceId } from './check-in-records';
import { closeAttendance } from './close-attendance';

/** The volunteer scans the code again on leaving; the minutes go to the ledger as pending. */
export const checkOut: Handler<'activity.checkOut'> = async (ctx) => {
  const { db, activity, shift } = await loadShift(ctx, ctx.input.activityId, ctx.input.shiftId);
  const a = await db.get('attendance', attendanceId(activity._id, shift.shiftId, ctx.caller.memberId));
  if (!a) throw new AppError('NOT_FOUND', '您还没有签到，请先签到');
  checkCode(activity.codeSecret, activity._id, shift.shiftId, ctx.input.code, ctx.now);
  if (a.outAt !== null) return attendanceView(db, activity, shift, a);
  // A phone that checked someone else in cannot check this person out either.
  await claimDevice(db, activity, shift, a.memberId, ctx.input.deviceKey, ctx.now);
  const closed = await closeAttendance(db, ctx.caller, activity, shift, a, { method: 'code', flags: [] }, ctx.now);
  return attendanceView(db, activity, shift, closed);
};
