/**
 * Community structure as admins set it up: opening a community, grids with A/B workers,
 * buildings in grids. Residents and visitors can read what they need to choose an address.
 */
import type { GridView, BuildingView, CommunityView } from '../../../../../miniprogram/core/community/contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import { createHarness, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('a bootstrap admin opens a new community', () => {
  it('creates it with default categories, visible to visitors', async () => {
    const opened = await h.ok<CommunityView>('other-admin', 'community.update', { name: '光明社区', subdistrict: '和平街道' });
    expect(opened).toEqual({ id: 'other', name: '光明社区', subdistrict: '和平街道' });
    const list = await h.ok<{ items: CommunityView[] }>('someone', 'community.list', {});
    // 长青社区: the demo's second community, opened in the app by 和平街道.
    expect(list.items.map((c) => c.name)).toEqual(['光明社区', '幸福里社区', '长青社区'].sort());
    const cats = await h.ok<{ items: Array<{ name: string }> }>('other-admin', 'concern.categories', {});
    expect(cats.items.map((c) => c.name)).toContain('安全隐患');
  });
  it('renames without reseeding or duplicating', async () => {
    await h.ok('demo-admin', 'community.update', { name: '幸福里社区（新）', subdistrict: '和平街道' });
    const list = await h.ok<{ items: CommunityView[] }>('someone', 'community.list', {});
    expect(list.items.filter((c) => c.id === 'demo')).toEqual([{ id: 'demo', name: '幸福里社区（新）', subdistrict: '和平街道' }]);
  });
});

describe('grids name their A and B workers, who then have the grid in scope', () => {
  it('lists grids with worker names for residents', async () => {
    const grids = await h.ok<{ items: GridView[] }>('demo-resident-1', 'community.grids', {});
    expect(grids.items).toEqual([
      {
        id: h.ids['第一网格'], name: '第一网格',
        workerA: { memberId: member('demo-grid-1'), name: '李秀英' }, workerB: { memberId: member('demo-grid-1b'), name: '赵丽' },
        leader: { memberId: member('demo-leader'), name: '陈建华' },
      },
      { id: h.ids['第二网格'], name: '第二网格', workerA: { memberId: member('demo-grid-2'), name: '张建国' }, leader: { memberId: member('demo-leader'), name: '陈建华' } },
    ]);
  });
  it('adds the grid to a newly named worker’s scope', async () => {
    await h.ok('demo-admin', 'member.setRoles', { memberId: member('fresh'), roles: ['gridWorker'], name: '孙网格' });
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第二网格'], name: '第二网格', workerA: member('demo-grid-2'), workerB: member('fresh') });
    const me = await h.ok<MeView>('fresh', 'member.me');
    expect(me.gridIds).toEqual([h.ids['第二网格']]);
  });
  it('refuses a worker who is not a grid worker, or the same person as A and B', async () => {
    expect(await h.call('demo-admin', 'community.upsertGrid', { name: '第三网格', workerA: member('demo-resident-1') })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(await h.call('demo-admin', 'community.upsertGrid', { name: '第三网格', workerA: member('demo-grid-1'), workerB: member('demo-grid-1') })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('cannot edit another community’s grid', async () => {
    expect(await h.call('other-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '改名' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('buildings belong to grids', () => {
  it('moves a building to another grid, which re-routes new concerns', async () => {
    await h.ok<BuildingView>('demo-admin', 'community.upsertBuilding', { buildingId: h.ids['1号楼'], name: '1号楼', gridId: h.ids['第二网格'] });
    const c = await h.ok<{ assignee?: { memberId: string } }>('demo-resident-1', 'concern.submit', {
      category: 'cat_demo_environment', buildingId: h.ids['1号楼'], text: '楼前绿化带有很多垃圾',
    }, 'move-building-key-1');
    expect(c.assignee?.memberId).toBe(member('demo-grid-2'));
  });
  it('lists buildings of a chosen community for a visitor', async () => {
    const page = await h.ok<{ items: BuildingView[] }>('someone', 'community.buildings', { communityId: 'demo' });
    expect(page.items.map((b) => b.name)).toEqual(['1号楼', '2号楼', '3号楼', '4号楼']);
    expect(await h.call('someone', 'community.buildings', {})).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('refuses a grid that does not exist', async () => {
    expect(await h.call('demo-admin', 'community.upsertBuilding', { name: '5号楼', gridId: 'g_nope' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
