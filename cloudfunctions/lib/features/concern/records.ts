import type { ConcernStatus } from '../../../../miniprogram/core/concern/contract';
import type { FilingChannel } from '../../../../miniprogram/core/channels';
import type { ContentVerdict, Notification } from '../../ports/platform';
import type { MotionStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { Doc } from '../../ports/store';
import type { EventRecord } from '../../kernel/audit';

/**
 * One step as the concern's page shows it, kept on the concern itself (the audit event stays
 * in `events`): the page is answered from the one document, and the name of who acted is the
 * name they had then, so no member is read to show it.
 */
export type TrailStep = Pick<EventRecord, 'type' | 'actorId' | 'actorRole' | 'public' | 'note' | 'photos' | 'at'> & {
  /** A staff actor's display name then (absent for residents and the system: read when shown). */
  actorName?: string;
};

/** As many steps as the page ever showed (the timeline query's limit). */
export const TRAIL_LIMIT = 100;

export interface CategoryRecord extends Doc {
  communityId: string;
  name: string;
  contactHours: number;
  resolveDays: number;
  order: number;
  active: boolean;
  templates?: string[];
  /** How many days a concern may wait on the resident (待补充) before it is closed; absent = 7. */
  residentWaitDays?: number;
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

/** A clock that ran out, charged to whoever held the item then (null: the community pool). */
export interface ClockMiss {
  clock: 'contact' | 'resolve';
  holderId: string | null;
  round: number;
  at: number;
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
  /**
   * The resident it belongs to. Null when staff filed it for a household where nobody uses
   * the app: then whoever binds to `householdId` later counts as its author (household-author.ts).
   */
  authorId: string | null;
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
  /**
   * 代办: staff filed it for the resident (phone call, visit, service window), and why.
   * Absent on what residents submitted themselves.
   */
  filedBy?: FiledBy | null;
  status: ConcernStatus;
  /** Current handler; null means the community admins' shared queue. */
  assigneeId: string | null;
  routedVia: RouteStep;
  /** 首接负责: the first staff member to sign for it stays responsible until closed. */
  firstResponderId: string | null;
  acceptedAt: number | null;
  /** Whether the first signature came within the contact SLA (the response rate). */
  respondedInTime: boolean | null;
  /** Whether the signer signed within their own window (a rescuer after a reroute gets a fresh one). */
  signedInWindow?: boolean | null;
  /** Every clock that ran out, and on whom; the per-person rates read this. */
  clockMisses?: ClockMiss[];
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
  closedReason: 'rated' | 'autoClosed' | 'withdrawn' | 'merged' | 'moderated' | 'residentSilent' | null;
  /**
   * Derived, kept by `commit` on every transition: open and under 督办 (supervised, overdue or
   * escalated). The grid leader's supervision list queries it; absent = false.
   */
  supervising?: boolean;
  /** 催办 so far, and when the last one was (one per URGE_INTERVAL). */
  urges?: number;
  lastUrgedAt?: number | null;
  /** While waiting on the resident: when the wait started, when it ends, reminders sent. */
  residentWait?: { since: number; closeAt: number; reminders: number } | null;
  /** When the sweep must next look at it (SLA, reminder, auto-close); null = never. */
  wakeAt: number | null;
  /**
   * The motion (议题) it became, kept current by the motion feature (title, status) so the
   * concern page follows it without reading motions; absent = none.
   */
  motion?: { motionId: string; title: string; status: MotionStatus } | null;
  /**
   * The timeline, appended by every step (transition.ts, intake.ts). Absent on concerns from
   * before it existed: their page reads the events instead, and nothing is appended to it.
   */
  trail?: TrailStep[];
  /**
   * Display names of the staff who handled or were handed it (assignee, first responder), as
   * they were then; an id missing here is looked up when shown. Absent on older concerns.
   */
  staffNames?: Record<string, string>;
  /**
   * The author's phone (encrypted, as on their member record) when they submitted, for the
   * staff who call back; erased with the author's data. Absent on older concerns: read then.
   */
  /** The latest step's notices, kept for the retry of a step that landed before they were sent. */
  lastNotices?: Notification[];
  authorPhoneEnc?: string | null;
  /** Bumped on every transition; transitions are compare-and-set on it. */
  version: number;
  requestHash: string;
  createdAt: number;
  updatedAt: number;
}

export interface FiledBy {
  memberId: string;
  name: string;
  channel: FilingChannel;
  reason: string;
  /** The name the caller gave when nobody of the household is on the app. */
  contactName: string | null;
}

export const concernSubject = (id: string) => `concern:${id}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    categories: CategoryRecord;
    concerns: ConcernRecord;
  }
}
