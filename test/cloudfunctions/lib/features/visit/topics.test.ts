/**
 * What residents raise at the door counts in 社情民意 beside what they file: each topic of a
 * visit is a topic item of its building and category, in the span asked for and the grids
 * the reader may see.
 */
import { FEATURE_REGISTRY } from '../../../../../cloudfunctions/lib/manifests';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { DAY, makeHouseholds } from './support';

let h: Harness;
let g1: string;
let g2: string;
beforeEach(async () => {
  h = await createHarness();
  [g1, g2] = await makeHouseholds(h, [['1号楼', '3', '301'], ['3号楼', '1', '101']]);
});
afterEach(() => h.close());

const log = (who: string, householdId: string, topics: string[], hoursAgo = 1) =>
  h.ok(who, 'visit.log', { householdId, visitor: { kind: 'self' }, visitedAt: h.clock.now() - hoursAgo * 3600_000, channel: 'door', topics }, key());
const topics = (q: Parameters<typeof FEATURE_REGISTRY.topics>[1]) => FEATURE_REGISTRY.topics(new ScopedStore(h.deps.store, 'demo'), q);

describe('a visit’s topics are topic items of its building', () => {
  it('gives one item per topic, with the building, grid, category and the household’s visit log', async () => {
    await log('demo-grid-1', g1, ['cat_demo_repair', 'cat_demo_safety']);
    const { items, truncated } = await topics({ from: h.clock.now() - DAY, to: h.clock.now() });
    expect(truncated).toBe(false);
    expect(items.map((i) => [i.source, i.category, i.buildingId])).toEqual([
      ['visit', 'cat_demo_repair', h.ids['1号楼']],
      ['visit', 'cat_demo_safety', h.ids['1号楼']],
    ]);
    expect(items[0].page).toBe(`/staff/visit-log/index?householdId=${encodeURIComponent(g1)}`);
    expect(items[0].ref).toMatch(/^走访 \d+-\d+$/);
  });

  it('keeps to the span, the category and the grids asked for', async () => {
    await log('demo-grid-1', g1, ['cat_demo_repair'], 1);
    await log('demo-grid-1', g1, ['cat_demo_repair'], 48);
    await log('demo-grid-2', g2, ['cat_demo_repair', 'cat_demo_environment'], 1);
    const now = h.clock.now();
    expect((await topics({ from: now - DAY, to: now })).items).toHaveLength(3);
    expect((await topics({ from: now - DAY, to: now, category: 'cat_demo_environment' })).items.map((i) => i.buildingId)).toEqual([h.ids['3号楼']]);
    const grid1 = (await h.deps.store.get('buildings', h.ids['1号楼']))!.gridId;
    expect((await topics({ from: now - 3 * DAY, to: now, gridIds: [grid1] })).items.map((i) => i.buildingId)).toEqual([h.ids['1号楼'], h.ids['1号楼']]);
  });
});
