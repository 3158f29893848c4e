/** The review page against the real backend: 公开 and 更正 do what the page says they do. */
import { flush, loadPage, render, wxMock } from '../../../harness';
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, financeDraft, pagesAs, publish, type Harness } from '../disclosure-backend';

const pageId = loadPage('staff/disclosure-review/index');

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

async function open(itemId: string, as = 'demo-admin') {
  const sent = pagesAs(h, as);
  const page = render(pageId);
  page.instance.onLoad({ itemId });
  await flush();
  return { page, sent };
}

describe('an admin publishes a draft that reconciles', () => {
  it('publishes version 1 of what the preview showed, and the server has it', async () => {
    const draft = await financeDraft(h);
    const { page } = await open(draft.itemId);
    expect(page.text('#preview')).toContain('本季度收支情况如下。');
    expect(page.text('#preview >>> #dcn-finance-text')).toContain('与期末余额一致');
    expect(page.exists('#blocks')).toBe(false);
    await page.tap('#publish');
    await flush();
    expect(page.text('#saved')).toBe('已公开第1版，居民现在可以看到');
    const item = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: draft.itemId });
    expect(item.shown).toMatchObject({ number: 1, title: '2026年第三季度社区财务收支', body: '本季度收支情况如下。' });
  });
});

describe('books that do not reconcile', () => {
  it('are held back on the page with the difference, and nothing is published', async () => {
    const draft = await financeDraft(h, {
      finance: { openingFen: 1_000_000, income: [{ label: '上级补助', amountFen: 500_000 }], expense: [{ label: '保洁费', amountFen: 300_000 }], closingFen: 1_250_000 },
    });
    const { page, sent } = await open(draft.itemId);
    expect(page.text('#blocks')).toContain('相差500.00元');
    await page.tap('#publish');
    await flush();
    expect(sent.some((e) => e.action === 'disclosure.publish')).toBe(false);
    const item = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: draft.itemId });
    expect(item.currentNumber).toBe(0);
  });
});

describe('a correction', () => {
  it('is drafted with its reason and opens the form, while version 1 stays up', async () => {
    const first = await publish(h, await financeDraft(h));
    const { page } = await open(first.itemId);
    expect(page.text('#version-1')).toContain('第1版');
    await page.tap('#correct-open');
    await page.input('#reason', '保洁费金额录入有误');
    await page.tap('#correct-submit');
    await flush();
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: `/staff/disclosure-edit/index?itemId=${encodeURIComponent(first.itemId)}&from=review` });
    const item = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: first.itemId });
    expect(item.state).toBe('correcting');
    expect(item.draft?.correctionReason).toBe('保洁费金额录入有误');
    expect(item.shown?.number).toBe(1);
  });
});

describe('a grid worker', () => {
  it('is not offered 公开, as the server allows it to admins only', async () => {
    const draft = await financeDraft(h);
    const { page } = await open(draft.itemId, 'demo-grid-1');
    expect(page.exists('#title')).toBe(true);
    expect(page.exists('#publish')).toBe(false);
    expect(page.text('#publish-admin')).toContain('由社区管理员公开');
  });
});
