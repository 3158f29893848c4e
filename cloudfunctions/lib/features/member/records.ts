import type { Doc } from '../../ports/store';
import type { MemberRole } from '../../../../miniprogram/core/roles';
import type { BindingStatus } from '../../../../miniprogram/core/member/contract';

/** Where a resident lives, copied onto the member so `member.me` needs no joins. */
export interface HouseholdSnapshot {
  id: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  room: string;
}

export interface MemberRecord extends Doc {
  /** memberIdFor(openid) */
  _id: string;
  /** Null until the person first calls (roles can be set before that). */
  openid: string | null;
  communityId: string;
  roles: MemberRole[];
  gridIds: string[];
  householdId: string | null;
  household: HouseholdSnapshot | null;
  name: string | null;
  /** Phone from WeChat's getPhoneNumber, encrypted at rest, plus the masked form for display. */
  phoneEnc?: string | null;
  phoneMasked?: string | null;
  /** Set while an account deletion waits out its period. */
  deletionScheduledFor?: number | null;
  /** When the account was anonymised; the record then stands only for the audit trail. */
  deletedAt?: number;
  /** Staff away (leave, training): new and unsigned concerns skip them until `until`. */
  away?: { since: number; until: number | null } | null;
  /** Bumped on every change; updates are compare-and-set on it. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface HouseholdRecord extends Doc {
  communityId: string;
  buildingId: string;
  unit: string;
  room: string;
  createdAt: number;
}

export interface InviteRecord extends Doc {
  /** `inv_<CODE>`: the code is the key, so redeeming is one get. */
  communityId: string;
  householdId: string;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
  createdBy: string;
  createdAt: number;
}

export interface BindingRequestRecord extends Doc {
  /** `br_<memberId>`: one request document per applicant, reopened after a rejection. */
  communityId: string;
  applicantId: string;
  buildingId: string;
  buildingName: string;
  gridId: string;
  unit: string;
  room: string;
  name: string;
  status: BindingStatus;
  reason: string | null;
  requestHash: string;
  round: number;
  createdAt: number;
  reviewedAt: number | null;
  reviewerId: string | null;
}

export const inviteId = (code: string) => `inv_${code}`;
export const bindingRequestId = (memberId: string) => `br_${memberId}`;
