import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import type { QuerySpec } from '../../ports/store';
import { attendanceEntryId, recordedEvent } from '../hours/ledger';
import { hourDayId } from '../hours/records';
import { settleLastEvent } from '../../kernel/versioned';
import { serviceDate } from './attendance';
import { claimDevice } from './check-in';
import { checkCode } from './check-in-code';
import { attendanceView, inCommunity, loadShift } from './check-in-load';
import { attendanceId, deviceClaimId } from './check-in-records';
import { closeAttendanceWithEntry, entryOfClosed } from './close-attendance';

/**
 * The phones that checked this person in, latest first. A claim's id names the community,
 * which is not known before the caller's record is read, so the claim is found among the
 * person's own (made at check-in, so near the top); one not found is claimed, or refused,
 * as on a phone never used.
 */
const myClaims = (memberId: string): QuerySpec => ({ where: { memberId }, orderBy: { field: 'at', dir: 'desc' }, limit: 10 });

/**
 * Read with the caller's record: the activity, the caller's attendance and phone claims, and
 * their hour day for today (the day a shift checked out from is nearly always the day it
 * started on; on another, the day is read as always).
 */
export const prefetchCheckOut: PrefetchOf<'activity.checkOut'> = (input, me, now) => ({
  activity: { collection: 'activities', id: input.activityId },
  attendance: { collection: 'attendance', id: attendanceId(input.activityId, input.shiftId, me) },
  claims: inCommunity('attendanceDevices', myClaims(me)),
  day: { collection: 'hourDays', id: hourDayId(me, serviceDate(now)) },
});

/** The volunteer scans the code again on leaving; the minutes go to the ledger as pending. */
export const checkOut: Handler<'activity.checkOut'> = async (ctx) => {
  const { activityId, shiftId, deviceKey } = ctx.input;
  const me = ctx.caller.memberId;
  const scoped = ctx.db();
  // The shift, the attendance and this person's phone claims are known from the input: read at once.
  const [{ db, activity, shift }, a, claims] = await Promise.all([
    loadShift(ctx, activityId, shiftId),
    scoped.get('attendance', attendanceId(activityId, shiftId, me)),
    scoped.query('attendanceDevices', myClaims(me)),
  ]);
  if (!a) throw new AppError('NOT_FOUND', '您还没有签到，请先签到');
  checkCode(activity.codeSecret, activity._id, shift.shiftId, ctx.input.code, ctx.now);
  if (a.outAt !== null) {
    // A retry (or a second tap): the close that made this may have died before its event and
    // the entry's reached `events` (they go in one list insert after it), or before the entry
    // itself (written beside the close): make sure of all three.
    const found = await db.get('hourEntries', attendanceEntryId(a._id));
    const made = found ? null : await entryOfClosed(db, ctx.caller, activity, shift, a, ctx.caller.name || undefined);
    const entry = found ?? made?.entry;
    await Promise.all([settleLastEvent(db, a), entry ? db.insert('events', made?.event ?? recordedEvent(db, ctx.caller, entry)) : null]);
    return attendanceView(db, activity, shift, a, entry);
  }
  // A phone that checked someone else in cannot check this person out either.
  const device = claims.items.find((d) => d._id === deviceClaimId(scoped.communityId, activityId, shiftId, deviceKey));
  await claimDevice(db, activity, shift, a.memberId, deviceKey, ctx.now, device);
  const closed = await closeAttendanceWithEntry(db, ctx.caller, activity, shift, a, { method: 'code', flags: [], together: true, ...(ctx.caller.name ? { name: ctx.caller.name } : {}) }, ctx.now);
  return attendanceView(db, activity, shift, closed.record, closed.entry);
};
