/**
 * The sweep's part of check-out: a record still open at shift end + AUTO_CLOSE_AFTER_MINUTES
 * is closed as `autoClose`, credited the scheduled time and flagged for the project lead.
 * Conditional on the record's version, so overlapping sweeps close each once.
 */
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { closeAttendanceWithEntry } from './close-attendance';

export async function autoCloseAttendance(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { closed: 0, cleared: 0 };
  const { conflicts } = await forEachDue(deps.store, 'attendance', now, budget.pages, async (a, db) => {
    const activity = await db.get('activities', a.activityId);
    const shift = activity?.shifts.find((s) => s.shiftId === a.shiftId);
    if (!activity || !shift || a.outAt !== null) {
      await db.update('attendance', a._id, { wakeAt: null }, { version: a.version });
      counts.cleared += 1;
    } else {
      await closeAttendanceWithEntry(db, 'system', activity, shift, a, { method: 'autoClose', flags: ['forgotCheckOut'] }, now);
      counts.closed += 1;
    }
  });
  return { ...counts, conflicts };
}
