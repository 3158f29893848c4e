/**
 * The visit log in 下载我的数据 and account deletion: a resident sees the visits to their
 * household and its care flags, the staff member what they logged; a deleted staff member's
 * name leaves the visits, which stay with the household.
 */
import type { MyData } from '../../../../../miniprogram/core/privacy/contract';
import { visitPersonalData } from '../../../../../cloudfunctions/lib/features/visit/personal-data';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
let liu: string;
beforeEach(async () => {
  h = await createHarness();
  const found = await h.ok<{ items: Array<{ household?: { id: string } }> }>('demo-admin', 'member.find', { buildingId: h.ids['1号楼'], unit: '1', room: '101' });
  liu = found.items[0].household!.id;
  await h.ok('demo-grid-1', 'visit.log', { householdId: liu, visitor: { kind: 'self' }, visitedAt: h.clock.now() - 60_000, channel: 'door', topics: ['cat_demo_repair'], notes: '工作笔记甲乙丙' }, key());
  await h.ok('demo-grid-1', 'visit.setCare', { householdId: liu, elderly: true, specialCare: false });
});
afterEach(() => h.close());

describe('download my data', () => {
  it('gives the resident the visits to her household and its care flags, without the staff’s notes', async () => {
    const data = (await h.ok<MyData>('demo-resident-1', 'privacy.export')) as unknown as Record<string, unknown>;
    expect(data.visitsToMyHousehold).toEqual([expect.objectContaining({ channel: '上门', topics: ['设施维修'], visitor: '李秀英' })]);
    expect(data.householdCare).toMatchObject({ elderly: true, specialCare: false, setBy: '李秀英' });
    expect(JSON.stringify(data)).not.toContain('工作笔记甲乙丙');
  });
  it('gives the grid worker what she logged, notes included', async () => {
    const data = (await h.ok<MyData>('demo-grid-1', 'privacy.export')) as unknown as Record<string, unknown>;
    expect(data.visitsLogged).toEqual([expect.objectContaining({ household: '1号楼', notes: '工作笔记甲乙丙' })]);
  });
});

describe('erasure', () => {
  it('takes a deleted staff member’s name and id off the visits and care flags, and keeps them for the household', async () => {
    const record = (await h.deps.store.get('members', member('demo-grid-1')))!;
    await visitPersonalData.erase(h.deps, record, 'anon_1', h.clock.now());
    await visitPersonalData.erase(h.deps, record, 'anon_1', h.clock.now());
    const visits = (await h.deps.store.query('visits', { where: { communityId: 'demo', householdId: liu }, orderBy: { field: 'visitedAt', dir: 'desc' }, limit: 5 })).items;
    expect(visits).toEqual([expect.objectContaining({ loggedById: 'anon_1', loggedByName: '已注销用户', visitor: { kind: 'self', memberId: 'anon_1', name: '已注销用户' } })]);
    expect(await h.deps.store.get('householdCare', `care_${liu}`)).toMatchObject({ elderly: true, updatedById: 'anon_1', updatedByName: '已注销用户' });
  });
});
