import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { calendar, NOW, opinion, publishedItem, question, summary } from '../disclosure-fixtures';

const pageId = loadPage('staff/disclosure/index');

const admin = meReply(['disclosure.calendar', 'disclosure.list', 'disclosure.draft', 'disclosure.publish', 'disclosure.respond', 'disclosure.answer', 'supervision.committee', 'supervision.appoint'], { memberId: 'm-wang', roles: ['admin'] });

async function open(replies: Replies = {}, query: Record<string, string> = {}) {
  const send = fakeBackend({
    'member.me': admin,
    'disclosure.calendar': ok(calendar()),
    'disclosure.list': (data) => ok({ items: data.when === 'drafts' ? [summary()] : [summary({ itemId: 'item-2', title: '九月居民会议纪要', state: 'published', stateLabel: '已公开', versionNumber: 1, publishedAt: NOW - 3 * 24 * 3600_000, hasDraft: false, openQuestions: 1 })] }),
    'disclosure.opinionQueue': ok({ items: [summary({ itemId: 'item-1', state: 'published', stateLabel: '已公开', versionNumber: 1, hasDraft: false, openObjections: 1 })] }),
    'disclosure.questions': ok({ items: [question(), question({ questionId: 'q-2', text: '保洁是哪家公司做的？', dueAt: NOW - 3600_000, overdue: true })] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the calendar', () => {
  it('shows this month’s dues by category, what is late and who has been told, and the on-time rate with its counts', async () => {
    const { page, send } = await open();
    expect(sent(send, 'disclosure.calendar')[0].data).toEqual({ month: '2026-10' });
    expect(page.text('#month')).toBe('2026年10月');
    expect(page.text('#rate-text')).toBe('1/3（33%）');
    expect(page.text('#rate-counts')).toBe('按时公开1项，应公开3项');
    expect(page.text('#due-due-1')).toContain('待公开');
    // Due at midnight after the 15th: said as the 15th, the last day to publish.
    expect(page.text('#due-due-1')).toContain('最迟 10月15日 公开（剩3天）');
    expect(page.text('#due-due-2')).toContain('按时公开');
    expect(page.text('#due-due-3')).toContain('已逾期');
    expect(page.text('#due-due-3')).toContain('已告知居务监督委员会');
    // Issue 17 builds the subdistrict's side: the page says it is recorded, not that it was sent.
    expect(page.text('#due-due-4')).toContain('应报街道（已记录在案');
    expect(page.text('#group-decision')).toContain('2项待公开');
  });

  it('goes back a month and not past the current one', async () => {
    const { page, send } = await open();
    await page.tap('#prev-month');
    expect(sent(send, 'disclosure.calendar')[1].data).toEqual({ month: '2026-09' });
    expect(page.text('#month')).toBe('2026年9月');
    await page.tap('#next-month');
    expect(sent(send, 'disclosure.calendar')[2].data).toEqual({ month: '2026-10' });
    await page.tap('#next-month');
    expect(sent(send, 'disclosure.calendar')).toHaveLength(3);
  });

  it('opens the item that met a due, and starts a draft in the category of one still open', async () => {
    const { page } = await open();
    await page.tap('#due-due-2');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/disclosure-review/index?itemId=item-relief' });
    await page.tap('#due-due-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/disclosure-edit/index?categoryKey=finance' });
  });

  it('says when nothing is due, and shows a failure with a retry', async () => {
    const { page } = await open({ 'disclosure.calendar': ok(calendar({ dues: [], rate: { month: '2026-10', onTime: 0, due: 0, rateText: '本月无到期事项' } })) });
    expect(page.exists('#no-dues')).toBe(true);
    expect(page.text('#rate-text')).toBe('本月无到期事项');
    expect(page.exists('#rate-counts')).toBe(false);
    const broken = await open({ 'disclosure.calendar': fail('INTERNAL', '服务暂时不可用') });
    expect(broken.page.text('#calendar-error')).toContain('服务暂时不可用');
  });
});

describe('drafts and published items', () => {
  it('lists drafts for review and what is up, each opening its review page', async () => {
    const { page, send } = await open();
    await page.tap('#tab-drafts');
    expect(sent(send, 'disclosure.list')[0].data).toMatchObject({ when: 'drafts' });
    expect(page.text('#item-item-1')).toContain('2026年第三季度社区财务收支');
    expect(page.text('#item-item-1')).toContain('财务收支 · 2026年第三季度');
    await page.tap('#item-item-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/disclosure-review/index?itemId=item-1' });
    await page.tap('#tab-published');
    expect(sent(send, 'disclosure.list')[1].data).toMatchObject({ when: 'published' });
    expect(page.text('#item-item-2')).toContain('1个提问待答复');
  });

  it('offers 起草 and the committee to an admin, not to someone who may only read the calendar', async () => {
    const { page } = await open();
    await page.tap('#new-item');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/disclosure-edit/index' });
    const reader = await open({ 'member.me': meReply(['disclosure.calendar'], { roles: ['supervisor'] }) });
    expect(reader.page.exists('#new-item')).toBe(false);
    expect(reader.page.exists('#open-committee')).toBe(false);
  });
});

describe('an open objection', () => {
  it('unfolds the committee member’s words and takes the answer; the item leaves the list once answered', async () => {
    const withObjection = publishedItem({ opinions: [opinion(), opinion({ opinionId: 'op-0', stance: 'agree', stanceLabel: '无异议', text: '', memberName: '钱大爷' })] });
    const answered = publishedItem({ opinions: [opinion({ response: { text: '已核实：本季度增加了楼道深度保洁。', byName: '王书记', at: NOW } })] });
    const { page, send } = await open({ 'disclosure.get': ok(withObjection), 'disclosure.respond': ok(answered) }, { tab: 'objections' });
    expect(page.text('#objection-item-1')).toContain('1条异议待答复');
    await page.tap('#objection-item-1 .ld-tappable');
    expect(sent(send, 'disclosure.get')[0].data).toEqual({ itemId: 'item-1' });
    expect(page.text('#opinion-op-1')).toContain('赵监督');
    expect(page.text('#opinion-op-1')).toContain('保洁费比上季度高出一倍');
    expect(page.exists('#opinion-op-0')).toBe(false);
    await page.tap('#respond-op-1 >>> #dr-open');
    await page.tap('#respond-op-1 >>> #dr-submit');
    expect(page.text('#respond-op-1 >>> #dr-text-error')).toBe('答复至少需要4个字');
    expect(sent(send, 'disclosure.respond')).toHaveLength(0);
    await page.input('#respond-op-1 >>> #dr-text', '已核实：本季度增加了楼道深度保洁。');
    await page.tap('#respond-op-1 >>> #dr-submit');
    expect(sent(send, 'disclosure.respond')[0].data).toEqual({ itemId: 'item-1', opinionId: 'op-1', text: '已核实：本季度增加了楼道深度保洁。' });
    expect(page.text('#saved')).toContain('已答复');
    expect(page.exists('#objection-item-1')).toBe(false);
  });
});

describe('open questions', () => {
  it('lists each with its deadline, late ones said so, and answers one in place', async () => {
    const { page, send } = await open({ 'disclosure.answer': (data) => ok(question({ questionId: data.questionId, state: 'answered', answer: { text: data.text, byName: '王书记', at: NOW } })) }, { tab: 'questions' });
    expect(page.text('#question-q-1')).toContain('办公用品为什么要200元？');
    expect(page.text('#question-q-1')).toContain('刘某');
    expect(page.text('#question-due-q-1')).toContain('10月18日');
    expect(page.text('#question-due-q-1')).toContain('剩6天');
    expect(page.text('#question-due-q-2')).toContain('已超过答复期限');
    await page.tap('#answer-q-1 >>> #dr-open');
    await page.input('#answer-q-1 >>> #dr-text', '购买打印纸和墨盒，票据见附件。');
    await page.tap('#answer-q-1 >>> #dr-submit');
    expect(sent(send, 'disclosure.answer')[0].data).toEqual({ questionId: 'q-1', text: '购买打印纸和墨盒，票据见附件。' });
    expect(page.exists('#question-q-1')).toBe(false);
    expect(page.exists('#question-q-2')).toBe(true);
    expect(page.text('#saved')).toContain('抄送居务监督委员会');
  });

  it('shows a refused answer under its own box and keeps the question', async () => {
    const { page } = await open({ 'disclosure.answer': fail('CONFLICT', '这个问题已经答复过了') }, { tab: 'questions' });
    await page.tap('#answer-q-1 >>> #dr-open');
    await page.input('#answer-q-1 >>> #dr-text', '购买打印纸和墨盒。');
    await page.tap('#answer-q-1 >>> #dr-submit');
    expect(page.text('#answer-q-1 >>> #dr-error')).toBe('这个问题已经答复过了');
    expect(page.exists('#question-q-1')).toBe(true);
  });
});
