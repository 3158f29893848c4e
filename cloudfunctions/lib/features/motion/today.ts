/**
 * 今日待办's motion rows: motions past their support threshold that the 居委会 must put on a
 * meeting's agenda or answer in writing, by their answer deadline. The task is the admins'
 * (the threshold notice goes to their inbox): grid workers get no motion rows.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { clockText, todayRow } from '../workbench/rows';
import { unitWord } from './settings';

export async function motionToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'admin')) return [];
  const page = await ctx.db().query('motions', { where: { status: 'thresholdMet' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  return page.items.map((m) => {
    const due = m.answerDueAt;
    const reached = `附议已达${m.threshold}${unitWord(m.supportUnit)}`;
    return todayRow('motion', m._id, {
      title: m.title,
      reason: due === null ? `${reached}，待安排上会或答复` : `${reached}，上会或答复${clockText(due, now, { left: '到期', past: '逾期' })}`,
      dueAt: due,
      overdue: due !== null && due <= now,
      open: { label: '安排', page: '/staff/council/index' },
    });
  });
}
