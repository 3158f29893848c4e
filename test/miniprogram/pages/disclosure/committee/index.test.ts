import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../../harness';
import type { CommitteeView } from '../../../../../miniprogram/core/disclosure/supervision-contract';
import { committee, item, NOW, opinion, summary } from '../fixtures';

const pageId = loadPage('disclosure/committee/index');

/** The committee as 周建平, its chair, sees it. */
const asChair = (extra: Partial<CommitteeView> = {}) =>
  committee({ members: committee().members.map((m) => (m.name === '周建平' ? { ...m, isMe: true } : m)), ...extra });

async function open(view: CommitteeView = committee(), replies: Replies = {}) {
  const send = fakeBackend({
    'supervision.committee': ok(view),
    'disclosure.opinionQueue': (d) =>
      ok({ items: d.when === 'awaiting' ? [summary(), summary({ itemId: 'ditem_min', title: '第四季度居民会议纪要', categoryLabel: '决定事项及实施', periodLabel: '', versionNumber: 2 })] : [summary({ openObjections: 1 })] }),
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

describe('a resident looks at the committee', () => {
  it('sees how it was chosen, its term, the chair first, and earlier terms', async () => {
    const { page } = await open();
    expect(page.text('#chosen')).toBe('居民会议推选（幸福里社区2026年第一次居民会议）');
    expect(page.text('#term-dates')).toBe('2026年3月1日 至 2029年2月28日');
    expect(page.text('#member-0')).toBe('周建平主任');
    expect(page.text('#member-1')).toBe('吴秀兰委员');
    expect(page.text('#member-2')).toBe('郑小红委员');
    expect(page.text('#past')).toBe('2023年3月1日 至 2026年2月28日居民代表会议推选');
    expect(page.text()).not.toContain('term_');
  });

  it('gets no queue: that is the members’ work', async () => {
    const { page, send } = await open();
    expect(page.exists('#tabs')).toBe(false);
    expect(sent(send, 'disclosure.opinionQueue')).toHaveLength(0);
  });

  it('is told when no committee has been recorded, or its term is over', async () => {
    const none = await open(committee({ termId: null, chosenBy: null, chosenByLabel: null, meeting: null, startsOn: null, endsOn: null, current: false, members: [], past: [] }));
    expect(none.page.text('#status')).toBe('本社区还没有登记居务监督委员会。');
    expect(none.page.exists('#members')).toBe(false);
    const ended = await open(committee({ current: false }));
    expect(ended.page.text('#status')).toBe('本届任期不在今天之内，新一届尚未登记。');
  });

  it('shows the server’s message with a retry', async () => {
    const { page, send } = await open(committee(), { 'supervision.committee': fail('INTERNAL') });
    expect(page.exists('#error')).toBe(true);
    await page.tap('#error .ll-retry');
    expect(sent(send, 'supervision.committee')).toHaveLength(2);
  });
});

describe('a sitting member', () => {
  it('is named as 我 and sees the items waiting for their opinion', async () => {
    const { page, send } = await open(asChair());
    expect(page.text('#member-0')).toContain('（我）');
    expect(sent(send, 'disclosure.opinionQueue')[0].data).toEqual({ when: 'awaiting', limit: 20 });
    expect(page.text('#queue-0')).toContain('2026年第三季度财务收支');
    expect(page.text('#queue-0')).toContain('第1版');
    expect(page.text('#queue-1')).toContain('第2版');
    expect(page.text('#queue-1')).toContain('决定事项及实施');
  });

  it('opens an item in full', async () => {
    const { page } = await open(asChair());
    await page.tap('#queue-1 .row');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/disclosure/item/index?itemId=ditem_min' });
  });

  it('records an objection from the queue; the item leaves the queue', async () => {
    const { page, send } = await open(asChair(), {
      'disclosure.opinion': ok(item({ objectionBanner: '居务监督委员会对本项公开有异议，社区正在答复', opinions: [opinion({ stance: 'objection', stanceLabel: '有异议', text: '绿化养护没有附合同' })] })),
    });
    await page.tap('#open-form-0');
    await page.tap('#opinion-form >>> #stance-objection');
    await page.tap('#opinion-form >>> #opinion-submit');
    // Fewer than four characters of reasons: refused on the device.
    expect(page.text('#opinion-form >>> #text-error')).toBe('有异议请写明理由，至少4个字');
    expect(sent(send, 'disclosure.opinion')).toHaveLength(0);
    await page.input('#opinion-form >>> #opinion-text', '绿化养护没有附合同');
    await page.tap('#opinion-form >>> #opinion-submit');
    expect(sent(send, 'disclosure.opinion')[0].data).toEqual({ itemId: 'ditem_fin3', versionNumber: 1, stance: 'objection', text: '绿化养护没有附合同' });
    expect(page.count('.queue-card')).toBe(1);
    expect(page.text('#queue-0')).toContain('第四季度居民会议纪要');
  });

  it('sees the objections the community has not answered', async () => {
    const { page, send } = await open(asChair());
    await page.tap('#tab-objections');
    expect(sent(send, 'disclosure.opinionQueue')[1].data).toEqual({ when: 'objections', limit: 20 });
    expect(page.text('#queue-0')).toContain('有异议待答复');
    expect(page.exists('#open-form-0')).toBe(false);
  });

  it('is told when nothing waits', async () => {
    const { page } = await open(asChair(), { 'disclosure.opinionQueue': ok({ items: [] }) });
    expect(page.text('#queue-empty')).toBe('没有等您提意见的公开事项');
  });
});
