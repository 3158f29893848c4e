import { AppError } from '../../../../miniprogram/core/errors';
import { appendEvent } from '../../kernel/audit';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import type { AttendanceRecord } from '../volunteer/records';
import { insideWindow } from './attendance';
import { refuseAfterCheckOut } from './check-in';
import { assertBooked, loadShift, personView, prefetchShift, requireRunner } from './check-in-load';
import { attendanceId, signupId } from './check-in-records';
import { autoCloseAt, closeAttendanceWithEntry } from './close-attendance';

/**
 * Read with the caller's record: the activity, and the person's sign-up, attendance and
 * member record (their name, for sign-ups made before names rode on them).
 */
export const prefetchCheckInByHand: PrefetchOf<'activity.checkInByHand'> = (input) => ({
  ...prefetchShift(input, input.memberId),
  member: { collection: 'members', id: input.memberId },
});

/** 团体录入: the organiser checks a booked volunteer in or out, with a reason; flagged `manual`. */
export const checkInByHand: Handler<'activity.checkInByHand'> = async (ctx) => {
  const { memberId, step, reason, activityId, shiftId } = ctx.input;
  const id = attendanceId(activityId, shiftId, memberId);
  // The shift, the person's sign-up and attendance are known by id: read at once.
  const [{ db, activity, shift, team }, signup, existing] = await Promise.all([loadShift(ctx, activityId, shiftId), ctx.db().get('signups', signupId(activityId, shiftId, memberId)), ctx.db().get('attendance', id)]);
  requireRunner(ctx.caller, activity, team);
  const booked = assertBooked(signup, 'memberId');
  await checkWritten(ctx, { reason });
  // The name rides on the sign-up since it was made; older sign-ups read the member.
  const name = booked.name ?? (await db.get('members', memberId))?.name ?? '志愿者';
  if (step === 'in') {
    if (existing && existing.outAt !== null) await refuseAfterCheckOut(db, activity, shift, existing, ctx.now);
    if (existing) return personView(memberId, name, existing);
    const record: AttendanceRecord = {
      _id: id,
      communityId: db.communityId,
      activityId: activity._id,
      shiftId: shift.shiftId,
      memberId,
      inAt: ctx.now,
      inMethod: 'manual',
      outAt: null,
      outMethod: null,
      deviceKey: null,
      recordedBy: ctx.caller.memberId,
      reason,
      flags: insideWindow(shift, activity.graceMinutes, ctx.now) ? ['manual'] : ['manual', 'outsideWindow'],
      wakeAt: autoCloseAt(shift),
      version: 0,
    };
    if (await db.insert('attendance', record)) {
      await appendEvent(db, ctx.caller, { key: 'in', subject: `attendance:${id}`, type: 'activity.checkedInByHand', to: 'manual', public: false, note: reason, at: ctx.now });
      return personView(memberId, name, record);
    }
    return personView(memberId, name, (await db.get('attendance', id)) ?? record);
  }
  if (!existing) throw new AppError('CONFLICT', `${name}还没有签到，请先签到`);
  if (existing.outAt !== null) return personView(memberId, name, existing);
  const closed = (await closeAttendanceWithEntry(db, ctx.caller, activity, shift, { ...existing, reason: existing.reason ?? reason }, { method: 'manual', flags: ['manual'] }, ctx.now)).record;
  return personView(memberId, name, closed);
};
