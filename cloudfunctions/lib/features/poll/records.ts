import type { BallotUnit, Decision, FrozenRule } from '../../../../miniprogram/core/poll/rules';
import type { PollChannel, PollStatus } from '../../../../miniprogram/core/poll/vocabulary';
import type { Doc } from '../../ports/store';

export interface PollRecord extends Doc {
  communityId: string;
  title: string;
  description: string;
  options: { id: string; label: string }[];
  minPicks: number;
  maxPicks: number;
  openTextLabel: string | null;
  unit: BallotUnit;
  /** `meeting`: a vote in a meeting, on the entries present when it opened (see `meeting` below). */
  eligibility: { scope: 'community' | 'grids' | 'buildings' | 'households' | 'meeting'; ids: string[]; text: string };
  /** Grids the scope lies in (empty for the whole community): grid workers manage within them. */
  gridIds: string[];
  /** Buildings the scope takes in, resolved at creation (grids and buildings scopes). */
  buildingIds: string[];
  /** Ballots so far, shown as participation while open; recounted from the ballots at close. */
  participation: number;
  secret: boolean;
  /** Frozen at creation: the result is decided by this copy, whatever the packs say later. */
  rule: FrozenRule;
  channels: PollChannel[];
  opensAt: number;
  closesAt: number;
  status: PollStatus;
  /** The sweep's next look: the opening, then the close. Null once closed. */
  wakeAt: number | null;
  /** Set when the roll froze at open: which bucket set is the roll, its size, area and hash. */
  roll: { freezeId: string; buckets: number; size: number; areaCenti: number; hash: string } | null;
  /** A show of hands, recorded once (hands polls only). */
  hands: { present: number; counts: Record<string, number>; abstain: number; by: string; at: number } | null;
  closedAt: number | null;
  closedBy: string | null;
  closeReason: string | null;
  /** The tally and decision as published; immutable afterwards. */
  published: PublishedResult | null;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  version: number;
  /**
   * A vote in a meeting (meeting.openVote): its roll is the entries present when it opened,
   * `present` those taking part — approval is 出席人的过半数, whoever does not vote — and
   * the roll's size and area are the meeting roll's, the base of its quorum. It is opened
   * and closed by the meeting, never by the clock.
   */
  meeting?: { meetingId: string; itemId: string; present: { units: number; areaCenti: number } } | null;
}

export interface PublishedResult {
  ballots: number;
  abstain: number;
  areaCenti: number;
  support: { optionId: string; label: string; units: number; area: number }[];
  byChannel: Partial<Record<PollChannel, number>>;
  decision: Decision;
  publishedAt: number;
  publishedBy: string;
  publishedByName: string;
}

/** One unit on a frozen roll: who may vote for it in the app, its weight. */
export interface RollUnit {
  label: string;
  /** Hundredths of a m² (owner polls), else 0. */
  areaCenti: number;
  voterIds: string[];
  /** Names of the voters, for 一户一票's 「由谁投的」 within the household. */
  voterNames: Record<string, string>;
  buildingId: string | null;
  gridId: string | null;
}

/**
 * A slice of a frozen roll. Units are spread over buckets by a hash of their key, and each
 * voter's units by a hash of the voter, so a vote reads one bucket (two for owners) instead
 * of a roll the size of the community.
 */
export interface PollRollBucketRecord extends Doc {
  communityId: string;
  pollId: string;
  freezeId: string;
  bucket: number;
  units: Record<string, RollUnit>;
  voters: Record<string, string[]>;
}

export type BallotStatus = 'counted' | 'pendingConfirm';

/**
 * One ballot per unit: `_id` is `b_<poll>_<unit>`, so two votes for one unit — by any
 * channel, in any number of processes — cannot both be written. The choice is sealed with
 * the data key until the tally, so no read of the store shows how anyone voted.
 */
export interface BallotRecord extends Doc {
  communityId: string;
  pollId: string;
  unitKey: string;
  unitLabel: string;
  areaCenti: number;
  /** The member who cast it in the app; null for paper and meeting entries made by staff. */
  voterId: string | null;
  voterName: string | null;
  /** The unit's grid, so its grid workers find and confirm the paper they collected. */
  gridId: string | null;
  channel: PollChannel;
  status: BallotStatus;
  /** Sealed JSON `{ optionIds?, abstain?, openText? }`. */
  choiceSealed: string;
  enteredBy: string | null;
  enteredByName: string | null;
  confirmedBy: string | null;
  receipt: string;
  at: number;
  version: number;
}

export const ballotId = (pollId: string, unitKey: string) => `b_${pollId}_${unitKey}`;
export const rollBucketId = (pollId: string, freezeId: string, bucket: number) => `pr_${pollId}_${freezeId}_${bucket}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    polls: PollRecord;
    pollRolls: PollRollBucketRecord;
    ballots: BallotRecord;
  }
}
