/**
 * 更正名册: admins correct a unit of the owner register; admins and the building's grid
 * workers name a household's 户代表 and its minors. Every change is audited with its reason
 * and what it was before; a correction that changes nothing writes nothing.
 */
import type { HouseholdRollView, OwnerUnitView } from '../../../../../miniprogram/core/poll/contract';
import type { EventRecord } from '../../../../../cloudfunctions/lib/kernel/audit';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { householdCensus } from '../../../../../cloudfunctions/lib/features/roll/census';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { moveIn, ownerSheet } from '../../../../support/owner-sheet';

let h: Harness;
let unit: OwnerUnitView;
beforeEach(async () => {
  h = await createHarness();
  const fileBase64 = await ownerSheet([
    ['1号楼', '1', '101', 89.37, '刘阿姨', ''],
    ['3号楼', '2', '302', 102.46, '马国庆', ''],
  ]);
  await h.ok('demo-admin', 'roll.import', { fileBase64, commit: true });
  const roll = await h.ok<{ items: OwnerUnitView[] }>('demo-admin', 'roll.list', { kind: 'owner' });
  unit = roll.items[0];
});
afterEach(() => h.close());

const events = async (subject: string) =>
  (await h.deps.store.query<EventRecord>('events', { where: { communityId: 'demo', subject }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items.filter((e) => e.type === 'roll.corrected');

const households = async (openid: string) => (await h.ok<{ items: HouseholdRollView[] }>(openid, 'roll.list', { kind: 'household' })).items;
const liuHousehold = async () => (await households('demo-admin')).find((x) => x.address === '1号楼 1单元 101室') as HouseholdRollView;

describe('an admin corrects a unit of the owner register, audited before → after with the reason', () => {
  it('changes the area and says from what to what', async () => {
    const next = await h.ok<OwnerUnitView>('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, areaM2: '90.5', reason: '按不动产登记证更正' });
    expect(next).toMatchObject({ unitId: unit.unitId, areaCenti: 9050, areaText: '90.50㎡', allowedActions: ['roll.correct'] });
    const [e] = await events(`ownerUnit:${unit.unitId}`);
    expect(e).toMatchObject({ actorId: member('demo-admin'), public: false });
    expect(e.note).toBe('专有面积 89.37㎡ → 90.50㎡；原因：按不动产登记证更正');
  });
  it('changes owners and their links, naming them and never a phone or an ID number', async () => {
    await h.ok('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, owners: [{ name: '刘阿姨', memberId: null }, { name: '刘建国' }], unsold: false, reason: '继承过户，增加共有人' });
    const [e] = await events(`ownerUnit:${unit.unitId}`);
    expect(e.note).toBe('业主 刘阿姨（已关联） → 刘阿姨、刘建国；原因：继承过户，增加共有人');
  });
  it('writes nothing for a correction that changes nothing', async () => {
    const same = await h.ok<OwnerUnitView>('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, areaM2: '89.37', unsold: false, reason: '核对无误' });
    expect(same).toEqual(unit);
    expect(await events(`ownerUnit:${unit.unitId}`)).toEqual([]);
    expect((await h.deps.store.get('ownerUnits', unit.unitId))?.version).toBe(1);
  });
  it('links an owner only to a resident of this community, naming the field', async () => {
    const res = await h.call('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, owners: [{ name: '李秀英', memberId: member('demo-grid-1') }], reason: '关联业主' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'owners.0.memberId' }] } } });
    const linked = await h.ok<OwnerUnitView>('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, owners: [{ name: '刘阿姨', memberId: member('demo-resident-2') }], reason: '关联业主' });
    expect(linked.owners).toEqual([{ name: '刘阿姨', memberId: member('demo-resident-2'), linked: true }]);
    expect((await events(`ownerUnit:${unit.unitId}`)).map((e) => e.note)).toEqual(['业主 刘阿姨（已关联） → 刘阿姨（重新关联）；原因：关联业主']);
  });
  it('refuses an area of zero, and a reason the content check refuses', async () => {
    expect(await h.call('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, areaM2: '0', reason: '更正面积' })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'areaM2' }] } } });
    expect(await h.call('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, areaM2: '91', reason: '他在家里赌博' })).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'reason' }] } } });
    expect((await h.deps.store.get('ownerUnits', unit.unitId))?.areaCenti).toBe(8937);
  });
  it('is refused to grid workers, even for a unit in their grid', async () => {
    expect(await h.call('demo-grid-1', 'roll.correct', { kind: 'owner', unitId: unit.unitId, areaM2: '91', reason: '更正面积' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await h.deps.store.get('ownerUnits', unit.unitId))?.areaCenti).toBe(8937);
  });
});

describe('a household’s 户代表 and minors are set by admins and the grid workers of its building', () => {
  it('lets the grid’s worker name the representative and a minor, audited on the household without names', async () => {
    const household = await liuHousehold();
    // Members are listed in the order they joined.
    h.clock.advance(1000);
    await moveIn(h, 'rt-child-1', '1号楼', '1', '101', '刘小宝');
    h.clock.advance(1000);
    await moveIn(h, 'rt-son-1', '1号楼', '1', '101', '刘建国');
    const next = await h.ok<HouseholdRollView>('demo-grid-1', 'roll.correct', { kind: 'household', householdId: household.householdId, representativeId: member('rt-son-1'), minorIds: [member('rt-child-1')], reason: '户主委托儿子代表本户' });
    expect(next.representativeId).toBe(member('rt-son-1'));
    expect(next.members).toEqual([
      { memberId: member('demo-resident-1'), name: '刘阿姨', adult: true, representative: false },
      { memberId: member('rt-child-1'), name: '刘小宝', adult: false, representative: false },
      { memberId: member('rt-son-1'), name: '刘建国', adult: true, representative: true },
    ]);
    const [e] = await events(`household:${household.householdId}`);
    expect(e.note).toBe('户代表 未指定 → 已指定；未成年人 0人 → 1人；原因：户主委托儿子代表本户');
    // What polls count: the minor is off the household's voters.
    const census = await householdCensus(new ScopedStore(h.deps.store, 'demo'), { scope: 'community', ids: [] });
    expect(census.find((c) => c.unitKey === household.householdId)?.voterIds.sort()).toEqual([member('demo-resident-1'), member('rt-son-1')].sort());
  });
  it('keeps the representative within the household: someone bound elsewhere is refused on the field', async () => {
    const household = await liuHousehold();
    const res = await h.call('demo-admin', 'roll.correct', { kind: 'household', householdId: household.householdId, representativeId: member('demo-resident-2'), reason: '指定户代表' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'representativeId' }] } } });
    const minor = await h.call('demo-admin', 'roll.correct', { kind: 'household', householdId: household.householdId, minorIds: [member('demo-resident-2')], reason: '标记未成年人' });
    expect(minor).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'minorIds.0' }] } } });
    expect(await h.deps.store.get('householdRolls', `hr_${household.householdId}`)).toBeNull();
  });
  it('does not let the representative be a minor', async () => {
    const household = await liuHousehold();
    const res = await h.call('demo-admin', 'roll.correct', { kind: 'household', householdId: household.householdId, representativeId: member('demo-resident-1'), minorIds: [member('demo-resident-1')], reason: '指定户代表' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'representativeId' }] } } });
  });
  it('is not found for a grid worker of another grid, and writes nothing', async () => {
    const household = await liuHousehold();
    const res = await h.call('demo-grid-2', 'roll.correct', { kind: 'household', householdId: household.householdId, representativeId: member('demo-resident-1'), reason: '指定户代表' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.deps.store.get('householdRolls', `hr_${household.householdId}`)).toBeNull();
    expect(await events(`household:${household.householdId}`)).toEqual([]);
  });
  it('changes the entry by version: a second correction builds on the first, and a repeat writes nothing', async () => {
    const household = await liuHousehold();
    const input = { kind: 'household', householdId: household.householdId, representativeId: member('demo-resident-1'), reason: '指定户代表' };
    await h.ok('demo-admin', 'roll.correct', input);
    await h.ok('demo-admin', 'roll.correct', input);
    await h.ok('demo-admin', 'roll.correct', { ...input, representativeId: null, reason: '取消指定' });
    expect(await h.deps.store.get('householdRolls', `hr_${household.householdId}`)).toMatchObject({ householdId: household.householdId, representativeId: null, version: 2 });
    expect((await events(`household:${household.householdId}`)).map((e) => e.note)).toEqual(['户代表 未指定 → 已指定；原因：指定户代表', '户代表 已指定 → 未指定；原因：取消指定']);
  });
});
