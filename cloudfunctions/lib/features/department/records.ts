import type { DepartmentKind } from '../../../../miniprogram/core/department/contract';
import type { Doc } from '../../ports/store';

/**
 * One unit of the department directory. It belongs to the community that made it; a shared
 * entry is visible to every community whose subdistrict name matches `subdistrict`.
 */
export interface DepartmentRecord extends Doc {
  communityId: string;
  name: string;
  kind: DepartmentKind;
  /** The unit's public phone (switchboard), shown to staff; null = none given. */
  phone: string | null;
  active: boolean;
  shared: boolean;
  /** The owning community's subdistrict when last saved: what sharing matches on. */
  subdistrict: string;
  /** The contact person (role `department`, member.departmentId = this id); null = none yet. */
  contactId: string | null;
  contactSince: number | null;
  createdBy: string;
  /** Bumped on every change; contact changes are compare-and-set on it. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** `dpc_<CODE>`: a single-use join code; the code is the key, so redeeming is one get. */
export interface DepartmentCodeRecord extends Doc {
  communityId: string;
  departmentId: string;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
  createdBy: string;
  createdAt: number;
}

/**
 * `dpa_<departmentId>_<concernId>`: the department answered (or was called into) this
 * concern; the contact's list of answered items reads these. Written before the concern's
 * commit and checked against the concern on every read, so a failed commit shows nothing false.
 * `communityId` is the concern's community.
 */
export interface DepartmentAnswerRecord extends Doc {
  communityId: string;
  departmentId: string;
  concernId: string;
  /** What the handler had asked: the whistle itself ends with the answer. */
  ask: string;
  at: number;
}

export const departmentCodeId = (code: string) => `dpc_${code}`;
export const departmentAnswerId = (departmentId: string, concernId: string) => `dpa_${departmentId}_${concernId}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    departments: DepartmentRecord;
    departmentCodes: DepartmentCodeRecord;
    departmentAnswers: DepartmentAnswerRecord;
  }
}
