/**
 * What a worker sees on opening the workbench: the open items of a list, the late ones
 * first, each with the deadline it runs against, and how many wait in each list; and the
 * words a resident reads about the same concern (plain, not the desk's procedure).
 */
import { OPEN_STATUSES, QUEUE_COUNT_MAX, type ConcernView, type QueueCounts, type QueueItem } from '../../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DAY = 24 * 3600_000;

const submit = (category: string, text: string) =>
  h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category, buildingId: h.ids['1号楼'], text }, key());

/** Every page of a list, two at a time, so the cursor crosses from the late items to the rest. */
async function everyPage(who: string, data: Record<string, unknown>): Promise<QueueItem[]> {
  const out: QueueItem[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await h.ok<{ items: QueueItem[]; next?: string }>(who, 'concern.queue', { ...data, limit: 2, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (!page.next) return out;
    cursor = page.next;
  }
  throw new Error('the list never ended');
}

/** A late safety item, a running repair and a resolved one, all with demo-grid-1. */
async function workday() {
  const late = await submit('cat_demo_safety', '楼道里的电线裸露在外，孩子经常经过。');
  const running = await submit('cat_demo_repair', '单元门禁坏了，外人随便进出。');
  const done = await submit('cat_demo_repair', '楼下路灯不亮了，晚上看不清路。');
  for (const c of [late, running, done]) await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  await h.ok('demo-grid-1', 'concern.resolve', { concernId: done.id, summary: '路灯已更换' });
  // 安全隐患 must be resolved within 3 days; the repairs have 7.
  h.clock.advance(3 * DAY + 3600_000);
  await runSweep(h.deps);
  return { late, running, done };
}

describe('a worker opens the workbench on open items, late ones first', () => {
  it('lists only open items, every late one before the others, across pages', async () => {
    const { late, running, done } = await workday();
    const items = await everyPage('demo-grid-1', { view: 'assigned', open: true });
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([late.id, running.id]));
    expect(ids).not.toContain(done.id);
    expect(items.every((i) => OPEN_STATUSES.includes(i.status))).toBe(true);
    const firstOnTime = items.findIndex((i) => !i.overdue);
    const lastLate = items.map((i) => i.overdue).lastIndexOf(true);
    expect(lastLate).toBeGreaterThanOrEqual(0);
    expect(firstOnTime === -1 || lastLate < firstOnTime).toBe(true);
    expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(running.id));
  });

  it('gives each item the deadline it runs against', async () => {
    const { running } = await workday();
    const items = await everyPage('demo-grid-1', { view: 'assigned', open: true });
    const item = items.find((i) => i.id === running.id);
    expect(item?.dueAt).toBe(running.resolveDueAt);
    const fresh = await submit('cat_demo_repair', '二楼的扶手松了，老人扶着晃。');
    const unsigned = (await everyPage('demo-grid-1', { view: 'assigned', open: true })).find((i) => i.id === fresh.id);
    expect(unsigned?.dueAt).toBe(fresh.contactDueAt);
  });

  it('does not mix “open” with a status or the overdue switch', async () => {
    expect(await h.call('demo-grid-1', 'concern.queue', { open: true, status: 'accepted' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(await h.call('demo-grid-1', 'concern.queue', { open: true, overdue: true })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});

describe('the tabs count what waits in each list', () => {
  it('counts the open items of each list the worker may open', async () => {
    await workday();
    const { views } = await h.ok<QueueCounts>('demo-grid-1', 'concern.counts', {});
    expect(views.map((v) => v.view)).toEqual(['assigned', 'signed', 'grid']);
    for (const v of views) {
      const listed = await everyPage('demo-grid-1', { view: v.view, open: true });
      expect({ view: v.view, count: v.count, more: v.more }).toEqual({ view: v.view, count: listed.length, more: false });
    }
    expect(views.find((v) => v.view === 'assigned')?.count).toBeGreaterThanOrEqual(2);
  });

  it('adds the 督办 count for a grid leader, and counts the community for an admin', async () => {
    await workday();
    const leader = await h.ok<QueueCounts>('demo-leader', 'concern.counts', {});
    const supervise = leader.views.find((v) => v.view === 'supervise');
    expect(supervise?.count).toBe((await everyPage('demo-leader', { view: 'supervise', open: true })).length);
    expect(supervise?.count).toBeGreaterThan(0);
    const admin = await h.ok<QueueCounts>('demo-admin', 'concern.counts', {});
    expect(admin.views.find((v) => v.view === 'assigned')?.count).toBe((await everyPage('demo-admin', { open: true })).length);
    expect(QUEUE_COUNT_MAX).toBe(99);
  });

  it('is for staff only', async () => {
    expect(await h.call('demo-resident-1', 'concern.counts', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('a resident reads plain words about their concern', () => {
  it('reads 已收到 and 正在办理 where staff read 待签收 and 办理中', async () => {
    const c = await submit('cat_demo_repair', '单元门禁坏了，外人随便进出。');
    expect(c.statusLabel).toBe('已收到，等待工作人员联系');
    expect(c.timeline.map((e) => e.label)).toEqual(['已收到', '已交给网格员']);
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.accept', { concernId: c.id });
    expect(staff.statusLabel).toBe('办理中');
    expect(staff.timeline.map((e) => e.label)).toEqual(['已受理', '已分派', '已签收']);
    const mine = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(mine.statusLabel).toBe('正在办理');
    expect(mine.timeline.map((e) => e.label)).toEqual(['已收到', '已交给网格员', '工作人员已开始办理']);
    const list = await h.ok<{ items: QueueItem[] }>('demo-resident-1', 'concern.listMine', {});
    expect(list.items.find((i) => i.id === c.id)?.statusLabel).toBe('正在办理');
  });
});
