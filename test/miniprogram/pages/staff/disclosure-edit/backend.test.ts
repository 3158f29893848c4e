/** The draft form against the real backend: what it saves is what the server keeps, in 分. */
import { flush, loadPage, render, wxMock } from '../../../harness';
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, financeDraft, pagesAs, publish, Q3, type Harness } from '../disclosure-backend';

const pageId = loadPage('staff/disclosure-edit/index');

let h: Harness;
beforeEach(async () => {
  jest.clearAllMocks();
  h = await createHarness();
  jest.spyOn(Date, 'now').mockImplementation(() => h.clock.now());
});
afterEach(() => {
  jest.restoreAllMocks();
  h.close();
});

async function open(query: Record<string, string>) {
  const sent = pagesAs(h, 'demo-admin');
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, sent };
}

const fe = (sel: string) => `#finance-editor >>> ${sel}`;

describe('a new finance item typed in 元', () => {
  it('is kept by the server in 分, on the quarter just ended, with the reconciliation the page showed', async () => {
    const { page } = await open({ categoryKey: 'finance' });
    expect(page.text('#category-value')).toBe('财务收支');
    expect(page.text('#period-text')).toBe('公开栏上写作：2026年第三季度');
    await page.input('#title', '2026年第三季度社区财务收支');
    await page.input(fe('#fe-opening'), '1,000.00');
    await page.input(fe('#fe-income-0-label'), '上级补助');
    await page.input(fe('#fe-income-0-amount'), '500.5');
    await page.input(fe('#fe-expense-0-label'), '保洁费');
    await page.input(fe('#fe-expense-0-amount'), '300');
    await page.input(fe('#fe-closing'), '1200.50');
    expect(page.text(fe('#fe-line'))).toContain('与期末余额一致');
    await page.tap('#save');
    await flush();
    const url = (wxMock.redirectTo.mock.calls[0][0] as { url: string }).url;
    const itemId = decodeURIComponent(url.split('itemId=')[1]);
    const item = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId });
    expect(item.draft).toMatchObject({
      title: '2026年第三季度社区财务收支',
      period: Q3,
      finance: { openingFen: 100_000, income: [{ label: '上级补助', amountFen: 50_050 }], expense: [{ label: '保洁费', amountFen: 30_000 }], closingFen: 120_050 },
      reconciliation: { ok: true },
    });
  });
});

describe('an item already published', () => {
  it('cannot be edited here, and its correction opens with the reason and saves on the draft it loaded', async () => {
    const first = await publish(h, await financeDraft(h));
    const blocked = await open({ itemId: first.itemId });
    expect(blocked.page.text('#blocked')).toContain('公开的内容不能修改');

    await h.ok('demo-admin', 'disclosure.correct', { itemId: first.itemId, reason: '保洁费金额录入有误' });
    const { page, sent } = await open({ itemId: first.itemId, from: 'review' });
    expect(page.text('#correction')).toContain('更正原因：保洁费金额录入有误');
    await page.input(fe('#fe-expense-0-amount'), '3,100');
    await page.input(fe('#fe-closing'), '11,900');
    await page.tap('#save');
    await flush();
    expect(wxMock.navigateBack).toHaveBeenCalled();
    const saved = sent.filter((e) => e.action === 'disclosure.draft')[0].data as { draftVersion: number };
    const item = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: first.itemId });
    expect(item.draft?.draftVersion).toBeGreaterThan(saved.draftVersion);
    expect(item.draft?.finance?.expense[0].amountFen).toBe(310_000);
    // The published version is as it was.
    expect(item.shown?.finance?.expense[0].amountFen).toBe(300_000);
  });

  it('refuses a save on a draft someone changed meanwhile, and says so', async () => {
    const draft = await financeDraft(h);
    const { page } = await open({ itemId: draft.itemId });
    await financeDraft(h, { itemId: draft.itemId, draftVersion: draft.draft?.draftVersion, title: '2026年第三季度社区财务收支（修订）' });
    await page.input('#title', '2026年第三季度财务收支');
    await page.tap('#save');
    await flush();
    expect(page.text('#form-error')).toContain('这份草稿刚被别人改过');
    const item = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: draft.itemId });
    expect(item.draft?.title).toBe('2026年第三季度社区财务收支（修订）');
  });
});
