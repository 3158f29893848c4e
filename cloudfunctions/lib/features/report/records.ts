import type { ReportPart } from '../../../../miniprogram/core/workbench/report';
import type { Doc } from '../../ports/store';

/**
 * One community's report of one month; its figures are written once and never changed (its
 * id is the pair). Addenda ride on it, keyed by their id (each added once, by a conditional
 * update), so reading a report is one read.
 */
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
  /**
   * The addenda, by id. Absent on reports issued before addenda rode on the report: theirs
   * are in `reportAddenda` (and later ones go there too, so they stay in one place).
   */
  addenda?: Record<string, ReportAddendumEntry>;
  /** How many entries `addenda` holds: what the list shows without reading them. */
  addendaCount?: number;
}

/** An addendum as the report carries it. */
export interface ReportAddendumEntry {
  text: string;
  corrections: { part: string; label: string; text: string }[];
  byId: string;
  byName: string;
  at: number;
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
