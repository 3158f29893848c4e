import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { category, NOW, summary } from '../fixtures';

const pageId = loadPage('disclosure/board/index');

const catalogue = [
  category(),
  category({ key: 'decision', label: '决定事项及实施', cadence: { kind: 'immediate', hours: 24 }, cadenceText: '随时公开（事项发生后24小时内）', publishedCount: 0, latest: null }),
];

async function open(query: Record<string, string> = {}, replies: Replies = {}) {
  const send = fakeBackend({
    'disclosure.catalogue': ok({ categories: catalogue }),
    'disclosure.list': ok({ items: [summary(), summary({ itemId: 'ditem_min', title: '第四季度居民会议纪要', categoryKey: 'decision', categoryLabel: '决定事项及实施', periodLabel: '', versionNumber: 2, openObjections: 1, openQuestions: 2 })] }),
    'member.me': meReply(['disclosure.list', 'disclosure.ask', 'disclosure.questions']),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the board’s front page', () => {
  it('lists each category with how often it is published and its latest item', async () => {
    const { page } = await open();
    expect(page.text('#category-0 .category-label')).toBe('财务收支');
    expect(page.text('#category-0 .cadence')).toBe('每季度公开，次季度首月15日前');
    expect(page.text('#category-0 .latest')).toBe('最新：2026年第三季度财务收支（10月12日）');
    expect(page.text('#category-1 .cadence')).toBe('随时公开（事项发生后24小时内）');
    expect(page.text('#category-1 .latest')).toBe('还没有公开事项');
  });

  it('lists what was published across categories, marking objections, corrections and waiting questions', async () => {
    const { page, send } = await open();
    expect(sent(send, 'disclosure.list')[0].data).toEqual({ when: 'published', limit: 20 });
    expect(page.text('#item-0 .item-title')).toBe('2026年第三季度财务收支');
    expect(page.text('#item-0 .where')).toBe('财务收支 · 2026年第三季度');
    expect(page.text('#item-0 .published')).toBe('10月12日公开');
    expect(page.text('#item-1')).toContain('监督委员会有异议');
    expect(page.text('#item-1')).toContain('已更正，现为第2版');
    expect(page.text('#item-1')).toContain('2个提问待答复');
    expect(page.text('#item-1')).toContain('决定事项及实施');
    expect(page.exists('#item-0 .objection')).toBe(false);
    expect(page.text()).not.toContain('ditem');
  });

  it('leads to a category, an item, the committee and the resident’s own questions', async () => {
    const { page } = await open();
    await page.tap('#category-0');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/disclosure/board/index?categoryKey=finance' });
    await page.tap('#item-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/disclosure/item/index?itemId=ditem_min' });
    await page.tap('#entry-committee');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/disclosure/committee/index' });
    await page.tap('#entry-questions');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/disclosure/questions/index' });
  });

  it('offers 我的提问 only to those who may ask', async () => {
    const { page } = await open({}, { 'member.me': meReply(['disclosure.list'], { roles: ['volunteer'] }) });
    expect(page.exists('#entry-questions')).toBe(false);
    expect(page.exists('#entry-committee')).toBe(true);
  });

  it('reads again when the resident comes back from an item', async () => {
    const { page, send } = await open();
    page.instance.onShow();
    await flush();
    expect(sent(send, 'disclosure.list')).toHaveLength(2);
  });
});

describe('one category’s list', () => {
  it('shows its name and cadence, lists only it, and leaves the category off each row', async () => {
    const title = jest.spyOn(wxMock, 'setNavigationBarTitle');
    const { page, send } = await open({ categoryKey: 'finance' }, { 'disclosure.list': ok({ items: [summary()] }) });
    expect(sent(send, 'disclosure.list')[0].data).toEqual({ categoryKey: 'finance', when: 'published', limit: 20 });
    expect(page.text('#category .board-title')).toBe('财务收支');
    expect(page.text('#category-cadence')).toBe('每季度公开，次季度首月15日前');
    expect(title).toHaveBeenCalledWith(expect.objectContaining({ title: '财务收支' }));
    expect(page.text('#item-0 .where')).toBe('2026年第三季度');
    expect(page.exists('#categories')).toBe(false);
    expect(sent(send, 'member.me')).toHaveLength(0);
  });

  it('says so when nothing is published in it yet', async () => {
    const { page } = await open({ categoryKey: 'decision' }, { 'disclosure.list': ok({ items: [] }) });
    expect(page.text('#empty')).toBe('这一类还没有公开事项');
  });
});

describe('more than a page', () => {
  it('loads the next page under the first', async () => {
    const { page, send } = await open({ categoryKey: 'finance' }, {
      'disclosure.list': (d) => ok(d.cursor ? { items: [summary({ itemId: 'ditem_fin2', title: '2026年第二季度财务收支' })] } : { items: [summary()], next: 'c2' }),
    });
    await page.tap('#more');
    expect(sent(send, 'disclosure.list')[1].data).toMatchObject({ cursor: 'c2' });
    expect(page.text('#item-1')).toContain('2026年第二季度财务收支');
    expect(page.exists('#more')).toBe(false);
  });
});

describe('the backend does not answer', () => {
  it('says so once, with a retry that reads both again', async () => {
    const { page, send } = await open({}, { 'disclosure.catalogue': fail('INTERNAL'), 'disclosure.list': fail('INTERNAL') });
    expect(page.exists('#catalogue-error')).toBe(true);
    expect(page.exists('#error')).toBe(false);
    expect(page.exists('#empty')).toBe(false);
    await page.tap('#catalogue-error .ll-retry');
    expect(sent(send, 'disclosure.catalogue')).toHaveLength(2);
    expect(sent(send, 'disclosure.list')).toHaveLength(2);
  });

  it('keeps the catalogue when only the list fails', async () => {
    const { page } = await open({}, { 'disclosure.list': fail('INTERNAL') });
    expect(page.exists('#categories')).toBe(true);
    expect(page.exists('#error')).toBe(true);
    expect(page.exists('#empty')).toBe(false);
  });
});
