import type { Handler } from '../../kernel/action';
import { gridMonth, LIST_CAP, rate, toUncontacted } from './coverage';
import { gridInScope } from './scope';

/** 走访覆盖 of one grid and month, with the households behind the figures. */
export const visitCoverage: Handler<'visit.coverage'> = async (ctx) => {
  const { input, now } = ctx;
  const grid = await gridInScope(ctx, input.gridId);
  const m = await gridMonth(ctx.db(), grid._id, input.month, now);
  const r = rate(m.visited, m.households.length);
  return {
    gridId: grid._id,
    gridName: grid.name,
    month: input.month,
    visited: m.visited,
    households: m.households.length,
    percent: r.percent,
    rateText: r.text,
    visits: m.visits,
    asOf: m.asOf,
    noContact: m.noContact.slice(0, LIST_CAP).map((g) => toUncontacted(g, m.asOf)),
    care: m.care.slice(0, LIST_CAP).map((g) => toUncontacted(g, m.asOf)),
    truncated: m.noContact.length > LIST_CAP || m.care.length > LIST_CAP,
  };
};
