/**
 * 志愿服务 records. Team → activity → roles × shifts with seats; sign-ups hold a place in a
 * seat pool; attendance (check-in/out) produces hour entries in an append-only ledger that
 * the project lead verifies; certificates are frozen snapshots of verified entries.
 * Times are epoch ms, durations integer minutes.
 */
import type { ActivityStatus, CheckMethod, EntryFlag, EntryKind, EntryStatus, RoundingRule, SignupStatus } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Doc } from '../../ports/store';
import type { CertificateSnapshotView } from '../../../../miniprogram/core/volunteer/certificate';

/** One per member who registered (`vol_<memberId>`); a non-resident waits for staff verification. */
export interface VolunteerRecord extends Doc {
  communityId: string;
  memberId: string;
  name: string;
  /** Community-issued, sequential: V0001. Shown on certificates. */
  volunteerNumber: string;
  skills: string[];
  /** Free words: 周末上午、工作日晚上… */
  availability: string;
  /** Optional, never required (党员志愿者服务队). */
  partyMember: boolean | null;
  /** Birth date (YYYY-MM-DD) for minimum-age roles (条例 Art. 15); personal data. */
  birthDate: string | null;
  /** ID number sealed with the data key, and its masked form for certificates (民发〔2015〕149号). */
  idNumberEnc: string | null;
  idNumberMasked: string | null;
  /** Trainings staff recorded as completed (role requirements name them). */
  trainings: string[];
  /** A resident of the community, or someone from outside whom staff verified (a student…). */
  resident: boolean;
  status: 'active' | 'pendingVerification' | 'suspended';
  verifiedBy: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface TeamRecord extends Doc {
  communityId: string;
  name: string;
  description: string;
  /** Team leaders run the team's activities (publish, roster, check-in). */
  leaderIds: string[];
  /** Kept by team.join (an increment per membership document actually inserted). */
  memberCount: number;
  active: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  /**
   * The request (caller and idempotency key, hashed) whose edit made this version: a retry
   * of that very request finds its change made and answers without a second version.
   * Absent on teams never edited since it was added.
   */
  lastRequest?: string;
}

/** `tm_<teamId>_<memberId>`: membership is a document, so joining twice is one document. */
export interface TeamMemberRecord extends Doc {
  communityId: string;
  teamId: string;
  memberId: string;
  joinedAt: number;
}

export interface ActivityRole {
  roleId: string;
  name: string;
  /** 条例 Art. 15: what the role needs. Checked at sign-up against the volunteer record. */
  skill: string | null;
  training: string | null;
  minAge: number | null;
}

export interface ActivityShift {
  shiftId: string;
  startAt: number;
  endAt: number;
}

export interface ActivityRecord extends Doc {
  communityId: string;
  teamId: string;
  title: string;
  description: string;
  place: string;
  status: ActivityStatus;
  /** First shift's start and last shift's end: the list sorts and filters on these. */
  startAt: number;
  endAt: number;
  roles: ActivityRole[];
  shifts: ActivityShift[];
  /** Seats per role and shift; the seat pools (`activitySeats`) are made from this on publish. */
  seats: Array<{ shiftId: string; roleId: string; seats: number }>;
  signupDeadline: number;
  /** 项目负责人: verifies hours; never verifies their own. */
  leadId: string;
  /** The 项目负责人's name when the activity was saved, for the editor; older activities have none (read the member). */
  leadName?: string;
  organiserId: string;
  /** 条例 Art. 17: a risky activity cannot be published uninsured. */
  risky: boolean;
  insured: boolean;
  rounding: RoundingRule;
  graceMinutes: number;
  dailyCapMinutes: number;
  /** Secret the rotating check-in codes are derived from; only the organiser's screen shows codes. */
  codeSecret: string;
  cancelledReason: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * One pool per (activity, shift, role): `as_<activityId>_<shiftId>_<roleId>`. The single
 * authority on its seats, changed only by conditional updates (see booking/seats.ts, the
 * engine this reuses or shares), so any number of parallel sign-ups cannot overbook.
 */
export interface ActivitySeatRecord extends Doc {
  communityId: string;
  activityId: string;
  shiftId: string;
  roleId: string;
  startAt: number;
  endAt: number;
  seats: number;
  seatsLeft: number;
  holders: Record<string, string>;
  waitlist: string[];
  waiting: Record<string, string>;
  waitlistCount: number;
  waitlistLeft: number;
  status: 'open' | 'closed';
}

/**
 * `va_<memberId>`: one per person, the times their open sign-ups hold. A sign-up is added
 * by compare-and-set on `version` only when it overlaps none of the entries, so two
 * overlapping shifts can never both be held, whatever runs in parallel.
 */
export interface AgendaRecord extends Doc {
  communityId: string;
  memberId: string;
  entries: Record<string, { startAt: number; endAt: number; claim: string; at: number }>;
  version: number;
}

/**
 * One place per person and shift, whatever the role: `vs_` + a hash of (activity, shift,
 * member), so the id names nobody (it travels to organisers' rosters).
 */
export interface SignupRecord extends Doc {
  communityId: string;
  activityId: string;
  shiftId: string;
  roleId: string;
  memberId: string;
  /** The volunteer's name when they signed up, for rosters and notices; older sign-ups have none (read the volunteer). */
  name?: string;
  startAt: number;
  endAt: number;
  status: SignupStatus;
  /** Claim token of this incarnation (a withdrawn and re-made sign-up is a new incarnation). */
  claim: string;
  offeredUntil: number | null;
  withdrawReason: string | null;
  /** When the sweep must look again: an offer's deadline, or a release a crash left half done. */
  wakeAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** `ci_<activityId>_<shiftId>_<memberId>`: one attendance per person and shift. */
export interface AttendanceRecord extends Doc {
  communityId: string;
  activityId: string;
  shiftId: string;
  memberId: string;
  inAt: number;
  inMethod: CheckMethod;
  outAt: number | null;
  outMethod: CheckMethod | null;
  /** The device that checked in (wx.getDeviceInfo-derived id the client sends, hashed); one device, one person per shift. */
  deviceKey: string | null;
  /** Who recorded it when not the volunteer (团体录入), and why. */
  recordedBy: string | null;
  reason: string | null;
  flags: EntryFlag[];
  /** When the sweep must close a forgotten check-out (shift end + AUTO_CLOSE_AFTER_MINUTES); null once closed. */
  wakeAt: number | null;
  version: number;
}

/** The ledger: append-only. A verified total is the sum of verified entries, nothing else. */
export interface HourEntryRecord extends Doc {
  communityId: string;
  memberId: string;
  /** The volunteer's name when the entry was made, for the verifiers' lists; older entries have none (read the member). */
  name?: string;
  activityId: string;
  teamId: string;
  shiftId: string | null;
  kind: EntryKind;
  /** Signed for adjustments (a correction of −30 min is an entry of −30). */
  minutes: number;
  /** The service content as the certificate will state it. */
  content: string;
  serviceDate: string;
  status: EntryStatus;
  flags: EntryFlag[];
  /** The entry an adjustment corrects. */
  corrects: string | null;
  reason: string | null;
  decidedBy: string | null;
  /** Above SECOND_VERIFIER_ABOVE_MINUTES a second, different verifier confirms. */
  secondBy: string | null;
  decidedAt: number | null;
  createdBy: string;
  createdAt: number;
  /** The activity's 项目负责人 when the entry was made: whose verification queue it is in. */
  leadId: string;
  version: number;
}

export interface DisputeRecord extends Doc {
  communityId: string;
  entryId: string;
  memberId: string;
  text: string;
  dueAt: number;
  status: 'open' | 'answered';
  answer: string | null;
  answeredBy: string | null;
  createdAt: number;
  /** The entry's activity, and when the sweep chases a late answer (dueAt; null once chased or answered). */
  activityId: string;
  wakeAt: number | null;
}

/** A certificate is a snapshot: it never changes after issue; revocation leaves a tombstone. */
export interface CertificateRecord extends Doc {
  communityId: string;
  memberId: string;
  /** 证明编号, e.g. 幸福里-2026-0001. */
  number: string;
  /** What the page shows, plus the entries it was made from (never shown). */
  snapshot: CertificateSnapshotView & { entryIds: string[] };
  /** Opaque token in the QR; the public verify page shows validity, hours, period, masked name. */
  verifyToken: string;
  issuedAt: number;
  issuedBy: string;
  revokedAt: number | null;
  revokedReason: string | null;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    volunteers: VolunteerRecord;
    teams: TeamRecord;
    teamMembers: TeamMemberRecord;
    activities: ActivityRecord;
    activitySeats: ActivitySeatRecord;
    signups: SignupRecord;
    volunteerAgendas: AgendaRecord;
    attendance: AttendanceRecord;
    hourEntries: HourEntryRecord;
    hourDisputes: DisputeRecord;
    certificates: CertificateRecord;
  }
}
