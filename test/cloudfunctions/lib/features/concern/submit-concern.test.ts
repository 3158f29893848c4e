/**
 * The first slice of the speak-up desk: a resident's concern gets a number, lands with the
 * right grid worker and nobody else, and a retried submit never makes two.
 */
import type { ConcernView, ConcernSummary } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const lamp = () => ({ category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '2单元电梯按钮失灵，老人上下楼很不方便。' });

describe('a submitted concern is numbered and routed to worker A of the building’s grid', () => {
  it('reaches demo-grid-1 for a building in grid 1', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    expect(c.number).toMatch(/^20261128-\d{4}$/);
    expect(c).toMatchObject({ status: 'dispatched', statusLabel: '已收到，等待工作人员联系', categoryName: '设施维修', buildingName: '1号楼' });
    expect(c.assignee).toEqual({ memberId: member('demo-grid-1'), name: '李秀英' });
    expect(c.timeline.map((e) => e.label)).toEqual(['已收到', '已交给网格员']);
    const queue = await h.ok<{ items: ConcernSummary[] }>('demo-grid-1', 'concern.queue', {});
    expect(queue.items.map((i) => i.id)).toContain(c.id);
  });
  it('numbers concerns of one day in sequence', async () => {
    const a = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    const b = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { ...lamp(), text: '楼下的路灯也坏了好几天了' }, key());
    expect(Number(b.number.slice(-4))).toBe(Number(a.number.slice(-4)) + 1);
  });
  it('goes to worker B when the grid has no worker A, and to the community when it has neither', async () => {
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格', workerB: member('demo-grid-1b') });
    const toB = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    expect(toB.assignee?.memberId).toBe(member('demo-grid-1b'));
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格' });
    const toCommunity = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    expect(toCommunity.assignee).toBeUndefined();
    const adminQueue = await h.ok<{ items: ConcernSummary[] }>('demo-admin', 'concern.queue', {});
    expect(adminQueue.items.map((i) => i.id)).toContain(toCommunity.id);
  });
  it('notifies the assigned worker', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    const inbox = await h.deps.store.query<{ _id: string; title: string; page: string }>('inbox', {
      where: { communityId: 'demo', recipientId: member('demo-grid-1') },
      orderBy: { field: 'createdAt', dir: 'desc' },
      limit: 5,
    });
    expect(inbox.items.some((m) => m.page.includes(c.id) && m.title.includes('设施维修'))).toBe(true);
  });
});

describe('nobody outside the concern’s people can see or touch it', () => {
  it('is NOT_FOUND for the other grid’s worker and for another resident', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    expect(await h.call('demo-grid-2', 'concern.get', { concernId: c.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-resident-2', 'concern.get', { concernId: c.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const queue = await h.ok<{ items: ConcernSummary[] }>('demo-grid-2', 'concern.queue', {});
    expect(queue.items.map((i) => i.id)).not.toContain(c.id);
  });
  it('is NOT_FOUND for an admin of another community', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    expect(await h.call('other-admin', 'concern.get', { concernId: c.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('shows the author’s name to staff but not to the author’s view of staff-only fields', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { ...lamp(), hideName: true }, key());
    const staffView = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staffView.authorName).toBe('刘阿姨');
    expect(c.authorName).toBeUndefined();
  });
  it('refuses visitors, volunteers and staff as submitters', async () => {
    for (const who of ['demo-visitor-1', 'demo-volunteer-1', 'demo-grid-1', null]) {
      const res = await h.call(who, 'concern.submit', lamp(), key());
      expect(res.ok).toBe(false);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(!res.ok && res.error.code);
    }
  });
  it('refuses a building of another community', async () => {
    expect(await h.call('demo-resident-1', 'concern.submit', { ...lamp(), buildingId: 'b_elsewhere' }, key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('a retried submit never creates a second concern', () => {
  it('returns the first concern for the same key and content', async () => {
    const k = key();
    const first = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k);
    const again = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k);
    expect(again.id).toBe(first.id);
    expect(again.number).toBe(first.number);
  });
  it('answers a retry from the first attempt without checking the text again', async () => {
    const k = key();
    let checks = 0;
    const real = h.deps.content;
    h.deps.content = { checkText: async (i) => ((checks += 1), real.checkText(i)) };
    await h.ok('demo-resident-1', 'concern.submit', lamp(), k);
    await h.ok('demo-resident-1', 'concern.submit', lamp(), k);
    expect(checks).toBe(1);
  });
  it('answers CONFLICT when the same key comes with different content', async () => {
    const k = key();
    await h.ok('demo-resident-1', 'concern.submit', lamp(), k);
    expect(await h.call('demo-resident-1', 'concern.submit', { ...lamp(), text: '完全不同的另一件事情' }, k)).toMatchObject({ error: { code: 'CONFLICT' } });
  });
  it('makes one concern from twenty parallel retries', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => h.call<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k)));
    const ids = new Set(results.map((r) => (r.ok ? r.data.id : r.error.code)));
    expect(ids.size).toBe(1);
    const mine = await h.ok<{ items: ConcernSummary[] }>('demo-resident-1', 'concern.listMine', { limit: 50 });
    expect(mine.items.filter((i) => i.id === [...ids][0])).toHaveLength(1);
  });
});

describe('text passes the content check before anyone sees it', () => {
  it('rejects risky text and stores nothing', async () => {
    const before = await h.ok<{ items: ConcernSummary[] }>('demo-resident-1', 'concern.listMine', {});
    expect(await h.call('demo-resident-1', 'concern.submit', { ...lamp(), text: '楼下有人聚众赌博，吵得睡不着' }, key())).toMatchObject({ error: { code: 'CONTENT_REJECTED' } });
    const after = await h.ok<{ items: ConcernSummary[] }>('demo-resident-1', 'concern.listMine', {});
    expect(after.items).toHaveLength(before.items.length);
  });
});

describe('lists are paged', () => {
  it('walks a resident’s concerns page by page without repeats', async () => {
    for (let i = 0; i < 7; i += 1) {
      h.clock.advance(1000);
      await h.ok('demo-resident-1', 'concern.submit', { ...lamp(), text: `第${i}件事：楼道堆放杂物` }, key());
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: { items: ConcernSummary[]; next?: string } = await h.ok('demo-resident-1', 'concern.listMine', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(8); // seven here plus the seeded one
    expect(new Set(seen).size).toBe(8);
  });
  it('flags items whose contact deadline has passed', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    h.clock.advance(25 * 3600 * 1000);
    const queue = await h.ok<{ items: Array<ConcernSummary & { overdue: boolean }> }>('demo-grid-1', 'concern.queue', {});
    expect(queue.items.find((i) => i.id === c.id)?.overdue).toBe(true);
  });
});
