/**
 * 起草: staff write the next version of an item on the draft they loaded. Two saves from
 * one loaded draft make one change and one CONFLICT; a save that went through and is sent
 * again answers with it; only staff draft; a draft only points at what exists.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { draft, eventsOf, financeDraft, newDraft, published, storedItem } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const edit = (who: string, item: ItemView, extra: Record<string, unknown>, k = key()) =>
  draft(h, who, { ...financeDraft(extra), itemId: item.itemId, draftVersion: item.draft!.draftVersion }, k);

describe('saves go on the draft that was loaded', () => {
  it('two staff saving the same loaded draft: one save, one CONFLICT, nothing overwritten', async () => {
    const item = await newDraft(h);
    const [a, b] = await Promise.all([edit('demo-grid-1', item, { title: '李秀英改的标题' }), edit('demo-admin', item, { title: '王书记改的标题' })]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: 'CONFLICT', message: '草稿刚被他人修改，请刷新后再改', details: { issues: [{ path: 'draftVersion' }] } } }]);
    const stored = await storedItem(h, item.itemId);
    const winner = a.ok ? '李秀英改的标题' : '王书记改的标题';
    expect(stored).toMatchObject({ title: winner, draft: { draftVersion: 2, title: winner } });
  });
  it('a save sent again after it went through answers with it, and saves once', async () => {
    const item = await newDraft(h);
    const k = key();
    const first = await edit('demo-grid-1', item, { body: '补充：收入来自物业管理费分成。' }, k);
    const again = await edit('demo-grid-1', item, { body: '补充：收入来自物业管理费分成。' }, k);
    expect(first).toMatchObject({ ok: true, data: { draft: { draftVersion: 2 } } });
    expect(again).toEqual(first);
    expect((await eventsOf(h, item.itemId)).filter((e) => e.type === 'disclosure.drafted').map((e) => e._id)).toHaveLength(2);
  });
  it('a save without the loaded draftVersion is refused', async () => {
    const item = await newDraft(h);
    expect(await draft(h, 'demo-grid-1', { ...financeDraft(), itemId: item.itemId })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'draftVersion' }] } } });
  });
});

describe('who drafts, and what a draft may say', () => {
  it('only staff draft', async () => {
    for (const who of ['demo-resident-1', 'demo-volunteer-1']) expect(await draft(h, who, financeDraft())).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await draft(h, 'demo-grid-2', financeDraft())).ok).toBe(true);
  });
  it('a category must exist; a published item keeps its category', async () => {
    expect(await draft(h, 'demo-grid-1', financeDraft({ categoryKey: 'nowhere' }))).toMatchObject({ error: { code: 'NOT_FOUND', details: { issues: [{ path: 'categoryKey' }] } } });
    const v1 = await published(h);
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '期间写错了，应为第二季度' });
    expect(await edit('demo-grid-1', c, { categoryKey: 'other' })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'categoryKey' }] } } });
    expect(await edit('demo-grid-1', c, { period: { kind: 'quarter', year: 2026, quarter: 2 } })).toMatchObject({ ok: true, data: { draft: { correctionReason: '期间写错了，应为第二季度', period: { quarter: 2 } } } });
  });
  it('relief rows point at the community’s buildings', async () => {
    const relief = { programme: '2026年冬季困难家庭慰问金', form: 'surname', rows: [{ name: '王建国', amountFen: 50_000, buildingId: 'b_nowhere' }] };
    expect(await draft(h, 'demo-grid-1', financeDraft({ categoryKey: 'relief', finance: null, relief }))).toMatchObject({ error: { code: 'NOT_FOUND', details: { issues: [{ path: 'relief.rows.0.buildingId' }] } } });
    const ok = await draft(h, 'demo-grid-1', financeDraft({ categoryKey: 'relief', finance: null, relief: { ...relief, rows: [{ ...relief.rows[0], buildingId: h.ids['1号楼'] }] } }));
    expect(ok).toMatchObject({ ok: true, data: { draft: { relief: { rows: [{ name: '王建国' }] } } } });
  });
});
