/**
 * Ending an attendance: the ledger entry first (deterministic id, insert-if-absent), then the
 * record closed by compare-and-set carrying its event, then that event and the entry's in
 * one list insert (a re-close inserts both again: duplicates write nothing). A crash between the two leaves an open
 * record whose entry already exists; the next close — the volunteer again, or the sweep —
 * finishes it without a second entry. The minutes are settled before either, once, on the
 * person's day (hours/day-cap.ts).
 */
import { AUTO_CLOSE_AFTER_MINUTES, type CheckMethod, type EntryFlag } from '../../../../miniprogram/core/volunteer/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import { creditDay } from '../hours/day-cap';
import { attendanceEntryId, insertEntry } from '../hours/ledger';
import type { ActivityRecord, ActivityShift, AttendanceRecord, HourEntryRecord } from '../volunteer/records';
import { creditMinutes, serviceDate } from './attendance';

/** When the sweep closes a forgotten check-out. */
export const autoCloseAt = (shift: ActivityShift) => shift.endAt + AUTO_CLOSE_AFTER_MINUTES * 60_000;

/** Closes an attendance and answers the ledger entry it wrote (or found), so a view needs no read. */
export async function closeAttendanceWithEntry(
  db: ScopedStore,
  actor: Caller | 'system',
  activity: ActivityRecord,
  shift: ActivityShift,
  a: AttendanceRecord,
  close: { method: CheckMethod; flags: EntryFlag[]; name?: string },
  now: number,
): Promise<{ record: AttendanceRecord; entry: HourEntryRecord }> {
  const forgot = close.method === 'autoClose';
  const entryId = attendanceEntryId(a._id);
  const date = serviceDate(shift.startAt);
  // Decided against the person's whole day by compare-and-set (hours/day-cap.ts), so racing
  // check-outs never pass the cap together; a retry gets back the minutes first decided.
  const credit = await creditDay(db, a.memberId, date, entryId, (creditedTodayMinutes) => {
    const c = creditMinutes({
      shift,
      inAt: a.inAt,
      outAt: forgot ? null : now,
      graceMinutes: activity.graceMinutes,
      rounding: activity.rounding,
      dailyCapMinutes: activity.dailyCapMinutes,
      creditedTodayMinutes,
    });
    return { minutes: c.minutes, capped: c.flags.includes('dailyCap') };
  });
  const creditFlags: EntryFlag[] = [...(forgot ? (['forgotCheckOut'] as const) : []), ...(credit.capped ? (['dailyCap'] as const) : [])];
  const flags = [...new Set([...a.flags, ...close.flags, ...creditFlags])];
  const { entry, event: recorded } = await insertEntry(db, actor, {
    _id: entryId,
    communityId: db.communityId,
    memberId: a.memberId,
    // The volunteer's name as the caller knows it (their own check-out); the sweep knows none.
    ...(close.name !== undefined ? { name: close.name } : {}),
    activityId: activity._id,
    teamId: activity.teamId,
    shiftId: shift.shiftId,
    kind: 'attendance',
    minutes: credit.minutes,
    content: activity.title,
    serviceDate: date,
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
  // The close is a versioned change (kernel/versioned.ts) written here by hand so that its
  // event and the entry's `hours.recorded` go to `events` in one list insert once the close
  // has landed (both new but after a crash, so the list insert is one round-trip).
  if (a.communityId !== db.communityId) throw new AppError('CONFLICT', '签退冲突，请刷新后再试');
  const record: AttendanceRecord = { ...withoutLastEvent(a), outAt: now, outMethod: close.method, flags, wakeAt: null, version: a.version + 1 };
  const closedEvent = eventRecord(db, actor, { key: `v${record.version}`, subject: `attendance:${a._id}`, type: forgot ? 'activity.autoClosed' : 'activity.checkedOut', to: close.method, public: false, at: now });
  const [moved] = await Promise.all([
    db.update('attendance', a._id, { outAt: now, outMethod: close.method, flags, wakeAt: null, lastEvent: closedEvent, version: record.version }, { version: a.version }),
    // Repair, as commitVersioned does: the change that made `a` may have died before its event reached `events`.
    settleLastEvent(db, a),
  ]);
  if (moved) {
    await db.insertMany('events', [closedEvent, recorded]);
    return { record, entry };
  }
  // Closed meanwhile by a racing call (a double tap, the sweep): that close stands, and its
  // events are its own; the entry's is made sure of here (a duplicate writes nothing).
  const [current] = await Promise.all([db.get('attendance', a._id), db.insert('events', recorded)]);
  if (current && current.outAt !== null) return { record: current, entry };
  throw new AppError('CONFLICT', '签退冲突，请刷新后再试');
}
