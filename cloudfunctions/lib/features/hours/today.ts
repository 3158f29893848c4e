/**
 * 今日待办's hours rows: entries pending verification for more than PENDING_DAYS, for whoever
 * verifies them (the activity's 项目负责人; admins the community's), oldest first. Nobody is
 * shown their own hours.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { DAY } from '../../kernel/time';
import type { Filter } from '../../ports/store';
import { pageOf, todayRow, waitedText } from '../workbench/rows';

/** The week a verifier has (A-12's counter): past it the entry is on the list. */
export const PENDING_DAYS = 7;

export async function hoursToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const me = caller.memberId;
  const old = { $lt: now - PENDING_DAYS * DAY };
  const where: Filter = hasRole(caller, 'admin') ? { status: 'pending', createdAt: old } : { leadId: me, status: 'pending', createdAt: old };
  const page = await db.query('hourEntries', { where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  // A long entry the caller verified first waits on someone else now.
  const entries = page.items.filter((e) => e.memberId !== me && e.decidedBy !== me);
  const names = new Map((await db.getMany('members', entries.map((e) => e.memberId))).map((m) => [m._id, m.name ?? '志愿者']));
  return entries.map((e) =>
    todayRow('hours', e._id, {
      title: `${names.get(e.memberId) ?? '志愿者'} ${(e.minutes / 60).toFixed(1)}小时 · ${e.content}`,
      reason: e.decidedBy ? `待第二人核验，${waitedText(e.createdAt, now)}` : waitedText(e.createdAt, now),
      dueAt: e.createdAt + PENDING_DAYS * DAY,
      overdue: true,
      open: { label: '核验', page: pageOf(e.activityId, '/staff/hours-verify/index', 'activityId') },
      act: { label: '通过', action: 'hours.verify', input: { entryId: e._id, decision: 'verify' } },
    }),
  );
}
