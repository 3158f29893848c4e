/**
 * 居务公开 as staff and residents live it: a quarter's finance item is drafted, its personal
 * data reviewed, published only when it reconciles, corrected as a new version while the
 * first stays readable; residents never see a draft, a flag or what was masked.
 */
import type { Page } from '../../../../../miniprogram/core/action';
import type { CategoryView, ItemSummaryView, ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const GRID1 = 'demo-grid-1';
const ADMIN = 'demo-admin';
const RESIDENT = 'demo-resident-1';

const TABLE = {
  openingFen: 1_250_000,
  income: [{ label: '上级拨付工作经费', amountFen: 3_000_000 }],
  expense: [{ label: '办公用品', amountFen: 86_050 }, { label: '楼道照明维修', amountFen: 420_000 }],
  closingFen: 3_743_950,
};
const FINANCE = {
  categoryKey: 'finance', title: '2026年第三季度财务收支', period: { kind: 'quarter', year: 2026, quarter: 3 },
  body: '本季度社区工作经费收支如下，凭证存社区办公室备查。', finance: TABLE,
};

const draft = (extra: Record<string, unknown> = {}, k = key()) => h.ok<ItemView>(GRID1, 'disclosure.draft', { ...FINANCE, ...extra }, k);
const maskAll = (d: ItemView, who = GRID1) =>
  h.ok<ItemView>(who, 'disclosure.review', { itemId: d.itemId, draftVersion: d.draft!.draftVersion, decisions: d.draft!.flags.map((f) => ({ flagId: f.flagId, decision: 'mask' })) });
const publish = (d: ItemView) => h.call<ItemView>(ADMIN, 'disclosure.publish', { itemId: d.itemId, draftVersion: d.draft!.draftVersion });
const versions = (itemId: string) => h.deps.store.query('disclosureVersions', { where: { communityId: 'demo', itemId }, orderBy: { field: 'number', dir: 'asc' }, limit: 50 });

describe('the catalogue holds the six categories the law names and the charter', () => {
  it('lists each with its cadence', async () => {
    const { categories } = await h.ok<{ categories: CategoryView[] }>(RESIDENT, 'disclosure.catalogue', {});
    expect(categories.map((c) => c.label)).toEqual(['决定事项及实施', '财务收支', '救助与补贴款物', '协助政府工作', '服务与收费', '其他关切', '居民公约与自治章程']);
    expect(categories.find((c) => c.key === 'finance')!.cadenceText).toBe('每季度公开，次季度首月15日前');
  });
});

describe('a finance table that does not reconcile cannot be published', () => {
  it('names the closing balance and writes nothing', async () => {
    const d = await draft({ finance: { ...TABLE, closingFen: TABLE.closingFen + 100 } });
    const before = (await versions(d.itemId)).items.length;
    const res = await publish(d);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(res.error.details)).toContain('finance.closingFen');
    expect(res.error.message).toContain('相差1.00元');
    expect((await versions(d.itemId)).items.length).toBe(before);
    expect((await h.ok<ItemView>(ADMIN, 'disclosure.get', { itemId: d.itemId })).state).toBe('draft');
  });
  it('publishes once it does', async () => {
    const res = await publish(await draft());
    expect(res.ok && res.data.state).toBe('published');
  });
});

describe('personal data holds publication until every flag is decided', () => {
  const BODY = '楼道照明维修由3号楼2单元302的马建国联系，电话13912345678。';
  it('refuses while a flag is open, and publishes the masked text', async () => {
    const d = await draft({ body: BODY });
    expect(d.draft!.unresolved).toBeGreaterThan(0);
    const refused = await publish(d);
    expect(refused.ok || refused.error.code).toBe('VALIDATION_ERROR');
    const reviewed = await maskAll(d);
    expect(reviewed.draft!.unresolved).toBe(0);
    const out = await publish(reviewed);
    expect(out.ok).toBe(true);
    const seen = await h.ok<ItemView>(RESIDENT, 'disclosure.get', { itemId: d.itemId });
    expect(seen.shown!.body).not.toContain('13912345678');
    expect(seen.shown!.body).not.toContain('302');
    expect(seen.shown!.body).toContain('楼道照明维修');
  });
  it('keeps a flagged text only with a reason', async () => {
    const d = await draft({ body: '咨询请拨打社区服务热线 0571-88886666。' });
    const flag = d.draft!.flags[0];
    const res = await h.call(GRID1, 'disclosure.review', { itemId: d.itemId, draftVersion: d.draft!.draftVersion, decisions: [{ flagId: flag.flagId, decision: 'keep' }] });
    expect(res.ok || JSON.stringify(res.error.details)).toContain('decisions.0.reason');
    const kept = await h.ok<ItemView>(GRID1, 'disclosure.review', { itemId: d.itemId, draftVersion: d.draft!.draftVersion, decisions: [{ flagId: flag.flagId, decision: 'keep', reason: '公共服务电话' }] });
    await publish(kept);
    expect((await h.ok<ItemView>(RESIDENT, 'disclosure.get', { itemId: d.itemId })).shown!.body).toContain('0571-88886666');
  });
});

describe('a correction is a new version; the first stays readable', () => {
  it('keeps v1, marks it superseded and carries the reason on v2', async () => {
    const first = await publish(await draft());
    if (!first.ok) throw new Error('publish');
    const v1 = (await versions(first.data.itemId)).items[0];
    const opened = await h.ok<ItemView>(GRID1, 'disclosure.correct', { itemId: first.data.itemId, reason: '办公用品金额录入有误' });
    expect(opened.state).toBe('correcting');
    // Residents still read version 1 while the correction is drafted.
    expect((await h.ok<ItemView>(RESIDENT, 'disclosure.get', { itemId: first.data.itemId })).shown!.number).toBe(1);
    const fixed = { ...TABLE, expense: [{ label: '办公用品', amountFen: 68_050 }, TABLE.expense[1]], closingFen: TABLE.closingFen + 18_000 };
    const edited = await h.ok<ItemView>(GRID1, 'disclosure.draft', { ...FINANCE, itemId: first.data.itemId, draftVersion: opened.draft!.draftVersion, finance: fixed }, key());
    const second = await publish(edited);
    expect(second.ok && second.data.currentNumber).toBe(2);
    const all = (await versions(first.data.itemId)).items;
    expect(all.map((v) => v.number)).toEqual([1, 2]);
    expect(all[0].contentHash).toBe(v1.contentHash);
    expect(all[0].finance).toEqual(v1.finance);
    expect(all[0].supersededBy).toBe(2);
    expect(all[1].reason).toBe('办公用品金额录入有误');
    const old = await h.ok<ItemView>(RESIDENT, 'disclosure.get', { itemId: first.data.itemId, version: 1 });
    expect(old.shown!.superseded).toBe(true);
    expect(old.shown!.finance!.closingFen).toBe(TABLE.closingFen);
  });
  it('never lets a published item be edited in place', async () => {
    const first = await publish(await draft());
    if (!first.ok) throw new Error('publish');
    const res = await h.call(GRID1, 'disclosure.draft', { ...FINANCE, itemId: first.data.itemId, draftVersion: 1, body: '改写后的正文' }, key());
    expect(res.ok || res.error.code).toBe('CLOSED');
    expect((await versions(first.data.itemId)).items[0].body).toBe(FINANCE.body);
  });
});

describe('two admins publishing one draft at once publish one version', () => {
  it('20 parallel publishes → one version, every call answered', async () => {
    const d = await draft();
    const results = await Promise.all(Array.from({ length: 20 }, () => publish(d)));
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    expect((await versions(d.itemId)).items.length).toBe(1);
  });
});

describe('residents never see a draft', () => {
  it('hides drafts from the board and from get', async () => {
    const d = await draft();
    const res = await h.call(RESIDENT, 'disclosure.get', { itemId: d.itemId });
    expect(res.ok || res.error.code).toBe('NOT_FOUND');
    const asked = await h.call(RESIDENT, 'disclosure.list', { when: 'drafts' });
    expect(asked.ok || asked.error.code).toBe('FORBIDDEN');
    expect((await h.ok<Page<ItemSummaryView>>(GRID1, 'disclosure.list', { when: 'drafts' })).items.map((i) => i.itemId)).toContain(d.itemId);
    const published = await publish(await maskAll(d));
    expect(published.ok).toBe(true);
    const seen = await h.ok<ItemView>(RESIDENT, 'disclosure.get', { itemId: d.itemId });
    expect(seen.draft).toBeNull();
  });
});

describe('a retried create makes one item', () => {
  it('returns the same item for the same key', async () => {
    const k = key();
    const [a, b] = await Promise.all([draft({}, k), draft({}, k)]);
    expect(a.itemId).toBe(b.itemId);
  });
});
