/**
 * When a field caused a refusal, the error names it, in the shape input validation uses
 * (`details.issues[].path`), so a form shows it next to that field.
 */
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function pathOf(openid: string, action: string, data: unknown, idempotencyKey?: string) {
  const res = await h.call(openid, action, data, idempotencyKey);
  expect(res.ok).toBe(false);
  if (res.ok) return undefined;
  return { code: res.error.code, paths: (res.error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.map((i) => i.path) };
}

describe('a refusal caused by one field names that field', () => {
  it('a building that does not exist, on submit and on a binding request', async () => {
    expect(await pathOf('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: 'b_missing', text: '门口的路灯不亮了' }, key())).toEqual({ code: 'NOT_FOUND', paths: ['buildingId'] });
    expect(await pathOf('demo-volunteer-1', 'member.requestBinding', { communityId: 'demo', buildingId: 'b_missing', unit: '1单元', room: '101', name: '陈志愿' }, key())).toEqual({ code: 'NOT_FOUND', paths: ['buildingId'] });
  });
  it('a category that was retired', async () => {
    expect(await pathOf('demo-resident-1', 'concern.submit', { category: 'cat_missing', buildingId: h.ids['1号楼'], text: '门口的路灯不亮了' }, key())).toEqual({ code: 'VALIDATION_ERROR', paths: ['category'] });
  });
  it('the same person as A and B of a grid, or a leader who is not staff', async () => {
    const a = member('demo-grid-1');
    expect(await pathOf('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格', workerA: a, workerB: a })).toEqual({ code: 'VALIDATION_ERROR', paths: ['workerB'] });
    expect(await pathOf('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格', workerA: a, leader: member('demo-resident-1') })).toEqual({ code: 'VALIDATION_ERROR', paths: ['leader'] });
  });
  it('a merge into a number that does not exist', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '门口的路灯不亮了' }, key());
    expect(await pathOf('demo-grid-1', 'concern.merge', { concernId: c.id, intoNumber: '20990101-0001', reason: '同一个问题' })).toEqual({ code: 'NOT_FOUND', paths: ['intoNumber'] });
  });
  it('an away switch that ends in the past', async () => {
    expect(await pathOf('demo-grid-1', 'staff.setAway', { away: true, until: h.clock.now() - 1000 })).toEqual({ code: 'VALIDATION_ERROR', paths: ['until'] });
  });
  it('a page cursor that was tampered with', async () => {
    expect(await pathOf('demo-resident-1', 'concern.listMine', { cursor: 'bm90LWEtY3Vyc29y' })).toEqual({ code: 'VALIDATION_ERROR', paths: ['cursor'] });
  });
});
