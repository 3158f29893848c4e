import type { DrillItem } from '../../../../miniprogram/core/insight/contract';
import type { Handler } from '../../kernel/action';
import { RESPONDED } from './figures';
import { concernItem, concernsIn, otherTopics } from './items';
import { monthPeriod } from './months';
import { categoriesOf } from './overview';
import { scopeOf } from './scope';

/** The drill-down lists at most this many records, newest first. */
const DRILL_MAX = 200;

/**
 * The records behind one figure of the overview, read again in the caller's scope: a grid
 * worker asking for another grid's building gets an empty list, not its numbers.
 */
export const insightDrill: Handler<'insight.drill'> = async (ctx) => {
  const db = ctx.db();
  const scope = scopeOf(ctx.caller);
  const { month, buildingId, category, figure } = ctx.input;
  const period = monthPeriod(month);
  const [concerns, others, categories] = await Promise.all([
    concernsIn(db, period, scope, category ? { category } : {}),
    figure === 'raised' ? otherTopics(ctx.features, db, period, scope, category) : Promise.resolve({ items: [], truncated: false }),
    categoriesOf(db),
  ]);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const picked = concerns.items.filter((c) => (!buildingId || c.buildingId === buildingId) && (figure !== 'responded' || RESPONDED(c)));
  const buildingNames = new Map(concerns.items.map((c) => [c.buildingId, c.buildingName]));
  const missing = [...new Set(others.items.map((t) => t.buildingId))].filter((b) => !buildingNames.has(b));
  for (const b of await db.getMany('buildings', missing)) buildingNames.set(b._id, b.name);
  const rows: DrillItem[] = [
    ...picked.map((c) => ({ ...concernItem(c), categoryName: c.categoryName })),
    ...others.items.filter((t) => !buildingId || t.buildingId === buildingId).map((t) => ({ ...t, categoryName: names.get(t.category) ?? '其他' })),
  ]
    .sort((a, b) => b.at - a.at || a.id.localeCompare(b.id))
    .map((t) => ({ source: t.source, id: t.id, ref: t.ref, buildingName: buildingNames.get(t.buildingId) ?? '', categoryName: t.categoryName, at: t.at, page: t.page }));
  const where = [buildingId ? buildingNames.get(buildingId) : null, category ? names.get(category) : null].filter(Boolean).join(' · ');
  return {
    query: ctx.input,
    title: `${Number(month.slice(5))}月${where ? ` ${where}` : ''}${figure === 'responded' ? ' 已签收' : ''}`,
    items: rows.slice(0, DRILL_MAX),
    truncated: rows.length > DRILL_MAX || concerns.truncated || others.truncated,
  };
};
