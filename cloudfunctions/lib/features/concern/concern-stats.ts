import dayjs from 'dayjs';
import type { ConcernStats } from '../../../../miniprogram/core/concern/contract';
import type { HandlerContext, Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { COMMUNITY_TZ } from '../../kernel/time';
import type { ConcernRecord } from './records';
import { group, rank, summarize } from './stats';

/** One report reads at most this many concerns (20 pages); more says `truncated`. */
const MAX_PAGES = 20;

interface Input {
  from: number;
  to: number;
  groupBy: ConcernStats['groupBy'];
}

/**
 * Rates per grid, worker (the responsible first responder), category or Beijing month.
 * Grid workers see only concerns of their grids or handled by them.
 */
export const concernStats: Handler<'concern.stats'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const all: ConcernRecord[] = [];
  let after: string | undefined;
  let truncated = false;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await db.query('concerns', {
      where: { createdAt: { $gte: input.from, $lt: input.to } },
      orderBy: { field: 'createdAt', dir: 'asc' },
      limit: 100,
      after,
    });
    all.push(...batch.items);
    after = batch.next;
    if (!after) break;
    if (page === MAX_PAGES - 1) truncated = true;
  }
  const mine = hasRole(caller, 'admin')
    ? all
    : all.filter((c) => caller.gridIds.includes(c.gridId) || c.firstResponderId === caller.memberId || c.assigneeId === caller.memberId);

  const keyOf: Record<Input['groupBy'], (c: ConcernRecord) => string> = {
    grid: (c) => c.gridId,
    worker: (c) => c.firstResponderId ?? 'unsigned',
    category: (c) => c.category,
    month: (c) => dayjs(c.createdAt).tz(COMMUNITY_TZ).format('YYYY-MM'),
  };
  const groups = group(mine, keyOf[input.groupBy]);
  const labels = await labelsFor(ctx, input.groupBy, [...groups.keys()], mine);
  const rows = rank([...groups.entries()].map(([key, list]) => summarize(key, labels.get(key) ?? key, list, now)));
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total || a.key.localeCompare(b.key));
  return { from: input.from, to: input.to, groupBy: input.groupBy, rows, overall: summarize('all', '合计', mine, now), truncated };
};

async function labelsFor(ctx: HandlerContext<Input>, by: Input['groupBy'], keys: string[], concerns: ConcernRecord[]) {
  const db = ctx.db();
  const labels = new Map<string, string>();
  if (by === 'grid') {
    for (const g of await db.getMany('grids', keys)) labels.set(g._id, g.name);
  } else if (by === 'worker') {
    for (const m of await db.getMany('members', keys.filter((k) => k !== 'unsigned'))) labels.set(m._id, m.name ?? '网格员');
    labels.set('unsigned', '尚未签收');
  } else if (by === 'category') {
    for (const c of concerns) labels.set(c.category, c.categoryName);
  } else {
    for (const k of keys) labels.set(k, `${k.slice(0, 4)}年${Number(k.slice(5))}月`);
  }
  return labels;
}
