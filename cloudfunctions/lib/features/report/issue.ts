/**
 * Issuing a month's report: every feature's part computed from its records at this instant,
 * then inserted under the (community, month) id if absent. Whoever loses the insert — a
 * parallel sweep, an admin's retry — gets the stored report, not their own computation, so
 * there is one report and it is the first one. Its figures are never updated (addenda ride
 * beside them). The report carries its audit event as `lastEvent` (kernel/versioned.ts), so
 * the insert is the step and the event follows it; a retry that finds it puts the event in
 * `events` if the first call died in between.
 */
import { REPORT_MIN_SAMPLE, REPORT_RULE_VERSION } from '../../../../miniprogram/core/report/figures';
import type { ReportPart } from '../../../../miniprogram/core/workbench/report';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import type { Caller } from '../../kernel/caller';
import type { FeatureRegistry } from '../../kernel/feature';
import type { ScopedStore } from '../../kernel/scoped-store';
import { reportIdFor, reportSubject } from './ids';
import { monthSpan } from '../../kernel/months';
import type { ReportRecord } from './records';

/** Parts in the order the report prints them; a part not listed goes after, in manifest order. */
const PART_ORDER = ['rates', 'workers', 'categories', 'cases', 'visits', 'hours', 'meetings', 'disclosure'];

export function orderParts(parts: ReportPart[]): ReportPart[] {
  const at = (p: ReportPart) => {
    const i = PART_ORDER.indexOf(p.key);
    return i < 0 ? PART_ORDER.length : i;
  };
  return parts.map((p, i) => ({ p, i })).sort((a, b) => at(a.p) - at(b.p) || a.i - b.i).map(({ p }) => p);
}

export const SWEEP_ISSUER = '系统（每月1日自动出具）';

export async function issueMonth(
  db: ScopedStore,
  features: FeatureRegistry,
  month: string,
  now: number,
  by: { caller: Caller | 'system'; name: string },
  /** The stored report, when the caller has looked for it already (null: there is none yet). */
  looked?: { existing: ReportRecord | null },
): Promise<{ report: ReportRecord; created: boolean }> {
  const id = reportIdFor(db.communityId, month);
  const existing = looked ? looked.existing : await db.get('reports', id);
  if (existing) {
    // Re-asked: the call that issued it may have died before its event reached `events`.
    await settleLastEvent(db, existing);
    return { report: existing, created: false };
  }
  const range = monthSpan(month);
  const parts = orderParts(await features.monthlyReport(db, range, now));
  const record: ReportRecord = {
    _id: id, communityId: db.communityId, month, start: range.start, end: range.end, parts,
    issuedAt: now, issuedById: by.caller === 'system' ? null : by.caller.memberId, issuedByName: by.name, ruleVersion: REPORT_RULE_VERSION, minSample: REPORT_MIN_SAMPLE,
    addenda: {}, addendaCount: 0,
  };
  const event = eventRecord(db, by.caller, { key: 'issued', subject: reportSubject(id), type: 'report.issued', public: false, note: month, at: now });
  if (await db.insert('reports', { ...record, lastEvent: event } as ReportRecord)) {
    await db.insert('events', event);
    return { report: record, created: true };
  }
  const stored = (await db.get('reports', id)) as ReportRecord;
  await settleLastEvent(db, stored);
  return { report: stored, created: false };
}
