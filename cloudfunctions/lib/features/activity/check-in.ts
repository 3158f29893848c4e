import { AppError } from '../../../../miniprogram/core/errors';
import { appendEvent } from '../../kernel/audit';
import type { Handler, PrefetchOf } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import { recordAnomaly } from '../hours/ledger';
import type { ActivityRecord, ActivityShift, AttendanceRecord } from '../volunteer/records';
import { insideWindow } from './attendance';
import { checkCode } from './check-in-code';
import { assertBooked, attendanceView, loadShift, prefetchShift } from './check-in-load';
import { attendanceId, deviceClaimId, deviceHash, signupId, type AttendanceDeviceRecord } from './check-in-records';
import { autoCloseAt } from './close-attendance';

/**
 * Claims the phone for this person and shift (insert-if-absent): a phone that already checked
 * in someone else is refused, and the attempt goes on the anomaly list.
 */
export async function claimDevice(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, memberId: string, deviceKey: string, now: number, read?: AttendanceDeviceRecord | null): Promise<void> {
  const _id = deviceClaimId(db.communityId, activity._id, shift.shiftId, deviceKey);
  // `read`: the claim as the caller already read it (check-out, where it is usually there).
  let held = read;
  if (!held) {
    if (await db.insert('attendanceDevices', { _id, communityId: db.communityId, activityId: activity._id, shiftId: shift.shiftId, memberId, at: now })) return;
    held = await db.get('attendanceDevices', _id);
  }
  if (!held || held.memberId === memberId) return;
  await recordAnomaly(db, { activityId: activity._id, shiftId: shift.shiftId, kind: 'sharedDevice', memberId, otherMemberId: held.memberId, entryId: null }, now);
  throw new AppError('CONFLICT', '这部手机已为其他志愿者签到过，请用自己的手机签到');
}

/** Refuses a second check-in after a check-out, and lists the attempt. */
export async function refuseAfterCheckOut(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, a: AttendanceRecord, now: number): Promise<never> {
  await recordAnomaly(db, { activityId: activity._id, shiftId: shift.shiftId, kind: 'checkInAfterCheckOut', memberId: a.memberId, otherMemberId: null, entryId: null }, now);
  throw new AppError('CONFLICT', '本班次已签退，不能再次签到');
}

/** Read with the caller's record: the activity, the caller's sign-up and attendance of the shift. */
export const prefetchCheckIn: PrefetchOf<'activity.checkIn'> = (input, me) => prefetchShift(input, me);

/** The volunteer scans the organiser's code; outside the window the check-in stands, flagged. */
export const checkIn: Handler<'activity.checkIn'> = async (ctx) => {
  const me = ctx.caller.memberId;
  const { activityId, shiftId } = ctx.input;
  const id = attendanceId(activityId, shiftId, me);
  // The shift, the caller's sign-up and attendance are all known by id: read at once.
  const [{ db, activity, shift }, signup, existing] = await Promise.all([loadShift(ctx, activityId, shiftId), ctx.db().get('signups', signupId(activityId, shiftId, me)), ctx.db().get('attendance', id)]);
  assertBooked(signup);
  checkCode(activity.codeSecret, activity._id, shift.shiftId, ctx.input.code, ctx.now);
  if (existing && existing.outAt !== null) await refuseAfterCheckOut(db, activity, shift, existing, ctx.now);
  if (existing) return attendanceView(db, activity, shift, existing);
  await claimDevice(db, activity, shift, me, ctx.input.deviceKey, ctx.now);
  const record: AttendanceRecord = {
    _id: id,
    communityId: db.communityId,
    activityId: activity._id,
    shiftId: shift.shiftId,
    memberId: me,
    inAt: ctx.now,
    inMethod: 'code',
    outAt: null,
    outMethod: null,
    deviceKey: deviceHash(ctx.input.deviceKey),
    recordedBy: null,
    reason: null,
    flags: insideWindow(shift, activity.graceMinutes, ctx.now) ? [] : ['outsideWindow'],
    wakeAt: autoCloseAt(shift),
    version: 0,
  };
  if (!(await db.insert('attendance', record))) {
    // A racing tap of the same person: its check-in is the one.
    return attendanceView(db, activity, shift, (await db.get('attendance', id)) ?? record);
  }
  await appendEvent(db, ctx.caller, { key: 'in', subject: `attendance:${id}`, type: 'activity.checkedIn', to: 'code', public: false, at: ctx.now });
  return attendanceView(db, activity, shift, record);
};
