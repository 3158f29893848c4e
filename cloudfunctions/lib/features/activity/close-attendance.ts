/**
 * Ending an attendance: the ledger entry first (deterministic id, insert-if-absent), then the
 * record closed by compare-and-set carrying its event, then that event and the entry's in
 * one list insert (a re-close inserts both again: duplicates write nothing). A crash between the two leaves an open
 * record whose entry already exists; the next close — the volunteer again, or the sweep —
 * finishes it without a second entry. The volunteer's own check-out writes the entry and the
 * close side by side instead, and its retry writes an entry a crash left out. The minutes are
 * settled before either, once, on the person's day (hours/day-cap.ts).
 */
import { AUTO_CLOSE_AFTER_MINUTES, type CheckMethod, type EntryFlag } from '../../../../miniprogram/core/volunteer/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import { creditDay } from '../hours/day-cap';
import { attendanceEntryId, insertEntry } from '../hours/ledger';
import type { ActivityRecord, ActivityShift, AttendanceRecord, HourEntryRecord } from '../volunteer/records';
import { creditMinutes, serviceDate } from './attendance';

/** When the sweep closes a forgotten check-out. */
export const autoCloseAt = (shift: ActivityShift) => shift.endAt + AUTO_CLOSE_AFTER_MINUTES * 60_000;

/**
 * The minutes this close earns, decided once on the person's day: against the whole day by
 * compare-and-set (hours/day-cap.ts), so racing check-outs never pass the cap together; a
 * retry gets back the minutes first decided.
 */
function creditClose(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, a: AttendanceRecord, outAt: number | null) {
  return creditDay(db, a.memberId, serviceDate(shift.startAt), attendanceEntryId(a._id), (creditedTodayMinutes) => {
    const c = creditMinutes({
      shift,
      inAt: a.inAt,
      outAt,
      graceMinutes: activity.graceMinutes,
      rounding: activity.rounding,
      dailyCapMinutes: activity.dailyCapMinutes,
      creditedTodayMinutes,
    });
    return { minutes: c.minutes, capped: c.flags.includes('dailyCap') };
  });
}

/** The ledger entry of a close, inserted if absent; answers the stored one and its `hours.recorded`. */
function insertCloseEntry(db: ScopedStore, actor: Caller | 'system', activity: ActivityRecord, shift: ActivityShift, a: AttendanceRecord, minutes: number, flags: EntryFlag[], name: string | undefined, at: number) {
  return insertEntry(db, actor, {
    _id: attendanceEntryId(a._id),
    communityId: db.communityId,
    memberId: a.memberId,
    // The volunteer's name as the caller knows it (their own check-out); the sweep knows none.
    ...(name !== undefined ? { name } : {}),
    activityId: activity._id,
    teamId: activity.teamId,
    shiftId: shift.shiftId,
    kind: 'attendance',
    minutes,
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
    createdAt: at,
    leadId: activity.leadId,
    version: 0,
  });
}

/**
 * The entry of the volunteer's own close that a crash left unwritten (`together` below):
 * the same document the close would have written — its minutes are held on the day, its
 * flags and its time are the closed record's.
 */
export async function entryOfClosed(db: ScopedStore, actor: Caller, activity: ActivityRecord, shift: ActivityShift, a: AttendanceRecord, name: string | undefined): Promise<{ entry: HourEntryRecord; event: EventRecord } | null> {
  if (a.outAt === null || a.outMethod !== 'code') return null;
  const credit = await creditClose(db, activity, shift, a, a.outAt);
  return insertCloseEntry(db, actor, activity, shift, a, credit.minutes, a.flags, name, a.outAt);
}

/**
 * Closes an attendance and answers the ledger entry it wrote (or found), so a view needs no
 * read. `together`: the entry and the close go side by side (one wait fewer), for the
 * volunteer's own check-out only — a crash that lands the close without the entry is
 * repaired by their retry or second tap (`entryOfClosed`), whereas the sweep and the staff,
 * who do not come back to a closed record, keep the entry first.
 */
export async function closeAttendanceWithEntry(
  db: ScopedStore,
  actor: Caller | 'system',
  activity: ActivityRecord,
  shift: ActivityShift,
  a: AttendanceRecord,
  close: { method: CheckMethod; flags: EntryFlag[]; name?: string; together?: boolean },
  now: number,
): Promise<{ record: AttendanceRecord; entry: HourEntryRecord }> {
  const forgot = close.method === 'autoClose';
  const credit = await creditClose(db, activity, shift, a, forgot ? null : now);
  const creditFlags: EntryFlag[] = [...(forgot ? (['forgotCheckOut'] as const) : []), ...(credit.capped ? (['dailyCap'] as const) : [])];
  const flags = [...new Set([...a.flags, ...close.flags, ...creditFlags])];
  // The close is a versioned change (kernel/versioned.ts) written here by hand so that its
  // event and the entry's `hours.recorded` go to `events` in one list insert once the close
  // has landed (both new but after a crash, so the list insert is one round-trip).
  if (a.communityId !== db.communityId) throw new AppError('CONFLICT', '签退冲突，请刷新后再试');
  const record: AttendanceRecord = { ...withoutLastEvent(a), outAt: now, outMethod: close.method, flags, wakeAt: null, version: a.version + 1 };
  const closedEvent = eventRecord(db, actor, { key: `v${record.version}`, subject: `attendance:${a._id}`, type: forgot ? 'activity.autoClosed' : 'activity.checkedOut', to: close.method, public: false, at: now });
  const insert = () => insertCloseEntry(db, actor, activity, shift, a, credit.minutes, flags, close.name, now);
  const closeRecord = async () => {
    const [landed] = await Promise.all([
      db.update('attendance', a._id, { outAt: now, outMethod: close.method, flags, wakeAt: null, lastEvent: closedEvent, version: record.version }, { version: a.version }),
      // Repair, as commitVersioned does: the change that made `a` may have died before its event reached `events`.
      settleLastEvent(db, a),
    ]);
    return landed;
  };
  let written: { entry: HourEntryRecord; event: EventRecord };
  let moved: boolean;
  if (close.together) [written, moved] = await Promise.all([insert(), closeRecord()]);
  else {
    written = await insert();
    moved = await closeRecord();
  }
  const { entry, event: recorded } = written;
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
