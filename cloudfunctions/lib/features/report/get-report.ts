import type { Handler } from '../../kernel/action';
import { requireReport, viewOf } from './load';
import { reportsOf } from './whose';

/**
 * The whole community's report, for every staff member of it: a grid worker sees the other
 * grids' rows too — the report holds counts, rates and staff names, nothing of a resident.
 */
export const getReport: Handler<'report.get'> = async (ctx) => {
  const db = await reportsOf(ctx);
  return viewOf(db, await requireReport(db, ctx.input.month));
};
