/**
 * What people are told along the desk, as they would notice it: the community hears of a
 * concern nobody in the chain can take, an edited retry finds the first version, followers
 * of a merge are not asked to rate, and each message says what happened in plain words.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const input = (text = '楼道灯坏了一个星期了') => ({ category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text });
const submit = (who = 'demo-resident-1', text?: string) => h.ok<ConcernView>(who, 'concern.submit', input(text), key());
const inbox = async (recipientId: string) =>
  (await h.deps.store.query('inbox', { where: { communityId: 'demo', recipientId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 })).items;
const resolve = async (c: ConcernView, summary = '灯已更换。') => {
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary });
};

describe('a concern routed straight to the community pool', () => {
  it('is told to the admins at once, not when the sweep finds it unsigned', async () => {
    const until = h.clock.now() + 2 * 24 * 3600_000;
    for (const who of ['demo-grid-1', 'demo-grid-1b', 'demo-leader']) await h.ok(who, 'staff.setAway', { away: true, until });
    const c = await submit();
    expect(c.assignee).toBeUndefined();
    const told = await inbox('admins:demo');
    expect(told).toEqual([expect.objectContaining({ kind: 'concern.dispatched', title: '新诉求转社区统一受理：设施维修', page: `/staff/concern/index?id=${c.id}` })]);
  });
});

describe('an edited retry after a lost answer', () => {
  it('is told the first version was received, with its id and 受理编号', async () => {
    const k = key();
    const first = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', input(), k);
    const edited = await h.call('demo-resident-1', 'concern.submit', input('楼道灯坏了一个星期了，晚上很黑'), k);
    expect(edited).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `您之前提交的诉求已收到（受理编号${first.number}）`, details: { existing: { id: first.id, number: first.number } } },
    });
  });
});

describe('followers of a merge', () => {
  it('see no rating comment and are offered neither rating nor reopening', async () => {
    const original = await submit();
    const dup = await submit('demo-resident-2', '1号楼的楼道灯不亮');
    await h.ok('demo-grid-1', 'concern.merge', { concernId: dup.id, intoId: original.id, reason: '同一盏灯' });
    await resolve(original);
    const beforeRating = await h.ok<ConcernView>('demo-resident-2', 'concern.get', { concernId: original.id });
    expect(beforeRating.allowedActions).not.toContain('concern.rate');
    expect(beforeRating.allowedActions).not.toContain('concern.reopen');
    expect(beforeRating.rateDueAt).toBeUndefined();
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: original.id })).rateDueAt).toBeDefined();

    await h.ok('demo-resident-1', 'concern.rate', { concernId: original.id, resolved: true, satisfaction: 2, comment: '修得太慢了，楼上王大爷摔了一跤' });
    const seen = await h.ok<ConcernView>('demo-resident-2', 'concern.get', { concernId: original.id });
    expect(seen.rating).toMatchObject({ resolved: true, satisfaction: 2 });
    expect(JSON.stringify(seen)).not.toContain('王大爷');
    expect(JSON.stringify(await h.ok('demo-resident-1', 'concern.get', { concernId: original.id }))).toContain('王大爷');
  });
});

describe('the resolve notice', () => {
  it('ends the handler’s sentence once, never 。。', async () => {
    const c = await submit();
    await resolve(c, '灯已更换，已试亮。');
    const [told] = (await inbox(member('demo-resident-1'))).filter((m) => m.kind === 'concern.resolved');
    expect(told.body).toBe('灯已更换，已试亮。问题解决了吗？欢迎评价。');
  });
});

describe('a low rating', () => {
  it('is titled by the resident’s answer: solved but unhappy is not unsolved', async () => {
    const solved = await submit();
    await resolve(solved);
    await h.ok('demo-resident-1', 'concern.rate', { concernId: solved.id, resolved: true, satisfaction: 2 });
    const unsolved = await submit('demo-resident-1', '2单元的灯也坏了');
    await resolve(unsolved);
    await h.ok('demo-resident-1', 'concern.rate', { concernId: unsolved.id, resolved: false, satisfaction: 3 });
    const titles = (await inbox(member('demo-grid-1'))).map((m) => m.title);
    expect(titles).toContain(`诉求 ${solved.number} 居民评价不满意（2星），转督办`);
    expect(titles).toContain(`诉求 ${unsolved.number} 居民评价未解决，转督办`);
  });
});

describe('a retired category', () => {
  it('is reported as retired, with what to do, not as missing', async () => {
    await h.ok('demo-admin', 'concern.upsertCategory', { categoryId: 'cat_demo_repair', name: '设施维修', contactHours: 24, resolveDays: 7, active: false });
    expect(await h.call('demo-resident-1', 'concern.submit', input(), key())).toMatchObject({
      error: { code: 'VALIDATION_ERROR', message: '该分类已停用，请选择其他分类', details: { issues: [{ path: 'category', message: '该分类已停用，请选择其他分类' }] } },
    });
  });
});

describe('a resident who moved', () => {
  it('is told they are no longer bound and what to do, not a bare 没有权限', async () => {
    // What a move leaves behind: the member of the community, without household or resident role.
    await h.deps.store.update('members', member('demo-resident-1'), { roles: [], householdId: null, household: null });
    const res = await h.call('demo-resident-1', 'concern.submit', input(), key());
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('您已不再绑定住户') } });
    expect(res.ok ? '' : res.error.message).toContain('重新绑定');
  });
  it('keeping another role is told the same way', async () => {
    await h.deps.store.update('members', member('demo-resident-1'), { roles: ['volunteer'], householdId: null, household: null });
    const res = await h.call('demo-resident-1', 'concern.submit', input(), key());
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('重新绑定住户') } });
  });
});
