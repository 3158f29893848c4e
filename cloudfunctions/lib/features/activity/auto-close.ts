/**
 * The sweep's part of check-out: a record still open at shift end + AUTO_CLOSE_AFTER_MINUTES
 * is closed as `autoClose`, credited the scheduled time and flagged for the project lead.
 * Conditional on the record's version, so overlapping sweeps close each once.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { closeAttendance } from './close-attendance';

export async function autoCloseAttendance(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { closed: 0, cleared: 0, conflicts: 0 };
  for (let page = 0; page < budget.pages; page += 1) {
    const due = await deps.store.query('attendance', { where: { wakeAt: { $lte: now } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit: 50 });
    for (const a of due.items) {
      const db = new ScopedStore(deps.store, a.communityId);
      const activity = await db.get('activities', a.activityId);
      const shift = activity?.shifts.find((s) => s.shiftId === a.shiftId);
      try {
        if (!activity || !shift || a.outAt !== null) {
          await db.update('attendance', a._id, { wakeAt: null }, { version: a.version });
          counts.cleared += 1;
        } else {
          await closeAttendance(db, 'system', activity, shift, a, { method: 'autoClose', flags: ['forgotCheckOut'] }, now);
          counts.closed += 1;
        }
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        counts.conflicts += 1;
      }
    }
    if (!due.next || due.items.length === 0) break;
  }
  return counts;
}
