/** The roll's rows as staff see them: addresses and names, never a phone or an ID number. */
import type { HouseholdRollView, OwnerUnitView } from '../../../../miniprogram/core/poll/contract';
import { areaText } from '../../../../miniprogram/core/poll/rules';
import type { Caller } from '../../kernel/caller';
import type { MemberRecord } from '../../kernel/members';
import type { BuildingRecord } from '../community/records';
import { formatAddress } from '../member/household';
import type { HouseholdRecord } from '../member/records';
import { householdRowActions, ownerRowActions } from './permissions';
import type { HouseholdRollRecord, OwnerUnitRecord } from './records';

/** Residents bound to a household as the roll counts them: resident role, account not deleted. */
export function boundResidents(members: readonly MemberRecord[], householdId: string): MemberRecord[] {
  return members.filter((m) => m.householdId === householdId && m.roles.includes('resident') && !m.deletedAt);
}

export function householdRollView(
  caller: Caller,
  household: HouseholdRecord,
  building: BuildingRecord | undefined,
  residents: readonly MemberRecord[],
  roll: HouseholdRollRecord | null,
): HouseholdRollView {
  const minors = new Set(roll?.minorIds ?? []);
  const bound = new Set(residents.map((m) => m._id));
  // A 户代表 who has since moved out no longer stands for the household.
  const designated = roll?.representativeId && bound.has(roll.representativeId) ? roll.representativeId : null;
  // Until staff name one, the first adult bound (else the first bound) stands in.
  const standIn = designated ?? residents.find((m) => !minors.has(m._id))?._id ?? residents[0]?._id ?? null;
  return {
    householdId: household._id,
    gridId: building?.gridId ?? null,
    address: formatAddress(building?.name ?? '', household.unit, household.room),
    members: residents.map((m) => ({ memberId: m._id, name: m.name ?? '居民', adult: !minors.has(m._id), representative: m._id === standIn })),
    representativeId: designated,
    allowedActions: householdRowActions(caller, building?.gridId ?? null),
  };
}

export function ownerUnitView(caller: Caller, unit: OwnerUnitRecord, buildingName?: string): OwnerUnitView {
  return {
    unitId: unit._id,
    buildingId: unit.buildingId,
    address: formatAddress(buildingName ?? unit.buildingName, unit.unit, unit.room),
    areaCenti: unit.areaCenti,
    areaText: areaText(unit.areaCenti),
    unsold: unit.unsold,
    owners: unit.owners.map((o) => ({ name: o.name, memberId: o.memberId, linked: o.memberId !== null })),
    householdId: unit.householdId,
    updatedAt: unit.updatedAt,
    allowedActions: ownerRowActions(caller),
  };
}
