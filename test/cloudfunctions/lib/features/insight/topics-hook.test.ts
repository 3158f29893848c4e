/**
 * Visits (走访) are not built yet: their topics reach insight through a manifest's `topics`
 * hook. Here a stand-in source offers three visit topics; they count with concerns in the
 * overview, within the caller's grids, and show in the drill-down.
 */
import type { TopicItem, TopicQuery } from '../../../../../miniprogram/core/insight/contract';
import { makeContext, type HandlerContext } from '../../../../../cloudfunctions/lib/kernel/action';
import { resolveCaller } from '../../../../../cloudfunctions/lib/kernel/caller';
import { insightDrill } from '../../../../../cloudfunctions/lib/features/insight/drill';
import { insightOverview } from '../../../../../cloudfunctions/lib/features/insight/overview';
import { FEATURE_REGISTRY } from '../../../../../cloudfunctions/lib/manifests';
import { createHarness, type Harness } from '../../../../support/harness';

let h: Harness;
let asked: TopicQuery[];
beforeEach(async () => {
  h = await createHarness();
  asked = [];
});
afterEach(() => h.close());

function visit(n: number, building: string, grid: string, category: string): TopicItem {
  return { source: 'visit', id: `visit_${n}`, ref: `走访 11-2${n}`, buildingId: h.ids[building], gridId: h.ids[grid], category, at: h.clock.now() - n * 3600_000, page: `/staff/visit/index?id=visit_${n}` };
}

async function ctxFor<In>(openid: string, input: In) {
  const visits = [visit(1, '1号楼', '第一网格', 'cat_demo_repair'), visit(2, '1号楼', '第一网格', 'cat_demo_environment'), visit(3, '3号楼', '第二网格', 'cat_demo_repair')];
  const features = {
    ...FEATURE_REGISTRY,
    topics: async (_db: unknown, q: TopicQuery) => {
      asked.push(q);
      return { items: visits.filter((v) => !q.gridIds || q.gridIds.includes(v.gridId)), truncated: false };
    },
  };
  return makeContext(h.deps, features, await resolveCaller(openid, h.deps), input, h.clock.now()) as HandlerContext<In>;
}

describe('visit topics count with concerns', () => {
  it('adds them to the cells for an admin', async () => {
    const o = await insightOverview(await ctxFor('demo-admin', { month: '2026-11' }));
    expect(o.visitTopics).toBe(3);
    // The seed's 1号楼 repair concern plus one visit topic.
    expect(o.cells.find((c) => c.buildingId === h.ids['1号楼'] && c.category === 'cat_demo_repair')?.count).toBe(2);
    expect(o.raised.value).toBe(5);
  });
  it('asks the source for the caller’s grids only, and keeps to them', async () => {
    const o = await insightOverview(await ctxFor('demo-grid-1', { month: '2026-11' }));
    expect(asked[0].gridIds).toEqual([h.ids['第一网格']]);
    expect(o.visitTopics).toBe(2);
  });
  it('lists them in the drill-down with their own page', async () => {
    const d = await insightDrill(await ctxFor('demo-grid-1', { month: '2026-11', buildingId: h.ids['1号楼'], figure: 'raised' as const }));
    expect(d.items.filter((i) => i.source === 'visit').map((i) => i.page)).toEqual(['/staff/visit/index?id=visit_1', '/staff/visit/index?id=visit_2']);
  });
});
