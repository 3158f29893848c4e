/**
 * The handling steps residents notice: answers, requests for information, merges that keep
 * them informed, withdrawal, and the category catalogue with its SLAs and templates.
 */
import type { CategoryView, ConcernView, QueueItem } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submit = (who = 'demo-resident-1', text = '小区东门的地砖翘起，已经绊倒过老人。') =>
  h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
const inbox = async (openid: string) =>
  (await h.deps.store.query<{ _id: string; title: string; body: string }>('inbox', {
    where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50,
  })).items;

describe('staff answers reach the resident', () => {
  it('notifies the resident of a reply and of the resolution', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.reply', { concernId: c.id, text: '明天上午物业来修' });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '地砖已重新铺设' });
    const titles = (await inbox('demo-resident-1')).map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['您的诉求正在办理', '社区答复了您的诉求', '您的诉求已办结，请评价']));
  });
});

describe('a merged duplicate keeps its author informed', () => {
  it('ends the duplicate, points at the original and sends the original’s news to both', async () => {
    const original = await submit();
    const dup = await submit('demo-resident-2', '东门地砖翘起来了，很危险');
    const merged = await h.ok<ConcernView>('demo-grid-1', 'concern.merge', { concernId: dup.id, intoId: original.id, reason: '同一处地砖' });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: original.id, number: original.number } });
    await h.ok('demo-grid-1', 'concern.accept', { concernId: original.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: original.id, summary: '地砖已重新铺设' });
    // The follower hears the outcome but is not asked to rate what only the author rates.
    const followerHeard = (await inbox('demo-resident-2')).map((m) => m.title);
    expect(followerHeard).toEqual(expect.arrayContaining(['您的诉求已与相同问题合并办理', '与您反映的问题合并办理的诉求已办结']));
    expect(followerHeard).not.toContain('您的诉求已办结，请评价');
    // Only the original's author rates it.
    expect(await h.call('demo-resident-2', 'concern.rate', { concernId: original.id, resolved: true, satisfaction: 5 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('finds the original by the 受理编号 staff read off it, and keeps its words from the follower', async () => {
    const original = await submit();
    const dup = await submit('demo-resident-2', '东门那块地砖翘起来了');
    await h.ok('demo-grid-1', 'concern.merge', { concernId: dup.id, intoNumber: original.number, reason: '同一处地砖' });
    const seen = await h.ok<ConcernView>('demo-resident-2', 'concern.get', { concernId: original.id });
    expect(seen.text).not.toContain('绊倒过老人');
    expect(seen.photos).toEqual([]);
    expect(await h.call('demo-grid-1', 'concern.merge', { concernId: dup.id, intoNumber: '20991231-9999', reason: '重复' })).toMatchObject({ error: { code: expect.stringMatching(/NOT_FOUND|CLOSED/) } });
  });
  it('refuses to merge into a closed or already merged concern', async () => {
    const a = await submit();
    const b = await submit('demo-resident-1', '第二条：东门地砖');
    await h.ok('demo-resident-1', 'concern.withdraw', { concernId: a.id });
    expect(await h.call('demo-grid-1', 'concern.merge', { concernId: b.id, intoId: a.id, reason: '重复' })).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('the resident can withdraw before it is resolved', () => {
  it('withdraws with a reason and tells the handler', async () => {
    const c = await submit();
    const w = await h.ok<ConcernView>('demo-resident-1', 'concern.withdraw', { concernId: c.id, reason: '已自行修好' });
    expect(w).toMatchObject({ status: 'withdrawn', allowedActions: ['concern.get'] });
    expect((await inbox('demo-grid-1')).map((m) => m.title)).toContain(`诉求 ${c.number} 已被居民撤回`);
    expect(await h.call('demo-resident-1', 'concern.withdraw', { concernId: c.id })).toMatchObject({ error: { code: 'CLOSED' } });
  });
});

describe('staff keep the category catalogue', () => {
  it('adds a category with its SLA and answer templates, which new concerns use', async () => {
    const cat = await h.ok<{ id: string }>('demo-admin', 'concern.upsertCategory', {
      name: '停车管理', contactHours: 4, resolveDays: 2, templates: ['已通知物业处理违停车辆'],
    });
    const list = await h.ok<{ items: CategoryView[] }>('demo-resident-1', 'concern.categories', {});
    expect(list.items.find((x) => x.id === cat.id)).toMatchObject({ name: '停车管理', contactHours: 4, resolveDays: 2 });
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: cat.id, buildingId: h.ids['1号楼'], text: '消防通道被私家车堵住了' }, key());
    expect(c.contactDueAt - c.createdAt).toBe(4 * 3600_000);
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.replyTemplates).toEqual(['已通知物业处理违停车辆']);
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id })).replyTemplates).toBeUndefined();
  });
  it('retires a category from the form without touching concerns filed under it', async () => {
    await h.ok('demo-admin', 'concern.upsertCategory', { categoryId: 'cat_demo_suggestion', name: '意见建议', contactHours: 72, resolveDays: 15, active: false });
    const list = await h.ok<{ items: CategoryView[] }>('demo-resident-1', 'concern.categories', {});
    expect(list.items.map((x) => x.id)).not.toContain('cat_demo_suggestion');
    const admin = await h.ok<{ items: Array<CategoryView & { active?: boolean }> }>('demo-admin', 'concern.categories', {});
    expect(admin.items.find((x) => x.id === 'cat_demo_suggestion')).toMatchObject({ active: false, order: 6, templates: [] });
    expect(await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_suggestion', buildingId: h.ids['1号楼'], text: '建议增加健身器材' }, key())).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('is for admins only', async () => {
    expect(await h.call('demo-grid-1', 'concern.upsertCategory', { name: '其他', contactHours: 24, resolveDays: 7 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('the queue filters what staff need to see', () => {
  it('filters by status, overdue, category and grid, within scope', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const accepted = await h.ok<{ items: QueueItem[] }>('demo-grid-1', 'concern.queue', { status: 'accepted' });
    expect(accepted.items.map((i) => i.id)).toEqual([c.id]);
    expect(accepted.items[0].assigneeName).toBe('李秀英');
    const byGrid = await h.ok<{ items: QueueItem[] }>('demo-admin', 'concern.queue', { gridId: h.ids['第二网格'] });
    expect(byGrid.items.every((i) => i.gridId === h.ids['第二网格'])).toBe(true);
    const byCategory = await h.ok<{ items: QueueItem[] }>('demo-admin', 'concern.queue', { category: 'cat_demo_repair', status: 'accepted' });
    expect(byCategory.items.map((i) => i.id)).toEqual([c.id]);
    expect(await h.call('demo-grid-1', 'concern.queue', { gridId: h.ids['第二网格'] })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-admin', 'concern.queue', { overdue: true, category: 'cat_demo_repair' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});

describe('staff mark themselves away', () => {
  it('routes new concerns to B while A is away, and back to A after', async () => {
    await h.ok('demo-grid-1', 'staff.setAway', { away: true, until: h.clock.now() + 2 * 24 * 3600_000 });
    expect((await submit()).assignee?.memberId).toBe(member('demo-grid-1b'));
    h.clock.advance(3 * 24 * 3600_000);
    expect((await submit()).assignee?.memberId).toBe(member('demo-grid-1'));
  });
  it('shows the worker their own away state', async () => {
    const until = h.clock.now() + 24 * 3600_000;
    await h.ok('demo-grid-1', 'staff.setAway', { away: true, until });
    expect((await h.ok<{ away?: { until?: number } }>('demo-grid-1', 'member.me')).away).toEqual({ since: h.clock.now(), until });
    await h.ok('demo-grid-1', 'staff.setAway', { away: false });
    expect((await h.ok<{ away?: unknown }>('demo-grid-1', 'member.me')).away).toBeUndefined();
  });
  it('lets only admins set someone else away', async () => {
    expect(await h.call('demo-grid-1', 'staff.setAway', { away: true, memberId: member('demo-grid-2') })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await h.call('demo-admin', 'staff.setAway', { away: true, memberId: member('demo-grid-2') })).ok).toBe(true);
  });
});
