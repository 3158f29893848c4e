/**
 * 社情民意 against hand-counted fixtures. The demo seed files two concerns on 2026-11-28
 * (刘阿姨: 1号楼 repair; 马大爷: 3号楼 environment); these tests add, by hand:
 *   Sep 10  1号楼 repair ×2 (刘阿姨)
 *   Oct 10  1号楼 repair ×1 (刘阿姨), 3号楼 safety ×1 (马大爷)
 *   Nov 28  1号楼 repair ×3 (刘阿姨), 2号楼 repair ×1 (马大爷), 4号楼 environment ×1 (马大爷)
 * November, whole community: 7 items; repair 5 (1号楼 4, 2号楼 1), environment 2 (3号楼, 4号楼).
 * Repair by month Aug–Nov: 0, 2, 1, 5 → 3 × 5 > 3: up, ranked 1st (5 ≥ the floor of 5).
 * Repeat reporters: 刘阿姨 4, 马大爷 3 → 2 of 2. Grid 1 (1号楼, 2号楼): 5 items; 刘阿姨 4, 马大爷 1 → 1 of 2.
 */
import type { DrillView, InsightOverview } from '../../../../../miniprogram/core/insight/contract';
import { createHarness, type Harness } from '../../../../support/harness';
import { bj, concernAt, R1, R2 } from './fixtures';

let h: Harness;
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness({ rateLimits: {} });
  const t0 = h.clock.now();
  for (const d of [bj(2026, 9, 10), bj(2026, 9, 10, 11)]) await concernAt(h, R1, d, '1号楼', 'repair');
  await concernAt(h, R1, bj(2026, 10, 10), '1号楼', 'repair');
  await concernAt(h, R2, bj(2026, 10, 10, 11), '3号楼', 'safety');
  for (let i = 0; i < 3; i += 1) ids[`r1-${i}`] = (await concernAt(h, R1, t0 + (i + 1) * 60_000, '1号楼', 'repair')).id;
  await concernAt(h, R2, t0 + 5 * 60_000, '2号楼', 'repair');
  await concernAt(h, R2, t0 + 6 * 60_000, '4号楼', 'environment');
  // First response: two November concerns signed 30 and 90 minutes after they came in.
  h.clock.set(t0 + 31 * 60_000);
  await h.ok('demo-grid-1', 'concern.accept', { concernId: ids['r1-0'] });
  h.clock.set(t0 + 92 * 60_000);
  await h.ok('demo-grid-1', 'concern.accept', { concernId: ids['r1-1'] });
});
afterAll(() => h.close());

const overview = (who: string) => h.ok<InsightOverview>(who, 'insight.overview', { month: '2026-11' });
const cell = (o: InsightOverview, building: string, category: string) => o.cells.find((c) => c.buildingId === h.ids[building] && c.category === `cat_demo_${category}`)?.count ?? 0;

describe('an admin sees the community by building × category for the month and the three before', () => {
  it('counts each cell as hand-counted', async () => {
    const o = await overview('demo-admin');
    expect(o.months).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(o.raised).toMatchObject({ value: 7, n: 7 });
    expect([cell(o, '1号楼', 'repair'), cell(o, '2号楼', 'repair'), cell(o, '3号楼', 'environment'), cell(o, '4号楼', 'environment'), cell(o, '3号楼', 'safety')]).toEqual([4, 1, 1, 1, 0]);
    expect(o.cells.find((c) => c.count === 4)?.shade).toBe(4);
    expect(o.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼', '3号楼', '4号楼']);
  });
  it('sets this month against the previous three months’ average, with the floor', async () => {
    const o = await overview('demo-admin');
    const repair = o.byCategory.find((c) => c.category === 'cat_demo_repair')!;
    expect(repair).toMatchObject({ counts: [0, 2, 1, 5], thisMonth: 5, prevTotal: 3, trend: 'up', rank: 1, bar: 100 });
    expect(repair.trendText).toBe('上升：本月5，前3月平均1.0');
    const env = o.byCategory.find((c) => c.category === 'cat_demo_environment')!;
    expect(env).toMatchObject({ thisMonth: 2, trend: null, rank: null, trendText: '样本不足（n=2）', bar: 40 });
    const safety = o.byCategory.find((c) => c.category === 'cat_demo_safety')!;
    expect(safety).toMatchObject({ counts: [0, 0, 1, 0], thisMonth: 0, trend: null, drill: null });
  });
  it('gives time to first response as a median with its sample', async () => {
    const o = await overview('demo-admin');
    expect(o.firstResponse).toMatchObject({ medianMinutes: 60, value: 2, of: 7, n: 2, drill: { month: '2026-11', figure: 'responded' } });
    expect(o.firstResponse.text).toBe('中位1.0小时（已签收2/7，29%）');
  });
  it('counts repeat reporters without saying who', async () => {
    const o = await overview('demo-admin');
    expect(o.repeatReporters).toMatchObject({ value: 2, of: 2, n: 7, drill: null });
    expect(JSON.stringify(o)).not.toMatch(/刘阿姨|马大爷|m_/);
  });
});

describe('a grid worker sees only their grid’s buildings', () => {
  it('counts grid 1 only', async () => {
    const o = await overview('demo-grid-1');
    expect(o.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼']);
    expect(o.raised.value).toBe(5);
    expect(o.cells.every((c) => [h.ids['1号楼'], h.ids['2号楼']].includes(c.buildingId))).toBe(true);
    expect(o.repeatReporters).toMatchObject({ value: 1, of: 2, n: 5 });
    expect(o.byCategory.find((c) => c.category === 'cat_demo_environment')).toBeUndefined();
  });
});

describe('every figure drills down to the records behind it, within the caller’s scope', () => {
  it('lists a cell’s concerns by number', async () => {
    const d = await h.ok<DrillView>('demo-grid-1', 'insight.drill', { month: '2026-11', buildingId: h.ids['1号楼'], category: 'cat_demo_repair' });
    expect(d.items).toHaveLength(4);
    expect(d.items.every((i) => /^20261128-\d{4}$/.test(i.ref) && i.page.startsWith('/staff/concern/index?id='))).toBe(true);
    expect(d.title).toBe('11月 1号楼 · 设施维修');
  });
  it('lists the concerns signed for behind first response', async () => {
    const d = await h.ok<DrillView>('demo-admin', 'insight.drill', { month: '2026-11', figure: 'responded' });
    expect(d.items.map((i) => i.id).sort()).toEqual([ids['r1-0'], ids['r1-1']].sort());
  });
  it('lists nothing of another grid’s building', async () => {
    const d = await h.ok<DrillView>('demo-grid-1', 'insight.drill', { month: '2026-11', buildingId: h.ids['3号楼'] });
    expect(d.items).toEqual([]);
    const mine = await h.ok<DrillView>('demo-grid-2', 'insight.drill', { month: '2026-11', buildingId: h.ids['3号楼'] });
    expect(mine.items).toHaveLength(1);
  });
});
