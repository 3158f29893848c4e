import type { ReportPart } from '../../../../miniprogram/core/workbench/report';
import type { Doc } from '../../ports/store';

/** One community's report of one month; written once, never updated (its id is the pair). */
export interface ReportRecord extends Doc {
  communityId: string;
  month: string;
  start: number;
  end: number;
  parts: ReportPart[];
  issuedAt: number;
  /** null: the sweep on the 1st; otherwise the admin who issued it. */
  issuedById: string | null;
  issuedByName: string;
  ruleVersion: string;
  minSample: number;
}

/** A correction appended after issue; the report itself is untouched. */
export interface ReportAddendumRecord extends Doc {
  communityId: string;
  reportId: string;
  text: string;
  corrections: { part: string; label: string; text: string }[];
  byId: string;
  byName: string;
  at: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    reports: ReportRecord;
    reportAddenda: ReportAddendumRecord;
  }
}
