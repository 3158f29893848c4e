/**
 * 今日待办's activity rows: today's published activities the caller organises or leads, until
 * they end, opening check-in (the organiser's screen shows the codes).
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import type { ActivityRecord } from '../volunteer/records';
import { localDay, pageOf, todayAtText, todayRow } from '../workbench/rows';

export async function activityToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const { start, end } = localDay(now);
  const on = { $gte: start, $lt: end };
  const limit = TODAY_ROWS_PER_FEATURE;
  const [organised, led] = await Promise.all([
    db.query('activities', { where: { organiserId: caller.memberId, startAt: on }, orderBy: { field: 'startAt', dir: 'asc' }, limit }),
    db.query('activities', { where: { leadId: caller.memberId, startAt: on }, orderBy: { field: 'startAt', dir: 'asc' }, limit }),
  ]);
  const seen = new Map<string, ActivityRecord>();
  for (const a of [...organised.items, ...led.items]) if (a.status === 'published' && a.endAt > now) seen.set(a._id, a);
  return [...seen.values()].slice(0, limit).map((a) =>
    todayRow('activity', a._id, {
      title: `${a.title} · ${a.place}`,
      reason: a.startAt <= now ? '进行中' : todayAtText(a.startAt),
      dueAt: a.startAt,
      overdue: false,
      open: { label: a.organiserId === caller.memberId ? '签到' : '名单', page: pageOf(a._id, a.organiserId === caller.memberId ? '/staff/activity-checkin/index' : '/staff/activity-roster/index', 'activityId') },
    }),
  );
}
