/**
 * Ending an attendance: the ledger entry first (deterministic id, insert-if-absent), then the
 * record closed by compare-and-set with its event. A crash between the two leaves an open
 * record whose entry already exists; the next close — the volunteer again, or the sweep —
 * finishes it without a second entry.
 */
import { AUTO_CLOSE_AFTER_MINUTES, type CheckMethod, type EntryFlag } from '../../../../miniprogram/core/volunteer/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned } from '../../kernel/versioned';
import { appendEntry, attendanceEntryId } from '../hours/ledger';
import type { ActivityRecord, ActivityShift, AttendanceRecord } from '../volunteer/records';
import { creditMinutes, serviceDate } from './attendance';
import { attendanceId } from './check-in-records';

/** When the sweep closes a forgotten check-out. */
export const autoCloseAt = (shift: ActivityShift) => shift.endAt + AUTO_CLOSE_AFTER_MINUTES * 60_000;

/** Minutes already credited (not declined) to this person on the same day in this activity's other shifts. */
async function creditedToday(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, memberId: string): Promise<number> {
  const day = serviceDate(shift.startAt);
  const others = activity.shifts.filter((s) => s.shiftId !== shift.shiftId && serviceDate(s.startAt) === day);
  const entries = await db.getMany('hourEntries', others.map((s) => attendanceEntryId(attendanceId(activity._id, s.shiftId, memberId))));
  return entries.filter((e) => e.status !== 'declined').reduce((n, e) => n + e.minutes, 0);
}

export async function closeAttendance(
  db: ScopedStore,
  actor: Caller | 'system',
  activity: ActivityRecord,
  shift: ActivityShift,
  a: AttendanceRecord,
  close: { method: CheckMethod; flags: EntryFlag[] },
  now: number,
): Promise<AttendanceRecord> {
  const forgot = close.method === 'autoClose';
  const credit = creditMinutes({
    shift,
    inAt: a.inAt,
    outAt: forgot ? null : now,
    graceMinutes: activity.graceMinutes,
    rounding: activity.rounding,
    dailyCapMinutes: activity.dailyCapMinutes,
    creditedTodayMinutes: await creditedToday(db, activity, shift, a.memberId),
  });
  const flags = [...new Set([...a.flags, ...close.flags, ...credit.flags])];
  await appendEntry(db, actor, {
    _id: attendanceEntryId(a._id),
    communityId: db.communityId,
    memberId: a.memberId,
    activityId: activity._id,
    teamId: activity.teamId,
    shiftId: shift.shiftId,
    kind: 'attendance',
    minutes: credit.minutes,
    content: activity.title,
    serviceDate: serviceDate(shift.startAt),
    status: 'pending',
    flags,
    corrects: null,
    reason: a.reason,
    decidedBy: null,
    secondBy: null,
    decidedAt: null,
    createdBy: actor === 'system' ? 'system' : actor.memberId ?? 'system',
    createdAt: now,
    leadId: activity.leadId,
    version: 0,
  });
  try {
    return await commitVersioned(
      db,
      'attendance',
      a,
      { outAt: now, outMethod: close.method, flags, wakeAt: null },
      (next) => eventRecord(db, actor, { key: `v${next.version}`, subject: `attendance:${a._id}`, type: forgot ? 'activity.autoClosed' : 'activity.checkedOut', to: close.method, public: false, at: now }),
      '签退冲突，请刷新后再试',
    );
  } catch (err) {
    // Closed meanwhile by a racing call (a double tap, the sweep): that close stands.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    const current = await db.get('attendance', a._id);
    if (current && current.outAt !== null) return current;
    throw err;
  }
}
