/**
 * Bulk fixtures written straight to the store, for tests that need hundreds of residents:
 * binding each through invites would test binding, not what the test is about.
 */
import { memberIdFor } from '../../cloudfunctions/lib/kernel/caller';
import type { MemberRecord } from '../../cloudfunctions/lib/kernel/members';
import type { Harness } from './harness';

export async function residents(h: Harness, count: number, building = '1号楼', prefix = 'bulk-resident'): Promise<string[]> {
  const openids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const openid = `${prefix}-${i}`;
    const record: MemberRecord = {
      _id: memberIdFor(openid),
      openid,
      communityId: 'demo',
      roles: ['resident'],
      gridIds: [],
      householdId: `h_${prefix}_${i}`,
      household: { id: `h_${prefix}_${i}`, buildingId: h.ids[building], buildingName: building, unit: '1', room: String(100 + i) },
      name: `居民${i}`,
      version: 1,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    };
    await h.deps.store.insert('members', record);
    openids.push(openid);
  }
  return openids;
}
