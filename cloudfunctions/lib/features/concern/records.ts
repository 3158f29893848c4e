import type { ConcernStatus } from '../../../../miniprogram/core/concern/contract';
import type { ContentVerdict } from '../../ports/platform';
import type { Doc } from '../../ports/store';

export interface CategoryRecord extends Doc {
  communityId: string;
  name: string;
  contactHours: number;
  resolveDays: number;
  order: number;
  active: boolean;
  templates?: string[];
}

/** The step of the dispatch chain that picked the current handler. */
export type RouteStep = 'workerA' | 'workerB' | 'leader' | 'community' | 'transfer';

export interface Rating {
  resolved: boolean;
  satisfaction: number;
  comment: string | null;
  at: number;
  round: number;
}

export interface Whistle {
  /** Absent on whistles recorded before the directory existed (free-text department). */
  departmentId?: string;
  department: string;
  contactId?: string | null;
  note: string;
  since: number;
  dueAt: number;
  chases: number;
  sharePhone?: boolean;
}

export interface ConcernRecord extends Doc {
  communityId: string;
  /** 受理编号, e.g. `20261128-0007`: what a resident quotes on the phone. */
  number: string;
  authorId: string;
  householdId: string;
  buildingId: string;
  buildingName: string;
  gridId: string;
  category: string;
  categoryName: string;
  /** The category's SLA when submitted: later edits to the category do not move deadlines. */
  contactHours: number;
  resolveDays: number;
  text: string;
  photos: string[];
  hideName: boolean;
  /** Author's name at submit time, for staff; never shown to other residents. */
  authorName: string | null;
  status: ConcernStatus;
  /** Current handler; null means the community admins' shared queue. */
  assigneeId: string | null;
  routedVia: RouteStep;
  /** 首接负责: the first staff member to sign for it stays responsible until closed. */
  firstResponderId: string | null;
  acceptedAt: number | null;
  /** Whether the first signature came within the contact SLA (the response rate). */
  respondedInTime: boolean | null;
  /** The text's content check; `review`/`rejected` text is shown only to its author and admins. */
  moderation: ContentVerdict | 'rejected';
  contactDueAt: number;
  resolveDueAt: number;
  /** While waiting on the resident or a department the clocks stand still. */
  pausedAt: number | null;
  /** Where a paused concern returns when the wait ends. */
  resumeStatus: ConcernStatus | null;
  /**
   * The open coordination (吹哨): the directory entry called in, its name then, its contact
   * person then (who is told and chased), what was asked, by when, how often it was chased,
   * and whether the handler let the contact see the resident's phone.
   */
  whistle: Whistle | null;
  /** Every directory entry ever called in: their contacts keep seeing what they answered. */
  departmentIds?: string[];
  resolution: { summary: string; photos: string[]; at: number; by: string | null } | null;
  firstResolvedAt: number | null;
  rating: Rating | null;
  rateDueAt: number | null;
  /** Resolution rounds: 1 at first resolve, +1 on each reopen. */
  round: number;
  /** 0 none, 1 grid leader chased, 2 community admins chased. */
  escalationLevel: number;
  overdue: boolean;
  mergedInto: { id: string; number: string } | null;
  /** Authors of duplicates merged into this one: they hear about its progress. */
  followerIds: string[];
  closedAt: number | null;
  closedReason: 'rated' | 'autoClosed' | 'withdrawn' | 'merged' | 'moderated' | null;
  /** When the sweep must next look at it (SLA, reminder, auto-close); null = never. */
  wakeAt: number | null;
  /** Bumped on every transition; transitions are compare-and-set on it. */
  version: number;
  requestHash: string;
  createdAt: number;
  updatedAt: number;
}

export const concernSubject = (id: string) => `concern:${id}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    categories: CategoryRecord;
    concerns: ConcernRecord;
  }
}
