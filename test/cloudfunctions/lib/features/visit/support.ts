/** Households made on the roll for the visit tests, by address, through the admin's invites. */
import type { Harness } from '../../../../support/harness';

export async function makeHouseholds(h: Harness, rows: Array<[building: string, unit: string, room: string]>): Promise<string[]> {
  const { invites } = await h.ok<{ invites: Array<{ householdId: string }> }>('demo-admin', 'member.issueInvites', {
    households: rows.map(([b, unit, room]) => ({ buildingId: h.ids[b], unit, room })),
  });
  return invites.map((i) => i.householdId);
}

export const DAY = 24 * 3600_000;
