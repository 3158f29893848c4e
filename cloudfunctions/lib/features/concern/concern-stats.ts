import dayjs from 'dayjs';
import type { ConcernStats } from '../../../../miniprogram/core/concern/contract';
import type { HandlerContext, Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { COMMUNITY_TZ } from '../../kernel/time';
import type { ConcernRecord } from './records';
import { byPerson, group, POOL_KEY, rank, summarize, UNSIGNED_KEY } from './stats';

/** One report reads at most this many concerns (20 pages); more says `truncated`. */
const MAX_PAGES = 20;

interface Input {
  from: number;
  to: number;
  groupBy: ConcernStats['groupBy'];
}

/**
 * Rates per grid, person, category, Beijing month, or grid × month (ranked within each
 * month). Per person, missed clocks go to whoever held the item (stats.ts `byPerson`).
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
    : all.filter((c) => caller.gridIds.includes(c.gridId) || caller.ledGridIds.includes(c.gridId) || c.firstResponderId === caller.memberId || c.assigneeId === caller.memberId);

  const month = (c: ConcernRecord) => dayjs(c.createdAt).tz(COMMUNITY_TZ).format('YYYY-MM');
  const keyOf: Record<Exclude<Input['groupBy'], 'worker'>, (c: ConcernRecord) => string> = {
    grid: (c) => c.gridId,
    category: (c) => c.category,
    month,
    gridMonth: (c) => `${c.gridId}|${month(c)}`,
  };
  let rows;
  if (input.groupBy === 'worker') {
    const people = [...new Set(mine.flatMap((c) => [c.firstResponderId, ...(c.clockMisses ?? []).map((m) => m.holderId)]).filter((x): x is string => !!x))];
    const labels = await labelsFor(ctx, 'worker', people, mine);
    rows = rank(byPerson(mine, now, (k) => labels.get(k) ?? '工作人员'));
  } else {
    const groups = group(mine, keyOf[input.groupBy]);
    const labels = await labelsFor(ctx, input.groupBy, [...groups.keys()], mine);
    rows = rank(
      [...groups.entries()].map(([key, list]) => summarize(key, labels.get(key) ?? key, list, now)),
      input.groupBy === 'gridMonth' ? (r) => r.key.split('|')[1] : undefined,
    );
  }
  rows.sort((a, b) => (input.groupBy === 'gridMonth' ? b.key.split('|')[1].localeCompare(a.key.split('|')[1]) : 0) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total || a.key.localeCompare(b.key));
  return { from: input.from, to: input.to, groupBy: input.groupBy, rows, overall: summarize('all', '合计', mine, now), truncated };
};

async function labelsFor(ctx: HandlerContext<Input>, by: Input['groupBy'], keys: string[], concerns: ConcernRecord[]) {
  const db = ctx.db();
  const labels = new Map<string, string>();
  const monthLabel = (k: string) => `${k.slice(0, 4)}年${Number(k.slice(5))}月`;
  if (by === 'grid' || by === 'gridMonth') {
    const gridIds = [...new Set(keys.map((k) => k.split('|')[0]))];
    const names = new Map((await db.getMany('grids', gridIds)).map((g) => [g._id, g.name]));
    for (const k of keys) {
      const [gridId, m] = k.split('|');
      labels.set(k, m ? `${names.get(gridId) ?? '网格'} · ${monthLabel(m)}` : names.get(gridId) ?? '网格');
    }
  } else if (by === 'worker') {
    for (const m of await db.getMany('members', keys)) labels.set(m._id, m.name ?? '工作人员');
    labels.set(POOL_KEY, '社区统一受理（未指定人员）');
    labels.set(UNSIGNED_KEY, '尚未签收');
  } else if (by === 'category') {
    for (const c of concerns) labels.set(c.category, c.categoryName);
  } else {
    for (const k of keys) labels.set(k, monthLabel(k));
  }
  return labels;
}
