import type { MemberRole } from '../../../miniprogram/core/roles';
import { TransactionConflictError, type Doc, type Store } from '../ports/store';


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
  /** Grids this person leads (网格长), kept by community.upsertGrid; absent on older records = none. */
  ledGridIds?: string[];
  /** Set with the role `department`: the directory entry this member is the contact person of. */
  departmentId?: string | null;
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

/**
 * Changes a member by compare-and-set on `version`: concurrent role changes and bindings
 * cannot overwrite each other. `change` receives the current record (null if none) and
 * returns the next one, or throws an AppError to refuse. A caller that has just read the
 * record passes it as `known`: the first attempt starts from it (the version check still
 * decides), saving the read; a stale one only costs the retry.
 */
export async function changeMember(
  store: Store,
  memberId: string,
  now: number,
  change: (current: MemberRecord | null) => Omit<MemberRecord, 'version' | 'createdAt' | 'updatedAt' | '_id'>,
  known?: MemberRecord,
): Promise<MemberRecord> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = attempt === 0 && known?._id === memberId ? known : await store.get('members', memberId);
    const fields = change(current);
    if (!current) {
      const created: MemberRecord = { _id: memberId, ...fields, version: 1, createdAt: now, updatedAt: now };
      if (await store.insert('members', created)) return created;
      continue;
    }
    const next: MemberRecord = { ...current, ...fields, version: current.version + 1, updatedAt: now };
    const { _id: _ignored, ...patch } = next;
    void _ignored;
    if (await store.update('members', memberId, patch, { version: current.version })) return next;
  }
  throw new TransactionConflictError();
}

declare module '../ports/store' {
  interface CollectionRecords {
    members: MemberRecord;
  }
}
