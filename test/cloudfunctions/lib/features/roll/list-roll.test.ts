/**
 * 户名册 and 业主名册 as staff read them: a grid worker sees the buildings of their grids and
 * nothing else, an admin the whole community; pages come in address order with the scope's
 * totals, and each row offers 更正 exactly where the server would take it.
 */
import type { HouseholdRollView, OwnerUnitView } from '../../../../../miniprogram/core/poll/contract';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { ownerSheet } from '../../../../support/owner-sheet';

type Listed<T> = { items: T[]; next?: string; total: number; totalAreaCenti: number | null };

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const list = <T>(openid: string, data: Record<string, unknown>) => h.ok<Listed<T>>(openid, 'roll.list', data);

async function importDemoRoll(): Promise<void> {
  await h.ok('demo-admin', 'community.upsertBuilding', { name: '10号楼', gridId: h.ids['第二网格'] });
  const fileBase64 = await ownerSheet([
    ['10号楼', '1', '101', 70, '钱多多', ''],
    ['4号楼', '2', '601', 142.18, '', '未售'],
    ['3号楼', '2', '302', 102.46, '马国庆', ''],
    ['2号楼', '1', '201', 112.05, '赵志刚', ''],
    ['1号楼', '10', '101', 60, '孙丽', ''],
    ['1号楼', '2', '101', 60, '李红', ''],
    ['1号楼', '1', '101', 89.37, '刘阿姨', ''],
  ]);
  await h.ok('demo-admin', 'roll.import', { fileBase64, commit: true });
}

describe('the household roll: households with their bound residents, scoped by grid', () => {
  it('shows a grid worker the households of their grids’ buildings, each with its residents and 更正', async () => {
    const mine = await list<HouseholdRollView>('demo-grid-1', { kind: 'household' });
    expect(mine.total).toBe(2);
    expect(mine.totalAreaCenti).toBeNull();
    expect(mine.items.map((x) => x.address).sort()).toEqual(['1号楼 1单元 101室', '2号楼 1单元 201室']);
    const liu = mine.items.find((x) => x.address === '1号楼 1单元 101室') as HouseholdRollView;
    expect(liu).toMatchObject({ gridId: h.ids['第一网格'], representativeId: null, allowedActions: ['roll.correct'] });
    // Until staff name a 户代表, the first adult bound stands in.
    expect(liu.members).toEqual([{ memberId: member('demo-resident-1'), name: '刘阿姨', adult: true, representative: true }]);
    expect(mine.items.find((x) => x.address === '2号楼 1单元 201室')?.members).toEqual([]);
    const theirs = await list<HouseholdRollView>('demo-grid-2', { kind: 'household' });
    expect(theirs.items.map((x) => x.address).sort()).toEqual(['3号楼 2单元 302室', '4号楼 1单元 101室']);
  });
  it('shows an admin every household of the community, and one building when asked', async () => {
    const first = await list<HouseholdRollView>('demo-admin', { kind: 'household', limit: 3 });
    expect(first).toMatchObject({ total: 4, next: expect.any(String) });
    const second = await list<HouseholdRollView>('demo-admin', { kind: 'household', limit: 3, cursor: first.next });
    expect(second).toMatchObject({ total: 4 });
    expect(second.next).toBeUndefined();
    expect(new Set([...first.items, ...second.items].map((x) => x.householdId)).size).toBe(4);
    const one = await list<HouseholdRollView>('demo-admin', { kind: 'household', buildingId: h.ids['3号楼'] });
    expect(one).toMatchObject({ total: 1, items: [expect.objectContaining({ address: '3号楼 2单元 302室', allowedActions: ['roll.correct'] })] });
  });
  it('lists a building outside the grid worker’s grids as empty', async () => {
    expect(await list('demo-grid-1', { kind: 'household', buildingId: h.ids['3号楼'] })).toEqual({ items: [], total: 0, totalAreaCenti: null });
    expect(await list('demo-grid-1', { kind: 'owner', buildingId: h.ids['3号楼'] })).toEqual({ items: [], total: 0, totalAreaCenti: 0 });
  });
  it('is not for residents', async () => {
    expect(await h.call('demo-resident-1', 'roll.list', { kind: 'household' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the owner roll: units in address order, paged, with the scope’s count and area', () => {
  it('lists the admin every unit, 2号楼 before 10号楼 and 2单元 before 10单元, with 更正 on each', async () => {
    await importDemoRoll();
    const all = await list<OwnerUnitView>('demo-admin', { kind: 'owner' });
    expect(all.items.map((u) => u.address)).toEqual([
      '1号楼 1单元 101室',
      '1号楼 2单元 101室',
      '1号楼 10单元 101室',
      '2号楼 1单元 201室',
      '3号楼 2单元 302室',
      '4号楼 2单元 601室',
      '10号楼 1单元 101室',
    ]);
    expect(all).toMatchObject({ total: 7, totalAreaCenti: 8937 + 6000 + 6000 + 11205 + 10246 + 14218 + 7000 });
    expect(all.items.every((u) => u.allowedActions.length === 1 && u.allowedActions[0] === 'roll.correct')).toBe(true);
    expect(all.items.find((u) => u.unsold)).toMatchObject({ address: '4号楼 2单元 601室', areaText: '142.18㎡', owners: [] });
  });
  it('pages through the same rows with the same totals on every page', async () => {
    await importDemoRoll();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Listed<OwnerUnitView> = await list<OwnerUnitView>('demo-admin', { kind: 'owner', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page).toMatchObject({ total: 7, totalAreaCenti: 63606 });
      seen.push(...page.items.map((u) => u.address));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual((await list<OwnerUnitView>('demo-admin', { kind: 'owner' })).items.map((u) => u.address));
  });
  it('shows a grid worker only their grids’ units, to read, not to correct', async () => {
    await importDemoRoll();
    const mine = await list<OwnerUnitView>('demo-grid-1', { kind: 'owner' });
    expect(mine.items.map((u) => u.address)).toEqual(['1号楼 1单元 101室', '1号楼 2单元 101室', '1号楼 10单元 101室', '2号楼 1单元 201室']);
    expect(mine).toMatchObject({ total: 4, totalAreaCenti: 8937 + 6000 + 6000 + 11205 });
    expect(mine.items.every((u) => u.allowedActions.length === 0)).toBe(true);
    const byBuilding = await list<OwnerUnitView>('demo-grid-2', { kind: 'owner', buildingId: h.ids['3号楼'] });
    expect(byBuilding).toMatchObject({ total: 1, totalAreaCenti: 10246, items: [expect.objectContaining({ address: '3号楼 2单元 302室' })] });
  });
  it('refuses a cursor it did not hand out', async () => {
    expect(await h.call('demo-admin', 'roll.list', { kind: 'owner', cursor: 'abc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'cursor' }] } } });
  });
});
