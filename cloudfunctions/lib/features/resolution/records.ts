/**
 * What a resolution keeps. One per adopted agenda item, its id derived from the meeting and
 * the item, so approving the minutes twice makes one. Progress entries and stages are only
 * ever appended, by compare-and-set on `version`: nobody can rewrite what was reported. Who
 * hears of it — the mover, the authors of the concerns it came from — is kept apart, one
 * record per person (or household, for a concern staff filed for a household), so the
 * resolution itself holds no resident and 「我的」 is one indexed read.
 */
import type { ProcedureStage, ResolutionStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { Doc } from '../../ports/store';

export interface ProgressEntry {
  percent: number;
  text: string;
  photoIds: string[];
  at: number;
  byId: string;
  byName: string;
}

export interface StageEntry {
  stage: ProcedureStage;
  date: number;
  bodyText: string;
  /** Meeting stages: 应到 and 实到, the quorum line and whether it held. */
  due: number | null;
  present: number | null;
  quorumText: string | null;
  outcome: string;
  attachments: string[];
  /** Null for the resolve stage, which the meeting itself filled. */
  recordedById: string | null;
  recordedByName: string | null;
  at: number;
}

export interface ResolutionRecord extends Doc {
  communityId: string;
  meetingId: string;
  meetingTitle: string;
  bodyLabel: string;
  meetingAt: number;
  itemId: string;
  title: string;
  text: string;
  /** The vote's explanation line, as the minutes carry it. */
  explanation: string;
  motionId: string | null;
  motionTitle: string | null;
  /** Concerns it came from (through its motion), with the words shown for them. */
  concerns: { concernId: string; title: string }[];
  ownerId: string;
  ownerName: string;
  dueAt: number;
  status: ResolutionStatus;
  percent: number;
  progress: ProgressEntry[];
  /** Carries 四议两公开: `stages` in PROCEDURE_STAGES order, appended one at a time. */
  procedure: boolean;
  stages: StageEntry[];
  doneAt: number | null;
  /** Set by the sweep once the due date passed while open; cleared by a new due date. */
  overdue: boolean;
  /** Overdue reminders sent so far: the first to the owner, each later one to the admins too. */
  chases: number;
  /** When the sweep next looks: the due date, then every CHASE_EVERY_DAYS; null once done. */
  wakeAt: number | null;
  createdById: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** `m:<memberId>` for a person, `h:<householdId>` for a concern filed for a household. */
export type FollowerKey = `m:${string}` | `h:${string}`;

/** One person (or household) who hears of a resolution and finds it under 我的. */
export interface ResolutionFollowRecord extends Doc {
  communityId: string;
  resolutionId: string;
  followerKey: FollowerKey;
  /** Who is told; null for a household (whoever binds there later reads it, nobody is pushed). */
  memberId: string | null;
  why: 'mover' | 'concern';
  createdAt: number;
}

export const resolutionIdFor = (meetingId: string, itemId: string) => `rs_${meetingId}_${itemId}`;
export const resolutionFollowId = (resolutionId: string, key: FollowerKey) => `rf_${resolutionId}_${key.replace(':', '_')}`;
export const resolutionSubject = (id: string) => `resolution:${id}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    resolutions: ResolutionRecord;
    resolutionFollows: ResolutionFollowRecord;
  }
}
