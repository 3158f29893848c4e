import { monthLabel } from '../../../../miniprogram/core/report/figures';
import type { Handler } from '../../kernel/action';
import { reportIdFor } from './ids';
import { endedMonths } from '../../kernel/months';
import { reportsOf } from './whose';

/** The months shown: a year back. Older reports stay readable by month (`report.get`). */
const MONTHS = 12;

/** The last twelve ended months, latest first, each issued or not. Two reads (three with reports issued before addenda rode on them). */
export const listReports: Handler<'report.list'> = async (ctx) => {
  const db = await reportsOf(ctx);
  const months = endedMonths(ctx.now, MONTHS);
  const reports = new Map((await db.getMany('reports', months.map((m) => reportIdFor(db.communityId, m)))).map((r) => [r.month, r]));
  // Reports carry their addenda's count; only those issued before that are counted from the addenda.
  const issuedIds = [...reports.values()].filter((r) => !r.addenda).map((r) => r._id);
  const addenda = issuedIds.length
    ? await db.query('reportAddenda', { where: { reportId: { $in: issuedIds } }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })
    : { items: [] };
  const counts = new Map<string, number>();
  for (const a of addenda.items) counts.set(a.reportId, (counts.get(a.reportId) ?? 0) + 1);
  return {
    items: months.map((m) => {
      const r = reports.get(m);
      return { month: m, monthLabel: monthLabel(m), issued: !!r, reportId: r?._id ?? null, issuedAt: r?.issuedAt ?? null, addenda: r ? (r.addenda ? r.addendaCount ?? Object.keys(r.addenda).length : counts.get(r._id) ?? 0) : 0 };
    }),
  };
};
