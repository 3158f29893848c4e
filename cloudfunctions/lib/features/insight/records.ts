import type { CaseState } from '../../../../miniprogram/core/insight/contract';
import type { Doc } from '../../ports/store';

/** One item of the cluster that proposed a case, as it was then. */
export interface CaseItem {
  source: 'concern' | 'visit';
  id: string;
  ref: string;
  at: number;
  page: string;
}

/** A 未诉先办 case the cluster rule proposed (ids.ts: one per building, category and window). */
export interface InsightCaseRecord extends Doc {
  communityId: string;
  buildingId: string;
  buildingName: string;
  gridId: string;
  category: string;
  categoryName: string;
  /** The n-th window of this building and category (ids.ts). */
  seq: number;
  /** The cluster: items with windowFrom < at <= windowTo, k of them at least. */
  windowFrom: number;
  windowTo: number;
  k: number;
  itemCount: number;
  items: CaseItem[];
  state: CaseState;
  proposedAt: number;
  decision: {
    kind: 'motion' | 'task' | 'dismiss';
    byId: string;
    byName: string;
    at: number;
    reason: string | null;
    motionId: string | null;
    owner: { memberId: string; name: string } | null;
    dueAt: number | null;
  } | null;
  /** Top-level copy of an accepted task's due date, for 今日待办's index; null otherwise. */
  taskDueAt: number | null;
  closed: { at: number; byId: string; byName: string; summary: string } | null;
  version: number;
  updatedAt: number;
}

/**
 * One per (community, building, category): the last case proposed for it. The window rule
 * reads and moves it in the same transaction as the case it inserts. `wakeAt` is set while
 * a cluster waits out the last case's window, so the sweep looks again when it ends.
 */
export interface ClusterHeadRecord extends Doc {
  communityId: string;
  buildingId: string;
  category: string;
  seq: number;
  lastCaseId: string;
  lastProposedAt: number;
  wakeAt: number | null;
}

/** A community's insight settings and the sweep's watermark over new concerns. */
export interface InsightSettingsRecord extends Doc {
  communityId: string;
  clusterK: number;
  /** New concerns up to here have been looked at by the cluster rule. */
  scannedTo: number;
  version: number;
  updatedAt: number;
}

export interface MonthlyTopicRecord extends Doc {
  communityId: string;
  month: string;
  category: string | null;
  title: string;
  ownerId: string;
  ownerName: string;
  target: string;
  milestones: { title: string; dueAt: number; doneAt: number | null; doneById: string | null; note: string | null }[];
  setById: string;
  setAt: number;
  version: number;
  updatedAt: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    insightCases: InsightCaseRecord;
    insightClusters: ClusterHeadRecord;
    insightSettings: InsightSettingsRecord;
    monthlyTopics: MonthlyTopicRecord;
  }
}
