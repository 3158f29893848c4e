/**
 * What polls count, read from the roll this feature writes: under 法释〔2009〕7号 Arts. 8–9
 * (perOwner) an owner of two units the register links to one member is one head, and all
 * unsold units together are one; a name two units share without a link is not merged on a
 * guess. Under perUnit every unit is a head of its own.
 */
import type { OwnerUnitView } from '../../../../../miniprogram/core/poll/contract';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { ownerCensus } from '../../../../../cloudfunctions/lib/features/roll/census';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { ownerSheet } from '../../../../support/owner-sheet';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  const fileBase64 = await ownerSheet([
    ['1号楼', '1', '101', 89.37, '刘阿姨', ''],
    ['3号楼', '1', '101', 68.9, '刘阿姨', ''],
    ['2号楼', '1', '201', 112.05, '周建明', ''],
    ['2号楼', '1', '202', 112.05, '周建明', ''],
    ['4号楼', '2', '601', 142.18, '', '未售'],
    ['4号楼', '2', '602', 142.18, '', '未售'],
  ]);
  await h.ok('demo-admin', 'roll.import', { fileBase64, commit: true });
  // 刘阿姨 is linked at her own flat by the import; her second unit staff link after seeing the deed.
  const roll = await h.ok<{ items: OwnerUnitView[] }>('demo-admin', 'roll.list', { kind: 'owner' });
  const second = roll.items.find((u) => u.address === '3号楼 1单元 101室') as OwnerUnitView;
  await h.ok('demo-admin', 'roll.correct', { kind: 'owner', unitId: second.unitId, owners: [{ name: '刘阿姨', memberId: member('demo-resident-1') }], reason: '持房产证核实，名下两套' });
});
afterAll(() => h.close());

const census = (headCount: 'perOwner' | 'perUnit') => ownerCensus(new ScopedStore(h.deps.store, 'demo'), { scope: 'community', ids: [] }, headCount);

describe('owner heads per 法释〔2009〕7号 (perOwner)', () => {
  it('counts 刘阿姨’s two linked units as one head with both areas, and the two unsold units as one', async () => {
    const groups = await census('perOwner');
    expect(groups).toHaveLength(4);
    const liu = groups.find((g) => g.voterIds.includes(member('demo-resident-1')));
    expect(liu).toMatchObject({ areaCenti: 8937 + 6890, voterIds: [member('demo-resident-1')], voterNames: { [member('demo-resident-1')]: '刘阿姨' } });
    expect(liu?.label).toMatch(/等2套$/);
    expect(groups.find((g) => g.label.startsWith('未售出房屋'))).toMatchObject({ label: '未售出房屋（2套，计为一位业主）', areaCenti: 28436, voterIds: [] });
  });
  it('does not merge two units on a shared name alone', async () => {
    const zhou = (await census('perOwner')).filter((g) => g.label.startsWith('2号楼'));
    expect(zhou).toHaveLength(2);
    expect(zhou.every((g) => g.areaCenti === 11205)).toBe(true);
  });
});

describe('owner heads per unit (perUnit)', () => {
  it('counts every unit, sold or not, as its own head', async () => {
    const groups = await census('perUnit');
    expect(groups).toHaveLength(6);
    expect(groups.reduce((n, g) => n + g.areaCenti, 0)).toBe(8937 + 6890 + 11205 * 2 + 14218 * 2);
    expect(groups.filter((g) => g.voterIds.includes(member('demo-resident-1')))).toHaveLength(2);
  });
});
