import type { MyBallotView, PollResultView, PollView } from '../../../../../miniprogram/core/poll/contract';
import { ownerSortKey, ownerUnitId, type OwnerUnitRecord } from '../../../../../cloudfunctions/lib/features/roll/records';
import { createHarness, member, T0, type Harness } from '../../../../support/harness';
import { addSecondAdmin, DAY, makePoll } from '../../../../support/polls';

let h: Harness;

async function unit(building: string, room: string, areaCenti: number, owners: { name: string; openid?: string }[], unsold = false) {
  const record: OwnerUnitRecord = {
    _id: ownerUnitId(h.ids[building], '1', room), communityId: 'demo', buildingId: h.ids[building], buildingName: building, unit: '1', room,
    sortKey: ownerSortKey(building, '1', room), areaCenti, unsold, owners: owners.map((o) => ({ name: o.name, memberId: o.openid ? member(o.openid) : null })), householdId: null,
    version: 1, createdAt: T0, updatedAt: T0, updatedBy: member('demo-admin'),
  };
  await h.deps.store.insert('ownerUnits', record);
}

beforeEach(async () => {
  h = await createHarness();
  await addSecondAdmin(h);
  await unit('1号楼', '101', 8937, [{ name: '刘阿姨', openid: 'demo-resident-1' }]);
  await unit('1号楼', '102', 10001, [{ name: '刘阿姨', openid: 'demo-resident-1' }]);
  await unit('3号楼', '302', 12050, [{ name: '马大爷', openid: 'demo-resident-2' }]);
  await unit('2号楼', '601', 9000, [{ name: '开发商' }], true);
  await unit('2号楼', '602', 9000, [{ name: '开发商' }], true);
});
afterEach(() => h.close());

const civil = (matter: number, headCount: 'perOwner' | 'perUnit' = 'perOwner') => ({ id: 'CivilCode-278', matter, headCount });

describe('owners are counted as the judicial interpretation counts them', () => {
  it('counts an owner of two units once with both areas, and unsold units as one owner', async () => {
    const poll = await makePoll(h, { unit: 'ownerUnit', rule: civil(4), options: ['同意', '不同意'] });
    const view = await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id });
    expect(view.rollSize).toBe(3);
    expect(view.myBallot?.units).toEqual([{ unitKey: expect.any(String), label: expect.stringContaining('等2套'), voted: false }]);
    const stored = await h.deps.store.get('polls', poll.id);
    expect(stored?.roll?.areaCenti).toBe(8937 + 10001 + 12050 + 9000 + 9000);
  });
  it('under per-unit counting asks an owner of two units which one the ballot is for', async () => {
    const poll = await makePoll(h, { unit: 'ownerUnit', rule: civil(4, 'perUnit'), options: ['同意', '不同意'] });
    const view = await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id });
    expect(view.rollSize).toBe(5);
    expect(view.myBallot?.units).toHaveLength(2);
    const bare = await h.call('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    expect(!bare.ok && bare.error.code).toBe('VALIDATION_ERROR');
    for (const u of view.myBallot?.units ?? []) await h.ok<MyBallotView>('demo-resident-1', 'poll.vote', { pollId: poll.id, unitKey: u.unitKey, choice: { optionIds: ['o1'] } });
    expect((await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id })).participation).toBe(2);
  });
  it('tells a resident who is not on the owner roll why they cannot vote', async () => {
    const poll = await makePoll(h, { unit: 'ownerUnit', rule: civil(4), options: ['同意', '不同意'] });
    const mine = await h.ok<MyBallotView>('demo-grid-1', 'poll.myBallot', { pollId: poll.id });
    expect(mine.cannotVote).toContain('不在本次业主名册上');
  });
});

describe('an Art. 278 decision is decided on area and heads, both', () => {
  it('fails participation on heads when area alone would pass', async () => {
    const poll = await makePoll(h, { unit: 'ownerUnit', rule: civil(6), options: ['同意', '不同意'], lasts: DAY });
    // 刘阿姨 (189.38 m² of 489.88) and 马大爷 (120.50): 2 of 3 heads (≥2/3) and 309.88 m² (≥ 326.59 needed) → area fails.
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-resident-2', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    const r = (await h.ok<PollResultView>('demo-admin-2', 'poll.publish', { pollId: poll.id })).result;
    expect(r?.participationLines).toEqual([
      { text: '参与面积309.88㎡（需≥326.59㎡）', passed: false },
      { text: '参与业主2人（需≥2人）', passed: true },
    ]);
    expect(r?.valid).toBe(false);
    expect(r?.options[0].adopted).toBe(false);
    expect(r?.explanation).toContain('第6项');
    expect(r?.headCountText).toContain('一人拥有多套计一人');
  });
});
