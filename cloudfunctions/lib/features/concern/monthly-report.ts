/**
 * 定期评事, the speak-up desk's parts: the three rates of the month's concerns (those submitted
 * in it, judged at issue time) for the community, per grid and per worker, by the definitions
 * `concern.stats` uses (stats.ts), and the five most frequent categories. Rates under
 * REPORT_MIN_SAMPLE are hidden with their n. Staff appear by name (they answer for the
 * figures); no resident's name, room or words are in any part.
 */
import type { ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { countFigure, rateFigure, rateText } from '../../../../miniprogram/core/report/figures';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { ConcernRecord } from './records';
import { group, personRateCounts, POOL_KEY, rateCounts, UNSIGNED_KEY, type RateCounts } from './stats';

/** A month's concerns of one community, read whole; past this the report refuses rather than print part of them. */
const MAX_CONCERNS = 20_000;
const TOP_CATEGORIES = 5;

const RATE_COLUMNS = ['诉求数', '响应率', '解决率', '满意率'];
const rateCells = (total: number, r: RateCounts) => [String(total), rateText(r.response.num, r.response.den), rateText(r.resolution.num, r.resolution.den), rateText(r.satisfaction.num, r.satisfaction.den)];

export async function concernsOfMonth(db: ScopedStore, month: ReportMonth): Promise<ConcernRecord[]> {
  return everyPage(db, 'concerns', { createdAt: { $gte: month.start, $lt: month.end } }, 'createdAt', MAX_CONCERNS);
}

/** The parts from the month's concerns, with grid and staff names as they are at issue time. */
export function concernParts(concerns: ConcernRecord[], now: number, names: { grids: Map<string, string>; staff: Map<string, string> }): ReportPart[] {
  const counted = concerns.filter((c) => c.status !== 'merged');
  const all = rateCounts(concerns, now);
  const byGrid = [...group(counted, (c) => c.gridId).entries()]
    .map(([gridId, list]) => ({ label: names.grids.get(gridId) ?? '网格', total: list.length, counts: rateCounts(list, now) }))
    // By name as the store orders grids everywhere else in the app (code points).
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const labelOf = (key: string) => (key === POOL_KEY ? '社区统一受理（未指定人员）' : key === UNSIGNED_KEY ? '尚未签收' : names.staff.get(key) ?? '工作人员');
  const byWorker = personRateCounts(concerns, now)
    .map((r) => ({ label: labelOf(r.key), total: r.total, counts: r.counts, person: r.key !== POOL_KEY && r.key !== UNSIGNED_KEY }))
    .sort((a, b) => Number(b.person) - Number(a.person) || b.total - a.total || a.label.localeCompare(b.label, 'zh-CN'));
  const categories = [...group(counted, (c) => c.category).values()]
    .map((list) => ({ name: list[0].categoryName, n: list.length }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, TOP_CATEGORIES);
  const share = (n: number) => (counted.length ? `${Math.floor((n * 100) / counted.length)}%` : '');
  return [
    {
      key: 'rates',
      title: '三率（按网格）',
      figures: [
        countFigure('诉求总数', counted.length, `${counted.length}件`),
        rateFigure('响应率', all.response.num, all.response.den),
        rateFigure('解决率', all.resolution.num, all.resolution.den),
        rateFigure('满意率', all.satisfaction.num, all.satisfaction.den),
      ],
      table: { columns: ['网格', ...RATE_COLUMNS], rows: byGrid.map((g) => [g.label, ...rateCells(g.total, g.counts)]) },
    },
    {
      key: 'workers',
      title: '三率（按工作人员）',
      figures: [countFigure('经办人数', byWorker.filter((w) => w.person).length, `${byWorker.filter((w) => w.person).length}人`)],
      table: { columns: ['工作人员', ...RATE_COLUMNS], rows: byWorker.map((w) => [w.label, ...rateCells(w.total, w.counts)]) },
    },
    {
      key: 'categories',
      title: `诉求分类前${TOP_CATEGORIES}`,
      figures: categories.map((c) => countFigure(c.name, c.n, `${c.n}件`)),
      table: { columns: ['分类', '件数', '占比'], rows: categories.map((c) => [c.name, String(c.n), share(c.n)]) },
    },
  ];
}

export async function concernMonthlyReport(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]> {
  const concerns = await concernsOfMonth(db, month);
  const staffIds = [...new Set(concerns.flatMap((c) => [c.firstResponderId, ...(c.clockMisses ?? []).map((m) => m.holderId)]).filter((x): x is string => !!x))];
  const [grids, staff] = await Promise.all([db.getMany('grids', [...new Set(concerns.map((c) => c.gridId))]), db.getMany('members', staffIds)]);
  return concernParts(concerns, now, { grids: new Map(grids.map((g) => [g._id, g.name])), staff: new Map(staff.map((m) => [m._id, m.name ?? '工作人员'])) });
}
