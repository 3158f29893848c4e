/**
 * 今日待办's binding rows: requests waiting on the caller's review (grid workers: their grids'
 * buildings; admins: the community), oldest first; each lapses BINDING_REQUEST_TTL after it came.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import type { Filter } from '../../ports/store';
import { DAY } from '../../kernel/time';
import { todayRow, waitedText } from '../workbench/rows';
import { BINDING_REQUEST_TTL } from './expire-requests';
import { normalizeAddressPart } from './household';

/** 「1号楼 2单元 301室」, as the review list words it. */
function addressOf(building: string, unit: string, room: string): string {
  return `${building} ${/^\d+$/.test(unit) ? `${unit}单元` : unit} ${/^\d+$/.test(room) ? `${room}室` : room}`;
}

export async function memberToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const where: Filter = { status: 'pending' };
  if (!hasRole(caller, 'admin')) {
    if (caller.gridIds.length === 0) return [];
    where.gridId = { $in: caller.gridIds };
  }
  const page = await ctx.db().query('bindingRequests', { where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  return page.items.map((r) => {
    const address = addressOf(r.buildingName, normalizeAddressPart(r.unit), normalizeAddressPart(r.room));
    return todayRow('binding', r._id, {
      title: `${r.name} 申请绑定 ${address}`,
      reason: now - r.createdAt < DAY ? '今天提交，待审核' : waitedText(r.createdAt, now),
      // The request lapses unreviewed at its TTL: that is its deadline.
      dueAt: r.createdAt + BINDING_REQUEST_TTL,
      overdue: false,
      open: { label: '审核', page: '/staff/workbench/index?tab=requests' },
      act: { label: '通过', action: 'member.reviewRequest', input: { requestId: r._id, decision: 'approve' } },
    });
  });
}
