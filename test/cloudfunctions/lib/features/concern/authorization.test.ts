/**
 * Who may read and act on a concern: residents only their own (and originals they follow),
 * staff only within their grids unless it was transferred to them, staff notes never to
 * residents, hidden names never to other residents.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
let c: ConcernView;
beforeEach(async () => {
  h = await createHarness();
  c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', {
    category: 'cat_demo_dispute', buildingId: h.ids['1号楼'], text: '楼上住户每天深夜装修噪音很大，多次沟通无果。', hideName: true,
  }, key());
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
});
afterEach(() => h.close());

describe('residents see only their own concerns, and never staff notes', () => {
  it('hides another resident’s concern as NOT_FOUND for every action', async () => {
    for (const [action, data] of [
      ['concern.get', {}], ['concern.supplement', { text: '补充' }], ['concern.withdraw', {}], ['concern.reopen', { reason: '未解决' }],
      ['concern.rate', { resolved: true, satisfaction: 5 }],
    ] as const) {
      expect(await h.call('demo-resident-2', action, { concernId: c.id, ...data })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
  it('keeps internal notes off the resident’s timeline', async () => {
    await h.ok('demo-grid-1', 'concern.note', { concernId: c.id, text: '楼上住户是网格内重点沟通对象，先电话联系' });
    await h.ok('demo-grid-1', 'concern.reply', { concernId: c.id, text: '已联系楼上住户，约定晚十点后停止施工' });
    const resident = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(JSON.stringify(resident)).not.toContain('重点沟通对象');
    expect(resident.timeline.map((e) => e.note)).toContain('已联系楼上住户，约定晚十点后停止施工');
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.timeline.find((e) => e.type === 'concern.noted')).toMatchObject({ internal: true, note: '楼上住户是网格内重点沟通对象，先电话联系' });
  });
  it('refuses staff actions to residents', async () => {
    for (const action of ['concern.accept', 'concern.reply', 'concern.note', 'concern.resolve', 'concern.transfer']) {
      expect((await h.call('demo-resident-1', action, { concernId: c.id, text: 'x', summary: 'x', reason: 'x', toGridId: h.ids['第二网格'] })).ok).toBe(false);
    }
  });
});

describe('grid workers act only within their grids unless a concern is transferred to them', () => {
  it('refuses the other grid’s worker until the concern is transferred there', async () => {
    expect(await h.call('demo-grid-2', 'concern.reply', { concernId: c.id, text: '你好' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const moved = await h.ok<ConcernView>('demo-grid-1', 'concern.transfer', { concernId: c.id, toGridId: h.ids['第二网格'], reason: '涉事住户在3号楼' });
    expect(moved).toMatchObject({ status: 'dispatched', gridId: h.ids['第二网格'], assignee: { memberId: member('demo-grid-2') } });
    const signed = await h.ok<ConcernView>('demo-grid-2', 'concern.accept', { concernId: c.id });
    expect(signed.firstResponder?.memberId).toBe(member('demo-grid-1'));
    // The first responder keeps sight of it after handing it on.
    expect((await h.call('demo-grid-1', 'concern.get', { concernId: c.id })).ok).toBe(true);
  });
  it('lets a named colleague handle a concern transferred to them personally', async () => {
    await h.ok('demo-grid-1', 'concern.transfer', { concernId: c.id, toMemberId: member('demo-grid-2'), reason: '张建国熟悉调解' });
    expect((await h.call('demo-grid-2', 'concern.accept', { concernId: c.id })).ok).toBe(true);
  });
  it('lets only the person it waits on sign it', async () => {
    const other = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道扶手松动了' }, key());
    expect(await h.call('demo-grid-1b', 'concern.accept', { concernId: other.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await h.call('demo-grid-1', 'concern.accept', { concernId: other.id })).ok).toBe(true);
  });
  it('yields one success when two staff act on the same version at once', async () => {
    const [a, b] = await Promise.all([
      h.call('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已调解' }),
      h.call('demo-admin', 'concern.requestInfo', { concernId: c.id, question: '具体几点？' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('hidden names never reach other residents', () => {
  it('shows the author only to staff, even to a resident following the original', async () => {
    const dup = await h.ok<ConcernView>('demo-resident-2', 'concern.submit', { category: 'cat_demo_dispute', buildingId: h.ids['1号楼'], text: '1号楼深夜装修噪音扰民' }, key());
    await h.ok('demo-admin', 'concern.merge', { concernId: dup.id, intoId: c.id, reason: '同一装修噪音问题' });
    const followerView = await h.call<ConcernView>('demo-resident-2', 'concern.get', { concernId: c.id });
    expect(followerView.ok).toBe(true);
    expect(JSON.stringify(followerView)).not.toMatch(/刘阿姨|demo-resident-1/);
    expect(followerView.ok && followerView.data.allowedActions).toEqual(['concern.get']);
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.authorName).toBe('刘阿姨');
  });
});
