/** The in-app inbox: everyone's own messages, the unread badge, and admins' shared queue. */
import type { InboxItem } from '../../../../../miniprogram/core/notify/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { InboxNotifier } from '../../../../../cloudfunctions/lib/features/notify/inbox-notifier';
import { COLLECTIONS } from '../../../../../cloudfunctions/lib/manifests';
import { CountingStore } from '../../../../../cloudfunctions/lib/store/counting-store';
import { SqliteStore } from '../../../../../cloudfunctions/lib/store/sqlite-store';
import { ManualClock } from '../../../../../cloudfunctions/lib/platform/system';
import type { Notification } from '../../../../../cloudfunctions/lib/ports/platform';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('each person reads only their own messages', () => {
  it('lists a grid worker’s messages newest first and counts the unread', async () => {
    const before = await h.ok<{ count: number }>('demo-grid-1', 'notify.unreadCount');
    await h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '电梯按钮失灵了' }, key());
    const list = await h.ok<{ items: InboxItem[] }>('demo-grid-1', 'notify.inbox', {});
    expect(list.items[0]).toMatchObject({ title: '新诉求待签收：设施维修', read: false });
    expect((await h.ok<{ count: number }>('demo-grid-1', 'notify.unreadCount')).count).toBe(before.count + 1);
  });
  it('marks read only the caller’s own messages', async () => {
    const theirs = (await h.ok<{ items: InboxItem[] }>('demo-grid-1', 'notify.inbox', {})).items[0];
    expect(await h.ok('demo-resident-1', 'notify.markRead', { ids: [theirs.id] })).toEqual({ marked: 0 });
    expect(await h.ok('demo-grid-1', 'notify.markRead', { ids: [theirs.id] })).toEqual({ marked: 1 });
    await h.ok('demo-grid-1', 'notify.markRead', { all: true });
    expect((await h.ok<{ count: number }>('demo-grid-1', 'notify.unreadCount')).count).toBe(0);
  });
  it('shows a visitor the outcome of their binding request', async () => {
    h.clock.advance(15 * 24 * 3600_000);
    await runSweep(h.deps);
    const list = await h.ok<{ items: InboxItem[] }>('demo-visitor-1', 'notify.inbox', {});
    expect(list.items.map((m) => m.title)).toContain('住户绑定申请已失效');
  });
  it('gives admins the community’s shared queue as well', async () => {
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格' });
    const c = await h.ok<{ number: string; id: string }>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '单元门坏了关不上' }, key());
    h.clock.advance(49 * 3600_000);
    await runSweep(h.deps);
    await runSweep(h.deps);
    const admin = await h.ok<{ items: InboxItem[] }>('demo-admin', 'notify.inbox', { unreadOnly: true });
    expect(admin.items.map((m) => m.title)).toContain(`诉求 ${c.number} 超时未签收`);
    const worker = await h.ok<{ items: InboxItem[] }>('demo-grid-1', 'notify.inbox', {});
    expect(worker.items.map((m) => m.title)).not.toContain(`诉求 ${c.number} 超时未签收`);
  });
});

describe('messages one step sends together', () => {
  const message = (id: string, recipientId: string): Notification => ({ id, communityId: 'demo', recipientId, kind: 'concern.accepted' as Notification['kind'], title: '已签收', body: '您的诉求已签收' });
  const setUp = () => {
    const inner = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    const counting = new CountingStore(inner);
    return { inner, counting, notifier: new InboxNotifier(counting as never, new ManualClock(1_000), {}, () => undefined) };
  };
  it('are one write however many people are told, and each reaches its own inbox', async () => {
    const { inner, counting, notifier } = setUp();
    await Promise.all([notifier.notify(message('n1', 'm_a')), notifier.notify(message('n2', 'm_b')), notifier.notify(message('n3', 'm_c'))]);
    expect(counting.reset()).toBe(1);
    expect((await inner.getMany<{ _id: string; recipientId: string }>('inbox', ['n1', 'n2', 'n3'])).map((m) => m.recipientId).sort()).toEqual(['m_a', 'm_b', 'm_c']);
    inner.close();
  });
  it('sent again (a retry) write nothing twice and lose none', async () => {
    const { inner, notifier } = setUp();
    await notifier.notify(message('n1', 'm_a'));
    await Promise.all([notifier.notify(message('n1', 'm_a')), notifier.notify(message('n2', 'm_b'))]);
    const count = (inner.db.prepare('SELECT count(*) AS n FROM "c_inbox"').get() as { n: number }).n;
    expect(count).toBe(2);
    inner.close();
  });
});
