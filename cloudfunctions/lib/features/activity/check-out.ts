import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { claimDevice } from './check-in';
import { checkCode } from './check-in-code';
import { attendanceView, loadShift } from './check-in-load';
import { attendanceId, deviceClaimId } from './check-in-records';
import { closeAttendanceWithEntry } from './close-attendance';

/** The volunteer scans the code again on leaving; the minutes go to the ledger as pending. */
export const checkOut: Handler<'activity.checkOut'> = async (ctx) => {
  const { activityId, shiftId, deviceKey } = ctx.input;
  const scoped = ctx.db();
  // The shift, the attendance and this phone's claim (made at check-in) are known by id: read at once.
  const [{ db, activity, shift }, a, device] = await Promise.all([
    loadShift(ctx, activityId, shiftId),
    scoped.get('attendance', attendanceId(activityId, shiftId, ctx.caller.memberId)),
    scoped.get('attendanceDevices', deviceClaimId(scoped.communityId, activityId, shiftId, deviceKey)),
  ]);
  if (!a) throw new AppError('NOT_FOUND', '您还没有签到，请先签到');
  checkCode(activity.codeSecret, activity._id, shift.shiftId, ctx.input.code, ctx.now);
  if (a.outAt !== null) return attendanceView(db, activity, shift, a);
  // A phone that checked someone else in cannot check this person out either.
  await claimDevice(db, activity, shift, a.memberId, deviceKey, ctx.now, device);
  const closed = await closeAttendanceWithEntry(db, ctx.caller, activity, shift, a, { method: 'code', flags: [], ...(ctx.caller.name ? { name: ctx.caller.name } : {}) }, ctx.now);
  return attendanceView(db, activity, shift, closed.record, closed.entry);
};
