import type { Doc } from '../../ports/store';
import type { BindingStatus } from '../../../../miniprogram/core/member/contract';

export interface HouseholdRecord extends Doc {
  communityId: string;
  buildingId: string;
  unit: string;
  room: string;
  /** unit and room folded (normalizeAddressPart), for the finder's 楼栋 → 单元 → 房号 search. */
  unitKey?: string;
  roomKey?: string;
  createdAt: number;
}

export interface InviteRecord extends Doc {
  /** `inv_<CODE>`: the code is the key, so redeeming is one get. */
  communityId: string;
  householdId: string;
  /** The flat the code binds to, copied when issued (absent on older invites: read the household). */
  household?: { buildingId: string; unit: string; room: string };
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

declare module '../../ports/store' {
  interface CollectionRecords {
    households: HouseholdRecord;
    invites: InviteRecord;
    bindingRequests: BindingRequestRecord;
  }
}
