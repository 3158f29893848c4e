/** 统一归档: finished concerns export as a CSV with no resident's name, phone or words. */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('exporting the archive', () => {
  it('lists archived concerns with their handling, and nothing personal', async () => {
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13812345678' });
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '=HYPERLINK("x") 楼道扶手断了' }, key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '=1+1 已焊接加固' });
    await h.ok('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5 });
    const open = await h.ok<ConcernView>('demo-resident-2', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['3号楼'], text: '还没办结的事情' }, key());
    const { csv, rows } = await h.ok<{ csv: string; rows: number }>('demo-admin', 'concern.export', { from: T0 - 1, to: T0 + 24 * 3600_000 });
    expect(rows).toBe(1);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('受理编号,分类,楼栋,网格,状态,提交时间,签收时间,按时签收,首次办结时间,归档时间,归档方式,居民认为已解决,满意度,督办轮次,首接负责人,处理结果');
    expect(lines[1]).toContain(`${c.number},设施维修,1号楼,第一网格,已办结`);
    expect(lines[1]).toContain(',是,2026-11-28 10:00,');
    // Never supervised: 督办轮次 0.
    expect(lines[1]).toContain(',居民评价,是,5,0,李秀英,');
    // A cell that a spreadsheet would run as a formula is defused.
    expect(lines[1].endsWith("'=1+1 已焊接加固")).toBe(true);
    expect(csv).not.toMatch(/刘阿姨|13812345678|HYPERLINK|楼道扶手断了/);
    expect(csv).not.toContain(open.number);
  });
  it('counts 督办轮次 as the rounds the concern was supervised', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道扶手断了' }, key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已焊接' });
    await h.ok('demo-resident-1', 'concern.reopen', { concernId: c.id, reason: '又松了' });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已更换底座' });
    await h.ok('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 4 });
    const { csv } = await h.ok<{ csv: string }>('demo-admin', 'concern.export', { from: T0 - 1, to: T0 + 24 * 3600_000 });
    expect(csv).toContain(',居民评价,是,4,1,李秀英,');
  });
  it('is for admins only', async () => {
    expect(await h.call('demo-grid-1', 'concern.export', { from: T0 - 1, to: T0 + 1 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
