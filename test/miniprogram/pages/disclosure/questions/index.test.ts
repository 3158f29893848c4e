import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { bj, NOW, question } from '../fixtures';

const pageId = loadPage('disclosure/questions/index');

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'disclosure.questions': ok({
      items: [
        question({ askerText: '我', mine: true }),
        question({ questionId: 'dq_2', itemTitle: '第四季度居民会议纪要', itemId: 'ditem_min', askerText: '我', mine: true, state: 'answered', answer: { text: '会议纪要已补充表决票数。', byName: '李秀英', at: bj(2026, 10, 18, 9, 0) } }),
        question({ questionId: 'dq_3', askerText: '我', mine: true, dueAt: bj(2026, 10, 19, 8, 0), overdue: true }),
      ],
    }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({});
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident’s own questions', () => {
  it('lists each with its item, where it stands and the answer', async () => {
    const { page, send } = await open();
    expect(sent(send, 'disclosure.questions')[0].data).toEqual({ when: 'mine', limit: 20 });
    expect(page.text('#question-0 .state')).toBe('待答复');
    expect(page.text('#question-0 .q-item')).toBe('2026年第三季度财务收支');
    expect(page.text('#question-0 .q-text')).toBe('我问：绿化养护1500元是哪几处？');
    expect(page.text('#question-0 .due')).toBe('社区须在10月24日 08:00前答复');
    expect(page.text('#question-1 .state')).toBe('已答复');
    expect(page.text('#question-1')).toContain('社区答复：会议纪要已补充表决票数。');
    expect(page.exists('#question-1 .due')).toBe(false);
    expect(page.text('#question-2 .state')).toBe('答复已超期');
    expect(page.text('#question-2 .due')).toContain('已告知居务监督委员会');
    expect(page.text()).not.toContain('dq_');
  });

  it('opens the item a question is about', async () => {
    const { page } = await open();
    await page.tap('#question-1 .row');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/disclosure/item/index?itemId=ditem_min' });
  });

  it('reads again on coming back (an answer may have come)', async () => {
    const { page, send } = await open();
    page.instance.onShow();
    await flush();
    expect(sent(send, 'disclosure.questions')).toHaveLength(2);
  });

  it('says how to ask when there is none yet', async () => {
    const { page } = await open({ 'disclosure.questions': ok({ items: [] }) });
    expect(page.text('#empty')).toContain('您还没有提过问题');
    await page.tap('#go-board');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/disclosure/board/index' });
  });

  it('shows the server’s message with a retry', async () => {
    const { page, send } = await open({ 'disclosure.questions': fail('INTERNAL') });
    expect(page.exists('#error')).toBe(true);
    expect(page.exists('#empty')).toBe(false);
    await page.tap('#error .ll-retry');
    expect(sent(send, 'disclosure.questions')).toHaveLength(2);
  });
});
