/**
 * The motion feature's records. A motion freezes, when it is proposed, who may support it
 * (its buildings), how support is counted (per household or per adult) and the threshold
 * as a number of the census of that scope then: a later change to the community's
 * settings, or people moving in, never moves a running motion's goalposts.
 */
import { createHash } from 'node:crypto';
import type { MotionSettingsView } from '../../../../miniprogram/core/council/motion-contract';
import type { AgendaItemStatus, MotionAnswer, MotionSource, MotionStatus, ResolutionStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { Doc } from '../../ports/store';

export type SupportUnit = MotionSettingsView['supportUnit'];
export type ThresholdRule = MotionSettingsView['threshold'];

export interface MotionRecord extends Doc {
  communityId: string;
  title: string;
  body: string;
  source: MotionSource;
  /** Who proposed it (a resident, or the staff member for 居委会 motions); null once unknown. */
  proposerId: string | null;
  /** The proposer's household, for residents (their family sees it under 我的). */
  proposerHouseholdId: string | null;
  /** Named in public: the resident's name, 「社区居委会」 for staff, 「已注销用户」 after erasure. */
  moverName: string;
  /** The speak-up concern it grew from; the concern points back (`ConcernRecord.motion`). */
  concernId: string | null;
  /** Who may support it: these buildings, or the whole community when empty. */
  buildingIds: string[];
  scopeText: string;
  /** Frozen at propose from the community's settings. */
  supportUnit: SupportUnit;
  thresholdRule: ThresholdRule;
  /** The census of the scope at propose (households or adults) and the least count reaching the rule. */
  census: number;
  threshold: number;
  answerDays: number;
  /** Kept by `op.inc` on each new support; the sweep recounts it from the support records. */
  supports: number;
  status: MotionStatus;
  supportClosesAt: number;
  thresholdMetAt: number | null;
  answerDueAt: number | null;
  /** Set once the admins were told the threshold was met (a crash in between is repaired by the sweep). */
  metNoticed: boolean;
  answer: { kind: MotionAnswer; reason: string; at: number; byId: string; byName: string } | null;
  meetingId: string | null;
  itemId: string | null;
  /** What the meeting feature told us, so the motion page needs no meeting read. */
  meeting: { title: string; startsAt: number; itemStatus: AgendaItemStatus } | null;
  decision: { adopted: boolean; explanation: string; at: number } | null;
  resolutionId: string | null;
  resolution: { title: string; percent: number; status: ResolutionStatus } | null;
  /** Overdue chases sent so far (every CHASE_EVERY_DAYS after answerDueAt). */
  chases: number;
  /** When the sweep must next look at it (recount, support end, answer deadline); null = never. */
  wakeAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** One household's (or one adult's) support; its id makes a second one impossible. */
export interface MotionSupportRecord extends Doc {
  communityId: string;
  motionId: string;
  /** householdId under 一户一票, memberId per person. */
  unitKey: string;
  householdId: string | null;
  /** Who pressed the button (shown to their own household only); anonymised on erasure. */
  memberId: string;
  memberName: string | null;
  createdAt: number;
}

/** The community's rule for motions; one per community, absent = the defaults. */
export interface MotionSettingsRecord extends Doc {
  communityId: string;
  supportUnit: SupportUnit;
  threshold: ThresholdRule;
  supportDays: number;
  answerDays: number;
  version: number;
  updatedAt: number;
  updatedBy: string | null;
}

export const motionIdFor = (communityId: string, memberId: string, key: string) =>
  `mo_${createHash('sha256').update(`${communityId}:${memberId}:${key}`).digest('hex').slice(0, 24)}`;
export const supportIdFor = (motionId: string, unitKey: string) => `ms_${motionId}_${unitKey}`;
export const motionSettingsId = (communityId: string) => `mset_${communityId}`;
export const motionSubject = (id: string) => `motion:${id}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    motions: MotionRecord;
    motionSupports: MotionSupportRecord;
    motionSettings: MotionSettingsRecord;
  }
}
