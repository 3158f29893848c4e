/**
 * 今日待办's proxy rows: paper 委托书 waiting for their second check, for the meeting staff who
 * may give it (everyone but whoever recorded it), by the meeting's start: a proxy confirmed
 * after its vote opened would not count.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { localDay, pageOf, todayAtText, todayRow, clockText } from '../workbench/rows';
import { isMeetingStaff } from './permissions';

export async function meetingToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const page = await db.query('meetingProxies', { where: { status: 'pendingConfirm' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  const theirs = page.items.filter((p) => p.recordedBy !== caller.memberId);
  const meetings = new Map((await db.getMany('meetings', [...new Set(theirs.map((p) => p.meetingId))])).map((m) => [m._id, m]));
  const { end } = localDay(now);
  return theirs.flatMap((p) => {
    const m = meetings.get(p.meetingId);
    if (!m || !isMeetingStaff(caller, m) || (m.status !== 'noticed' && m.status !== 'inSession')) return [];
    const when = m.startsAt <= now ? '会议已开始' : m.startsAt < end ? `会议${todayAtText(m.startsAt)}` : `${clockText(m.startsAt, now, { left: '开会' })}`;
    return [
      todayRow('proxy', p._id, {
        title: `「${m.title}」${p.principalLabel} 委托 ${p.agentName ?? '受托人'}`,
        reason: `纸质委托书待复核（${p.recordedByName ?? '工作人员'}登记），${when}`,
        dueAt: m.startsAt,
        overdue: m.startsAt <= now,
        open: { label: '查看', page: pageOf(m._id, '/staff/meeting-run/index', 'meetingId') },
        act: { label: '复核通过', action: 'meeting.confirmProxy', input: { proxyId: p._id } },
      }),
    ];
  });
}
