import { createHash } from 'node:crypto';
import type { Doc } from '../../ports/store';

/**
 * One 专有部分 on the owner register, as the community's sheet lists it and staff corrected
 * it. The id is derived from the address, so a re-import finds the unit it wrote before.
 */
export interface OwnerUnitRecord extends Doc {
  communityId: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  room: string;
  /** Building, unit and room with their numbers padded (ownerSortKey): the roll lists units in address order. */
  sortKey: string;
  /** Registered exclusive area in hundredths of a m²: exact, never a float. */
  areaCenti: number;
  /** Not sold or not delivered: all such units count together as one owner (法释〔2009〕7号 Art. 9). */
  unsold: boolean;
  /** As on the register; `memberId` once tied to a member who may vote for it in the app. */
  owners: { name: string; memberId: string | null }[];
  /** The household at the same address, when there is one. */
  householdId: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

/**
 * What staff set on a household beyond its bindings: the designated 户代表 and the members
 * under 18 (kept off the adults' roll). One per household, created on first correction.
 */
export interface HouseholdRollRecord extends Doc {
  communityId: string;
  householdId: string;
  representativeId: string | null;
  minorIds: string[];
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/** `ou_` + a digest of building, unit and room as folded for comparison. */
export function ownerUnitId(buildingId: string, unitKey: string, roomKey: string): string {
  return `ou_${createHash('sha256').update(`${buildingId}\u0000${unitKey}\u0000${roomKey}`).digest('hex').slice(0, 24)}`;
}

/**
 * Address order for the owner roll's pages: 2号楼 before 10号楼, 2单元 before 10单元, so
 * staff can hold the list against the sheet. Digit runs are padded; the rest compares as is.
 */
export function ownerSortKey(buildingName: string, unitKey: string, roomKey: string): string {
  const natural = (s: string) => s.normalize('NFKC').replace(/\d+/g, (d) => d.padStart(8, '0'));
  return [natural(buildingName), natural(unitKey), natural(roomKey)].join('|');
}

export const householdRollId = (householdId: string) => `hr_${householdId}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    ownerUnits: OwnerUnitRecord;
    householdRolls: HouseholdRollRecord;
  }
}
