/**
 * Builders for the visit log's rows: the target is 刘阿姨's household (1号楼, grid 1), which
 * 李秀英 visited once before the call; the `otherResident` column is a resident of grid 2.
 */
import type { VisitView } from '../../../miniprogram/core/visit/contract';
import { monthOf } from '../../../cloudfunctions/lib/kernel/months';
import type { World } from '../support/world';
import { key } from '../support/world';
import { herHousehold, type Builder } from './fixtures';

const GRID1 = 'demo-grid-1';

const visitOf = (w: World) => ({
  householdId: herHousehold(w),
  visitor: { kind: 'self' },
  visitedAt: w.h.clock.now() - 3600_000,
  channel: 'door',
  topics: ['cat_demo_repair'],
  notes: '授权矩阵走访：老人身体不错。',
});

async function visited(w: World): Promise<string> {
  return (await w.h.ok<VisitView>(GRID1, 'visit.log', visitOf(w), key())).id;
}

export const visitBuilders: Record<string, Builder> = {
  'visit.log': async (w) => ({ data: { ...visitOf(w), visitor: { kind: 'partyMember', name: '王大伟' } }, probe: '"visitorKind":"partyMember"' }),
  'visit.list': async (w) => ({ data: { householdId: herHousehold(w) }, probe: await visited(w) }),
  'visit.list#grid': async (w) => ({ data: { gridId: w.ids.g1, month: monthOf(w.h.clock.now()) }, probe: await visited(w) }),
  'visit.coverage': async (w) => {
    await visited(w);
    // Flagged, so the household shows by id on the care list.
    await w.h.ok(GRID1, 'visit.setCare', { householdId: herHousehold(w), elderly: true, specialCare: false });
    return { data: { gridId: w.ids.g1, month: monthOf(w.h.clock.now()) }, probe: herHousehold(w) };
  },
  'visit.setCare': async (w) => ({ data: { householdId: herHousehold(w), elderly: true, specialCare: false }, probe: '"elderly":true' }),
};
