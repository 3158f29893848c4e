import type { Doc } from '../../ports/store';
import type { VisitChannel } from '../../../../miniprogram/core/visit/contract';

/**
 * One visit (走访), as logged. The household is named by its id and the place is only its
 * building: no location, no route, nothing that follows the visitor or the visited.
 */
export interface VisitRecord extends Doc {
  communityId: string;
  householdId: string;
  buildingId: string;
  buildingName: string;
  /** The building's grid when the visit was logged: the grid's coverage counts it. */
  gridId: string;
  /** 「2026-11」 in community time, for the grid-and-month list and coverage. */
  month: string;
  visitedAt: number;
  channel: VisitChannel;
  topics: { id: string; name: string }[];
  notes: string | null;
  /** The staff member who logged it, or the Party member they logged it for (by name only). */
  visitor: { kind: 'self'; memberId: string; name: string } | { kind: 'partyMember'; memberId: null; name: string };
  loggedById: string;
  loggedByName: string;
  concernId: string | null;
  concernNumber: string | null;
  /** Of the input: a retry with other content under the same key is a CONFLICT. */
  requestHash: string;
  createdAt: number;
}

/** A household's care flags, set by staff; kept here, apart from the roll's own record. */
export interface HouseholdCareRecord extends Doc {
  /** `care_<householdId>`: one per household. */
  communityId: string;
  householdId: string;
  buildingId: string;
  elderly: boolean;
  specialCare: boolean;
  /** Either flag: the coverage page reads the flagged households of a building. */
  flagged: boolean;
  updatedAt: number;
  updatedById: string;
  updatedByName: string;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    visits: VisitRecord;
    householdCare: HouseholdCareRecord;
  }
}
