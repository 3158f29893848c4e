import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { resolution } from '../council-fixtures';
import { categories, draftItem, NOW, publishedItem } from '../disclosure-fixtures';

const pageId = loadPage('staff/disclosure-edit/index');

async function open(query: Record<string, string> = {}, replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(['disclosure.draft'], { memberId: 'm-li', roles: ['gridWorker'] }),
    'disclosure.catalogue': ok({ categories }),
    'community.buildings': ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b3', name: '3号楼', gridId: 'g1' }] }),
    'disclosure.draft': (data) => ok(draftItem({ itemId: data.itemId ?? 'item-new' })),
    'disclosure.get': ok(draftItem()),
    'media.urls': ok({ urls: {} }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

const fe = (sel: string) => `#finance-editor >>> ${sel}`;
const re = (sel: string) => `#relief-editor >>> ${sel}`;

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a new finance item, from the calendar', () => {
  it('starts on the quarter just ended and requires the table', async () => {
    const { page } = await open({ categoryKey: 'finance' });
    expect(page.text('#category-value')).toBe('财务收支');
    expect(page.text('#cadence')).toBe('每季度公开，次季度首月15日前');
    expect(page.text('#period-text')).toBe('公开栏上写作：2026年第三季度');
    expect(page.exists('#finance-on')).toBe(false);
    expect(page.exists('#finance-editor')).toBe(true);
  });

  it('reconciles as the figures are typed in 元, and sends them in 分', async () => {
    const { page, send } = await open({ categoryKey: 'finance' });
    await page.input(fe('#fe-opening'), '10000');
    await page.input(fe('#fe-income-0-label'), '上级补助');
    await page.input(fe('#fe-income-0-amount'), '5,000');
    await page.input(fe('#fe-expense-0-label'), '保洁费');
    await page.input(fe('#fe-expense-0-amount'), '3000.5');
    await page.input(fe('#fe-closing'), '12000');
    expect(page.text(fe('#fe-line'))).toContain('与填写的期末余额12,000.00元相差0.50元');
    await page.input(fe('#fe-closing'), '11,999.50');
    expect(page.text(fe('#fe-line'))).toBe('✓ 期初10,000.00元 + 收入5,000.00元 − 支出3,000.50元 = 11,999.50元，与期末余额一致');
    expect(page.text(fe('#fe-income-total'))).toBe('收入合计 5,000.00元');
    await page.input('#title', '2026年第三季度社区财务收支');
    await page.input('#body', '本季度收支情况如下。');
    await page.tap('#save');
    expect(sent(send, 'disclosure.draft')[0].data).toEqual({
      categoryKey: 'finance',
      title: '2026年第三季度社区财务收支',
      period: { kind: 'quarter', year: 2026, quarter: 3 },
      body: '本季度收支情况如下。',
      finance: { openingFen: 1_000_000, income: [{ label: '上级补助', amountFen: 500_000 }], expense: [{ label: '保洁费', amountFen: 300_050 }], closingFen: 1_199_950 },
      relief: null,
      attachments: [],
      links: [],
    });
    // Saved: on to the privacy review of what was just written.
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/staff/disclosure-review/index?itemId=item-new' });
  });

  it('refuses a figure that is not an amount where it is typed, and sends nothing', async () => {
    const { page, send } = await open({ categoryKey: 'finance' });
    await page.input(fe('#fe-expense-0-amount'), '12.345');
    expect(page.text(fe('#fe-expense-0-amount-error'))).toBe('请按元填写数字，如 1234.50');
    expect(page.text(fe('#fe-line'))).toContain('这里核对是否平衡');
    await page.input('#title', '2026年第三季度社区财务收支');
    await page.tap('#save');
    expect(page.text('#finance-error')).toContain('有1个金额写得不对');
    expect(sent(send, 'disclosure.draft')).toHaveLength(0);
  });

  it('names what is missing, in the table’s own rows, before anything is sent', async () => {
    const { page, send } = await open({ categoryKey: 'finance' });
    await page.input(fe('#fe-opening'), '100');
    await page.input(fe('#fe-income-0-amount'), '20');
    await page.tap('#save');
    expect(page.text('#title-error')).toBe('标题至少需要4个字');
    expect(page.text(fe('#fe-income-0'))).toContain('请填写科目');
    expect(page.text(fe('#fe-closing-error'))).toBe('请填写期末余额');
    // Said in the table, once: not again under it.
    expect(page.exists('#finance-error')).toBe(false);
    expect(sent(send, 'disclosure.draft')).toHaveLength(0);
  });
});

describe('a relief list', () => {
  it('keeps names for staff, sends them with the form chosen, and warns under five recipients', async () => {
    const { page, send } = await open({ categoryKey: 'relief' });
    expect(page.text('#period-text')).toBe('公开栏上写作：2026年第三季度');
    await page.input(re('#re-programme'), '临时救助');
    await page.tap(re('#re-form-maskedName'));
    await page.input(re('#re-row-0-name'), '王建国');
    await page.input(re('#re-row-0-amount'), '800');
    await page.change(re('#re-row-0-building'), 2);
    expect(page.text(re('#re-total'))).toBe('共1人，合计 800.00元');
    expect(page.text(re('#re-few'))).toContain('「<5」');
    await page.input('#title', '第三季度临时救助发放');
    await page.tap('#save');
    expect(sent(send, 'disclosure.draft')[0].data).toMatchObject({
      categoryKey: 'relief',
      finance: null,
      relief: { programme: '临时救助', form: 'maskedName', rows: [{ name: '王建国', amountFen: 80_000, buildingId: 'b3' }] },
    });
  });
});

describe('links', () => {
  it('picks a resolution from its own list and sends the link', async () => {
    const { page, send } = await open({ categoryKey: 'decision' }, { 'resolution.list': (data) => ok({ items: data.when === 'open' ? [resolution({ id: 'res-1', title: '增设快递柜' })] : [] }) });
    expect(page.exists('#period-date')).toBe(true);
    await page.tap('#link-toggle');
    await page.tap('#link-picker >>> #lp-kind-resolution');
    expect(page.text('#link-picker >>> #lp-list')).toContain('增设快递柜');
    await page.tap('#link-picker >>> #lp-pick-0');
    expect(page.text('#link-0')).toContain('增设快递柜');
    expect(page.exists('#link-picker >>> #lp-none')).toBe(true);
    await page.input('#title', '增设快递柜的决议及实施');
    await page.tap('#save');
    expect(sent(send, 'disclosure.draft')[0].data).toMatchObject({ categoryKey: 'decision', period: { kind: 'date', date: '2026-10-12' }, links: [{ kind: 'resolution', refId: 'res-1' }] });
  });
});

describe('an existing draft', () => {
  it('opens with what was saved, figures as 元, and saves against the version it loaded', async () => {
    const { page, send } = await open({ itemId: 'item-1', from: 'review' });
    expect(page.text('#heading')).toBe('修改草稿');
    expect(page.instance.data.title).toBe('2026年第三季度社区财务收支');
    expect(page.text(fe('#fe-line'))).toContain('与期末余额一致');
    await page.input(fe('#fe-expense-1-amount'), '250');
    expect(page.text(fe('#fe-line'))).toContain('相差50.00元');
    await page.tap('#save');
    const data = sent(send, 'disclosure.draft')[0].data as { itemId: string; draftVersion: number; finance: { expense: unknown[] } };
    expect(data.itemId).toBe('item-1');
    expect(data.draftVersion).toBe(3);
    expect(data.finance.expense).toEqual([{ label: '保洁费', amountFen: 300_000 }, { label: '办公用品', amountFen: 25_000, note: '打印纸' }]);
    expect(wxMock.navigateBack).toHaveBeenCalled();
  });

  it('says a stale draft was changed by someone else', async () => {
    const { page } = await open({ itemId: 'item-1' }, { 'disclosure.draft': fail('CONFLICT', '草稿已被修改') });
    await page.tap('#save');
    expect(page.text('#form-error')).toContain('这份草稿刚被别人改过');
  });

  it('shows a correction’s reason, and keeps its category', async () => {
    const correcting = draftItem({ state: 'correcting', stateLabel: '更正中', currentNumber: 1 }, { correctionReason: '保洁费金额录入有误' });
    const { page } = await open({ itemId: 'item-1' }, { 'disclosure.get': ok(correcting) });
    expect(page.text('#correction')).toContain('更正原因：保洁费金额录入有误');
    expect(page.text('#heading')).toContain('更正');
    await page.change('#category', 3);
    expect(page.text('#category-value')).toBe('财务收支');
  });

  it('will not edit what is published without a correction', async () => {
    const { page, send } = await open({ itemId: 'item-1' }, { 'disclosure.get': ok(publishedItem()) });
    expect(page.text('#blocked')).toContain('公开的内容不能修改');
    expect(page.exists('#save')).toBe(false);
    expect(sent(send, 'disclosure.draft')).toHaveLength(0);
  });
});
