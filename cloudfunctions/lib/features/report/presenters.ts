import type { ReportView } from '../../../../miniprogram/core/report/contract';
import { monthLabel } from '../../../../miniprogram/core/report/figures';
import type { ReportAddendumRecord, ReportRecord } from './records';

export function reportView(r: ReportRecord, addenda: readonly ReportAddendumRecord[], communityName: string): ReportView {
  return {
    reportId: r._id,
    month: r.month,
    monthLabel: monthLabel(r.month),
    communityName,
    issuedAt: r.issuedAt,
    issuedBy: r.issuedByName,
    ruleVersion: r.ruleVersion,
    minSample: r.minSample,
    parts: r.parts,
    addenda: addenda.map((a) => ({ addendumId: a._id, text: a.text, corrections: a.corrections, byName: a.byName, at: a.at })),
  };
}
