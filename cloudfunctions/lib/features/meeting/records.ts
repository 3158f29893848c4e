/**
 * What a meeting keeps. The roll is frozen at notice into buckets (as a poll's is), so a
 * sign-in reads one bucket; one attendance record per roll entry (`ma_<meeting>_<unit>`) is
 * what makes "one per roll entry" true under any race; quorum is counted from those records,
 * never typed in. Proxies are one record per principal entry and scope, re-used (by version)
 * when revoked and granted again; the per-agent record caps how many an agent holds.
 */
import type { FrozenRule } from '../../../../miniprogram/core/poll/rules';
import type { QuorumView } from '../../../../miniprogram/core/council/quorum';
import type { AgendaItemStatus, AgendaVoteMode, AttendanceVia, MeetingBody, MeetingRollKind, MeetingStatus, ProxyStatus, RegistrationStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { SeatPool } from '../../kernel/seat-pool';
import type { Doc } from '../../ports/store';
import type { RollUnit } from '../poll/records';

export interface AgendaItem {
  itemId: string;
  order: number;
  title: string;
  text: string;
  motionId: string | null;
  /** The mover, named in the minutes (movers are public; the propose form says so). */
  moverName: string | null;
  voteMode: AgendaVoteMode;
  secret: boolean;
  options: { id: string; label: string }[];
  matter: number | null;
  status: AgendaItemStatus;
  pollId: string | null;
  quorumAtOpen: QuorumView | null;
  quorumAtClose: QuorumView | null;
  decision: { adopted: boolean; explanation: string; counts: { label: string; count: number }[] } | null;
  resolutionId: string | null;
  openedAt: number | null;
  closedAt: number | null;
}

export interface MinutesRecord {
  status: 'draft' | 'approved';
  version: number;
  summary: string;
  items: { itemId: string; discussion: string }[];
  namedMemberIds: string[];
  savedAt: number;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: number | null;
  /** Frozen at approval: the masked text residents read (and 居务公开 publishes). */
  publicText: string | null;
  /** Frozen at approval with it: the record lines, masked alike, as residents read them. */
  publicRecord?: string[] | null;
  /** Frozen with it: the summary and each item's discussion as residents read them (masked). */
  publicSummary?: string | null;
  publicItems?: { itemId: string; discussion: string }[] | null;
}

export interface MeetingRecord extends Doc {
  communityId: string;
  title: string;
  body: MeetingBody;
  place: string;
  startsAt: number;
  endsAt: number;
  noticeAt: number;
  noticeDays: number;
  status: MeetingStatus;
  /** Frozen at notice. `size`/`areaCenti` are the quorum's base. */
  roll: {
    kind: MeetingRollKind;
    scope: 'community' | 'grids' | 'buildings';
    ids: string[];
    freezeId: string;
    buckets: number;
    size: number;
    areaCenti: number;
    hash: string;
  };
  /** Grids the roll lies in (empty: the whole community); their grid workers help run it. */
  gridIds: string[];
  /** Frozen at notice; 业主大会 items freeze their own matter's tier when voted. */
  rule: FrozenRule;
  agenda: AgendaItem[];
  /**
   * False while no proxy record of the meeting can exist: set at create, turned true (by a
   * conditional update, before the first proxy is written) by a grant or a paper 委托书.
   * Screens then skip the proxy reads. Absent on meetings made before it: they may have some.
   */
  proxiesMade?: boolean;
  /** The item being voted; one at a time, set and cleared by compare-and-set. */
  votingItemId: string | null;
  seats: number | null;
  proxiesPerAgent: number;
  convenerId: string;
  convenerName: string;
  secretaryId: string;
  secretaryName: string;
  minutes: MinutesRecord | null;
  endedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  /** The sweep's next look (reminder before the start, end after endsAt); null when done. */
  wakeAt: number | null;
  /** The rotating sign-in code's secret (kernel/rotating-code.ts); never in a view. */
  codeSecret: string;
  /**
   * Messages to the whole roll go out from the sweep a roll bucket at a time, never in the
   * request: which message, and the next bucket to send to. Null when none is under way.
   */
  fanout: { kind: 'notice' | 'reminder' | 'cancelled'; next: number } | null;
  /** When the day-before reminder was started (null: not yet, or none due). */
  remindedAt: number | null;
  createdAt: number;
  version: number;
}

/** A slice of the frozen roll, as poll rolls are sliced: units by key, voters by member. */
export interface MeetingRollBucketRecord extends Doc {
  communityId: string;
  meetingId: string;
  freezeId: string;
  bucket: number;
  units: Record<string, RollUnit>;
  voters: Record<string, string[]>;
}

/** One per roll entry: `ma_<meeting>_<unitKey>`. */
export interface AttendanceRecord extends Doc {
  communityId: string;
  meetingId: string;
  unitKey: string;
  label: string;
  areaCenti: number;
  via: AttendanceVia;
  /** Who came: the member themselves, or the agent for `proxy`; null when staff signed in an entry. */
  memberId: string | null;
  agentId: string | null;
  proxyId: string | null;
  byStaffId: string | null;
  reason: string;
  at: number;
  left: boolean;
  leftAt: number | null;
  version: number;
}

export interface ProxyUse {
  kind: 'signIn' | 'vote';
  itemId: string | null;
  at: number;
  /** 「代为签到」「代为表决：增设快递柜（同意）」; the choice only for open ballots. */
  text: string;
}

/** `px_<meeting>_<principalUnitKey>_<itemId | all>` */
export interface ProxyRecord extends Doc {
  communityId: string;
  meetingId: string;
  itemId: string | null;
  principalUnitKey: string;
  principalLabel: string;
  /** The principal entry's registered area (owners' meetings), so an item-only proxy counts its area. */
  areaCenti: number;
  /** The member who granted it in the app; null for a paper 委托书. */
  principalMemberId: string | null;
  agentMemberId: string | null;
  agentName: string | null;
  agentUnitKey: string | null;
  status: ProxyStatus;
  via: 'app' | 'paper';
  /** The 6-character code the agent enters while `offered`. */
  code: string | null;
  photo: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
  confirmedBy: string | null;
  confirmedByName: string | null;
  uses: ProxyUse[];
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** `pa_<meeting>_<agentMemberId>`: the proxies one agent holds, capped by compare-and-set. */
export interface ProxyAgentRecord extends Doc {
  communityId: string;
  meetingId: string;
  agentMemberId: string;
  proxyIds: string[];
  version: number;
}

/** `mreg_<meeting>_<unitKey>` */
export interface RegistrationRecord extends Doc {
  communityId: string;
  meetingId: string;
  unitKey: string;
  memberId: string;
  status: RegistrationStatus;
  claim: string;
  at: number;
  version: number;
}

/** `mseat_<meeting>`: the meeting's seats, on the shared seat engine. */
export interface MeetingSeatRecord extends SeatPool {
  communityId: string;
  meetingId: string;
}

export const meetingRollBucketId = (meetingId: string, freezeId: string, bucket: number) => `mr_${meetingId}_${freezeId}_${bucket}`;
export const attendanceId = (meetingId: string, unitKey: string) => `ma_${meetingId}_${unitKey}`;
export const proxyId = (meetingId: string, principalUnitKey: string, itemId: string | null) => `px_${meetingId}_${principalUnitKey}_${itemId ?? 'all'}`;
export const proxyAgentId = (meetingId: string, agentMemberId: string) => `pa_${meetingId}_${agentMemberId}`;
export const registrationId = (meetingId: string, unitKey: string) => `mreg_${meetingId}_${unitKey}`;
export const meetingSeatId = (meetingId: string) => `mseat_${meetingId}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    meetings: MeetingRecord;
    meetingRolls: MeetingRollBucketRecord;
    meetingAttendance: AttendanceRecord;
    meetingProxies: ProxyRecord;
    meetingProxyAgents: ProxyAgentRecord;
    meetingRegistrations: RegistrationRecord;
    meetingSeats: MeetingSeatRecord;
  }
}
