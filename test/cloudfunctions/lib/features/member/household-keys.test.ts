/**
 * Households written before the finder had no search keys; the sweep gives them theirs, so
 * 楼栋 → 单元 → 房号 finds old households as well as new ones.
 */
import type { FoundEntry } from '../../../../../miniprogram/core/member/contract';
import { backfillHouseholdKeys } from '../../../../../cloudfunctions/lib/features/member/household-keys';
import { createHarness, type Harness } from '../../../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('households written before the finder', () => {
  it('are found by unit once the sweep has keyed them, and a second run changes nothing', async () => {
    await h.deps.store.insert('households', { _id: 'h_old', communityId: 'demo', buildingId: h.ids['1号楼'], unit: '5单元', room: '501室', createdAt: 0 });
    const search = () => h.ok<{ items: FoundEntry[] }>('demo-grid-1', 'member.find', { buildingId: h.ids['1号楼'], unit: '5' });
    expect((await search()).items).toEqual([]);
    expect(await backfillHouseholdKeys(h.deps, { pages: 5 })).toEqual({ keyed: 1 });
    expect((await search()).items.map((e) => e.household?.address)).toEqual(['1号楼 5单元 501室']);
    expect(await backfillHouseholdKeys(h.deps, { pages: 5 })).toEqual({ keyed: 0 });
  });
});
