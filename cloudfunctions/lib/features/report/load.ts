import { AppError } from '../../../../miniprogram/core/errors';
import type { ReportView } from '../../../../miniprogram/core/report/contract';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { reportIdFor } from './ids';
import { reportView } from './presenters';
import type { ReportAddendumRecord, ReportRecord } from './records';

/** A report carries at most this many addenda (each an admin's deliberate act). */
export const MAX_ADDENDA = 100;

export async function requireReport(db: ScopedStore, month: string): Promise<ReportRecord> {
  const r = await db.get('reports', reportIdFor(db.communityId, month));
  if (!r) throw new AppError('NOT_FOUND', '这个月的评事报告还没有出具');
  return r;
}

/** The report's addenda, oldest first: from the report itself, or (issued before they rode on it) their collection. */
export async function addendaOf(db: ScopedStore, r: ReportRecord): Promise<ReportAddendumRecord[]> {
  if (!r.addenda) return everyPage(db, 'reportAddenda', { reportId: r._id }, 'at', MAX_ADDENDA);
  return Object.entries(r.addenda)
    .map(([_id, a]) => ({ _id, communityId: r.communityId, reportId: r._id, ...a }))
    .sort((a, b) => a.at - b.at || (a._id < b._id ? -1 : 1));
}

export async function viewOf(db: ScopedStore, r: ReportRecord): Promise<ReportView> {
  const [addenda, community] = await Promise.all([addendaOf(db, r), db.get('communities', db.communityId)]);
  return reportView(r, addenda, community?.name ?? '');
}
