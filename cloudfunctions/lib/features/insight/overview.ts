import { everyPage } from '../../kernel/every-page';
import { OVERVIEW_MONTHS, INSIGHT_MIN_SAMPLE, type TopicItem } from '../../../../miniprogram/core/insight/contract';
import type { Handler } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import { categoryTrends, firstResponseFigure, heatCells, raisedFigure, repeatReportersFigure } from './figures';
import { concernItem, concernsIn, otherTopics } from './items';
import { monthLabel, monthPeriod, shiftMonth } from './months';
import { scopeOf, type InsightScope } from './scope';

/**
 * The caller's buildings, by name: the community's list (in the shape a warm instance holds
 * in its reference cache), the caller's grids picked from it.
 */
export async function buildingsIn(db: ScopedStore, scope: InsightScope) {
  if (scope.gridIds !== null && scope.gridIds.length === 0) return [];
  const all = await everyPage(db, 'buildings', {}, 'name', 5_000);
  const grids = scope.gridIds === null ? null : new Set(scope.gridIds);
  return all.filter((b) => !grids || grids.has(b.gridId)).map((b) => ({ id: b._id, name: b.name, gridId: b.gridId }));
}

export async function categoriesOf(db: ScopedStore) {
  const page = await db.query('categories', { where: {}, orderBy: { field: 'order', dir: 'asc' }, limit: 100 });
  return page.items.map((c) => ({ id: c._id, name: c.name }));
}

/**
 * 社情民意 for a month and the three before it, in the caller's scope: one read of the four
 * months' concerns (capped, `truncated` past it), one of the other features' topics.
 */
export const insightOverview: Handler<'insight.overview'> = async (ctx) => {
  const db = ctx.db();
  const scope = scopeOf(ctx.caller);
  const month = ctx.input.month;
  const months = Array.from({ length: OVERVIEW_MONTHS }, (_, i) => shiftMonth(month, OVERVIEW_MONTHS - 1 - i));
  const period = { from: monthPeriod(months[0]).from, to: monthPeriod(month).to };
  const [concerns, others, buildings, categories] = await Promise.all([concernsIn(db, period, scope), otherTopics(ctx.features, db, period, scope), buildingsIn(db, scope), categoriesOf(db)]);
  const items: TopicItem[] = [...concerns.items.map(concernItem), ...others.items];
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const buildingIds = new Set(buildings.map((b) => b.id));
  return {
    month,
    months,
    monthLabels: months.map(monthLabel),
    buildings,
    categories,
    cells: heatCells(items, month).filter((c) => buildingIds.has(c.buildingId)),
    byCategory: categoryTrends(items, months, names),
    raised: raisedFigure(items, month),
    firstResponse: firstResponseFigure(concerns.items, month, ctx.now),
    repeatReporters: repeatReportersFigure(concerns.items, month),
    visitTopics: others.items.filter((t) => monthPeriod(month).from < t.at && t.at <= monthPeriod(month).to).length,
    minSample: INSIGHT_MIN_SAMPLE,
    scopeText: scope.gridIds === null ? '全社区' : `本人网格（${buildings.map((b) => b.name).join('、') || '无楼栋'}）`,
    truncated: concerns.truncated || others.truncated,
  };
};
