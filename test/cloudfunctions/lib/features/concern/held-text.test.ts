/**
 * Words the content check held for review are seen by their author and the admins who
 * moderate them, and by nobody else: not in a grid worker's inbox or queue, not in a push,
 * not through the sweep's reminders and escalations. Every staff notice opens a staff page.
 */
import type { ConcernView, QueueItem } from '../../../../../miniprogram/core/concern/contract';
import { CONCERN_NOTICES } from '../../../../../cloudfunctions/lib/features/concern/notices';
import type { InboxRecord } from '../../../../../cloudfunctions/lib/features/notify/records';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HELD = '楼下有人塞举报信到每家门缝';
const DAY = 24 * 3600_000;

function allInbox(): InboxRecord[] {
  return (h.deps.store.db.prepare('SELECT doc FROM "c_inbox"').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
}

async function submitHeld() {
  const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: HELD }, key());
  expect(c.underReview).toBe(true);
  return c;
}

describe('a concern whose words are held for review', () => {
  it('reaches the grid worker as a notice without the words, opening the staff page', async () => {
    const c = await submitHeld();
    const mine = allInbox().filter((m) => m.kind === 'concern.dispatched' && m.page?.endsWith(c.id));
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toBe('1号楼：（内容审核中）');
    expect(mine[0].page).toBe(`/staff/concern/index?id=${c.id}`);
  });

  it('shows in the grid worker’s queue without its words, and in full to the admin who moderates it', async () => {
    const c = await submitHeld();
    const worker = await h.ok<{ items: QueueItem[] }>('demo-grid-1', 'concern.queue', {});
    expect(worker.items.find((i) => i.id === c.id)?.excerpt).toBe('（内容审核中）');
    const admin = await h.ok<{ items: QueueItem[] }>('demo-admin', 'concern.queue', {});
    expect(admin.items.find((i) => i.id === c.id)?.excerpt).toContain('举报信');
    const author = await h.ok<{ items: Array<{ id: string; excerpt: string }> }>('demo-resident-1', 'concern.listMine', {});
    expect(author.items.find((i) => i.id === c.id)?.excerpt).toContain('举报信');
  });

  it('stays out of every message and push the sweep sends as it runs late and escalates', async () => {
    await submitHeld();
    for (let day = 0; day < 12; day += 1) {
      h.clock.advance(DAY);
      await runSweep(h.deps);
    }
    // It ran late all the way up the chain, so there was plenty to say.
    expect(allInbox().map((m) => m.kind)).toEqual(expect.arrayContaining(['concern.dispatched', 'concern.rerouted']));
    for (const m of allInbox()) expect(`${m.title}${m.body}`).not.toContain('举报信');
    for (const p of h.deps.sender.delivered) expect(JSON.stringify(p.data)).not.toContain('举报信');
  });
});

describe('every notice a staff member gets about a concern', () => {
  it('opens the staff page; every resident notice opens the resident page', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '电梯按钮失灵了' }, key());
    await h.ok('demo-resident-1', 'concern.supplement', { concernId: c.id, text: '三楼的按钮也不灵' });
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.reply', { concernId: c.id, text: '已联系电梯维保单位' });
    for (let day = 0; day < 12; day += 1) {
      h.clock.advance(DAY);
      await runSweep(h.deps);
    }
    const concernNotices = allInbox().filter((m) => m.kind in CONCERN_NOTICES);
    expect(concernNotices.length).toBeGreaterThan(3);
    for (const m of concernNotices) {
      const audience = CONCERN_NOTICES[m.kind as keyof typeof CONCERN_NOTICES].audience;
      expect({ kind: m.kind, page: m.page?.split('?')[0] }).toEqual({ kind: m.kind, page: audience === 'staff' ? '/staff/concern/index' : '/pages/concern-detail/index' });
    }
  });
});
