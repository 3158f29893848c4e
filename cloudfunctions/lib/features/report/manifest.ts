/**
 * report: manifest. 定期评事 — the monthly report each feature contributes a part to,
 * issued once per (community, month) and frozen, with addenda and its spreadsheet.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { addAddendum } from './add-addendum';
import { REPORT_EVENTS } from './events';
import { exportReport } from './export-report';
import { getReport } from './get-report';
import { issueReport, prefetchIssue } from './issue-report';
import { listReports } from './list-reports';
import { issueMonthlyReports } from './sweep';

export const reportManifest = {
  name: 'report',
  actions: {
    'report.list': bind(contracts['report.list'], listReports),
    'report.get': bind(contracts['report.get'], getReport),
    'report.issue': bind(contracts['report.issue'], issueReport, { prefetch: prefetchIssue }),
    'report.addendum': bind(contracts['report.addendum'], addAddendum),
    'report.export': bind(contracts['report.export'], exportReport),
  },
  collections: {
    // Counts, rates and staff names only: no resident's personal data.
    reports: { indexes: [['communityId', 'month', '_id']], holds: 'shared' },
    reportAddenda: { indexes: [['communityId', 'reportId', 'at', '_id']], holds: 'shared' },
  },
  events: REPORT_EVENTS,
  sweep: { monthlyReports: issueMonthlyReports },
} satisfies FeatureManifest<'report'>;
