import type { Handler } from '../../kernel/action';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { countRows, orderRows } from './order';

/**
 * 今日待办: every feature's rows for the caller (each within the caller's role and scope, each
 * bounded at TODAY_ROWS_PER_FEATURE), merged and ordered by deadline. The features read in
 * parallel (FEATURE_REGISTRY.today), so the list costs one round of reads.
 */
export const getToday: Handler<'workbench.today'> = async (ctx) => {
  const rows = orderRows(await ctx.features.today(ctx));
  const counts = countRows(rows);
  return { rows, counts, total: rows.length, more: Object.values(counts).some((n) => n >= TODAY_ROWS_PER_FEATURE) };
};
