/**
 * The 未诉先办 cluster rule: k items (3 by default) of one category in one building within 30
 * days propose one case — at the k-th, not before; exactly once under parallel sweeps; no new
 * case for that building and category until 30 days after the last, and then one more.
 */
import type { CaseView, InsightSettingsView } from '../../../../../miniprogram/core/insight/contract';
import type { InboxItem } from '../../../../../miniprogram/core/notify/contract';
import { evaluatePair } from '../../../../../cloudfunctions/lib/features/insight/cluster';
import { FEATURE_REGISTRY } from '../../../../../cloudfunctions/lib/manifests';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, type Harness } from '../../../../support/harness';
import { codeOf, concernAt, R1, R2 } from './fixtures';

const DAY = 86_400_000;
let h: Harness;
let t0: number;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  t0 = h.clock.now();
});
afterEach(() => h.close());

const cases = async (who = 'demo-admin') => (await h.ok<{ items: CaseView[] }>(who, 'insight.cases', {})).items;
const allCases = async () => (await h.deps.store.query('insightCases', { where: { communityId: 'demo' }, orderBy: { field: 'proposedAt', dir: 'asc' }, limit: 100 })).items;

describe('a cluster proposes a case at the k-th item, not before', () => {
  it('waits at two repairs in 1号楼 and proposes at the third', async () => {
    // The seed's first: 刘阿姨's 1号楼 repair at t0.
    await concernAt(h, R2, t0 + 3_600_000, '1号楼', 'repair');
    await runSweep(h.deps);
    expect(await cases()).toEqual([]);
    await concernAt(h, R1, t0 + 2 * 3_600_000, '1号楼', 'repair');
    await runSweep(h.deps);
    const [c] = await cases();
    expect(c).toMatchObject({ state: 'proposed', buildingName: '1号楼', categoryName: '设施维修', itemCount: 3, reason: '30天内3件（3件起提示）' });
    expect(c.items).toHaveLength(3);
    const inbox = await h.ok<{ items: InboxItem[] }>('demo-admin', 'notify.inbox', {});
    expect(inbox.items.filter((m) => m.kind === 'insight.caseProposed').map((m) => m.title)).toEqual(['未诉先办提示：1号楼设施维修']);
  });
  it('does not mix buildings or categories', async () => {
    await concernAt(h, R1, t0 + 1000, '2号楼', 'repair');
    await concernAt(h, R1, t0 + 2000, '1号楼', 'environment');
    await runSweep(h.deps);
    expect(await cases()).toEqual([]);
  });
  it('shows a grid’s case to its worker, not to another grid’s', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
    await runSweep(h.deps);
    expect(await cases('demo-grid-1')).toHaveLength(1);
    expect(await cases('demo-grid-2')).toEqual([]);
  });
});

describe('parallel sweeps propose it exactly once', () => {
  it('three sweeps at once make one case and one notice', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
    await Promise.all([runSweep(h.deps), runSweep(h.deps), runSweep(h.deps)]);
    expect(await allCases()).toHaveLength(1);
    const inbox = await h.ok<{ items: InboxItem[] }>('demo-admin', 'notify.inbox', {});
    expect(inbox.items.filter((m) => m.kind === 'insight.caseProposed')).toHaveLength(1);
    const events = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `insightCase:${(await allCases())[0]._id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(events.items.map((e) => e.type)).toEqual(['insight.caseProposed']);
  });
  it('three evaluations of the same cluster at once, straight at the rule, make one', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
    const db = new ScopedStore(h.deps.store, 'demo');
    const pair = { buildingId: h.ids['1号楼'], category: 'cat_demo_repair' };
    const outcomes = await Promise.allSettled([0, 1, 2].map(() => evaluatePair(h.deps, FEATURE_REGISTRY, db, pair, h.clock.now(), 3)));
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'proposed')).toHaveLength(1);
    expect(await allCases()).toHaveLength(1);
  });
});

describe('one case per building, category and 30-day window', () => {
  it('makes no new case inside the window, and one after it', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
    await runSweep(h.deps);
    const proposedAt = h.clock.now();
    // Three more ten days on: a cluster of their own, but the open case stands for it.
    for (const i of [0, 1, 2]) await concernAt(h, R1, t0 + 10 * DAY + i * 1000, '1号楼', 'repair');
    await runSweep(h.deps);
    h.clock.set(proposedAt + 29 * DAY);
    await runSweep(h.deps);
    expect(await allCases()).toHaveLength(1);
    // The window ends: the sweep finds the waiting cluster by its wakeAt, with no new concern.
    h.clock.set(proposedAt + 30 * DAY + 60_000);
    await runSweep(h.deps);
    const all = await allCases();
    expect(all.map((c) => [c.seq, c.itemCount])).toEqual([[1, 3], [2, 3]]);
    // The second counts only items after the first proposal: none counts twice.
    expect(all[1].items.every((i) => i.at > proposedAt)).toBe(true);
    await runSweep(h.deps);
    expect(await allCases()).toHaveLength(2);
  });
  it('lets the items age out: three spread over more than 30 days propose nothing', async () => {
    await concernAt(h, R2, t0 + 16 * DAY, '1号楼', 'repair');
    await runSweep(h.deps);
    await concernAt(h, R2, t0 + 31 * DAY, '1号楼', 'repair');
    await runSweep(h.deps);
    expect(await allCases()).toEqual([]);
  });
});

describe('admins set k within 2–10', () => {
  it('proposes at four when k is 4', async () => {
    expect(await h.ok<InsightSettingsView>('demo-admin', 'insight.settings', { clusterK: 4 })).toEqual({ clusterK: 4, windowDays: 30 });
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
    await runSweep(h.deps);
    expect(await allCases()).toEqual([]);
    await concernAt(h, R2, t0 + 3000, '1号楼', 'repair');
    await runSweep(h.deps);
    expect((await allCases()).map((c) => [c.k, c.itemCount])).toEqual([[4, 4]]);
  });
  it('refuses a grid worker and a k out of range', async () => {
    expect(codeOf(await h.call('demo-grid-1', 'insight.settings', { clusterK: 5 }))).toBe('FORBIDDEN');
    expect(codeOf(await h.call('demo-admin', 'insight.settings', { clusterK: 11 }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.call('demo-admin', 'insight.settings', { clusterK: 1 }))).toBe('VALIDATION_ERROR');
    expect(await h.ok('demo-grid-1', 'insight.settings', {})).toEqual({ clusterK: 3, windowDays: 30 });
  });
});

describe('visit topics count through the topics hook', () => {
  it('two concerns and one visit topic of the same building and category propose a case', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    const db = new ScopedStore(h.deps.store, 'demo');
    const visit = { source: 'visit' as const, id: 'visit_1', ref: '走访 11-28', buildingId: h.ids['1号楼'], gridId: h.ids['第一网格'], category: 'cat_demo_repair', at: t0 + 2000, page: '/staff/visit/index?id=visit_1' };
    const features = { ...FEATURE_REGISTRY, topics: async () => ({ items: [visit], truncated: false }) };
    h.clock.set(t0 + 3000);
    expect(await evaluatePair(h.deps, features, db, { buildingId: h.ids['1号楼'], category: 'cat_demo_repair' }, h.clock.now(), 3)).toBe('proposed');
    const [c] = await allCases();
    expect(c.items.map((i) => i.source)).toEqual(['concern', 'concern', 'visit']);
  });
});

describe('what does not make a cluster', () => {
  it('leaves out a withdrawn concern', async () => {
    await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
    const gone = await concernAt(h, R1, t0 + 2000, '1号楼', 'repair');
    await h.ok(R1, 'concern.withdraw', { concernId: gone.id, reason: '已自行解决' });
    await runSweep(h.deps);
    expect(await allCases()).toEqual([]);
  });
});
