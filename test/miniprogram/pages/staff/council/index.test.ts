import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { meeting, motion, NOW, quorum, resolution } from '../council-fixtures';

const pageId = loadPage('staff/council/index');

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(['meeting.create', 'meeting.attendance', 'motion.answer'], { roles: ['admin'] }),
    'motion.list': ok({ items: [motion({ id: 'motion-2', title: '更换路灯', status: 'collecting', statusLabel: '征集附议中', answerDueAt: null, supportText: '已有12户附议，需50户' }), motion(), motion({ id: 'motion-3', title: '整治楼道堆物', overdue: true, answerDueAt: NOW - 86_400_000 })] }),
    'meeting.list': ok({ items: [meeting(), meeting({ id: 'meeting-2', title: '居民代表会议', status: 'ended', statusLabel: '会议已结束，纪要待审定', minutes: 'draft' })] }),
    'resolution.list': ok({ items: [resolution(), resolution({ id: 'resolution-2', title: '楼道照明改造', overdue: true, percent: 20 })] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('motions waiting on staff', () => {
  it('lists the overdue first, then those past threshold, each with its deadline', async () => {
    const { page, send } = await open();
    expect(sent(send, 'motion.list')[0].data).toMatchObject({ when: 'open' });
    expect(page.text('#motion-0')).toContain('整治楼道堆物');
    expect(page.text('#motion-0')).toContain('超期');
    expect(page.text('#motion-due-0')).toContain('已超期');
    expect(page.text('#motion-1')).toContain('增设快递柜');
    expect(page.text('#motion-1')).toContain('已有52户附议，需50户');
    expect(page.text('#motion-due-1')).toContain('前列入议程或答复');
    expect(page.text('#motion-2')).toContain('更换路灯');
  });

  it('answers one with a kind and reasons, and it leaves the list', async () => {
    const { page, send } = await open({ 'motion.answer': ok(motion({ status: 'answered', statusLabel: '已答复' })) });
    await page.tap('#answer-1');
    await page.tap('#answer-submit');
    expect(page.text('#answer-kind-error')).toBe('请选择答复方式');
    expect(sent(send, 'motion.answer')).toHaveLength(0);
    await page.change('#answer-kind', 'referred');
    await page.input('#answer-reason', '已转区城管局办理，预计两周内答复');
    await page.tap('#answer-submit');
    expect(sent(send, 'motion.answer')[0].data).toEqual({ motionId: 'motion-1', kind: 'referred', reason: '已转区城管局办理，预计两周内答复' });
    expect(page.text('#motions')).not.toContain('增设快递柜');
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已答复', icon: 'success' });
  });

  it('shows a short reason refused under the reason', async () => {
    const { page, send } = await open();
    await page.tap('#answer-1');
    await page.change('#answer-kind', 'declined');
    await page.input('#answer-reason', '不办');
    await page.tap('#answer-submit');
    expect(page.exists('#answer-reason-error')).toBe(true);
    expect(sent(send, 'motion.answer')).toHaveLength(0);
  });

  it('offers no answer to a worker the server does not allow it', async () => {
    const { page } = await open({ 'motion.list': ok({ items: [motion({ allowedActions: ['motion.get'] as ActionName[] })] }) });
    expect(page.exists('#answer-0')).toBe(false);
  });
});

describe('meetings', () => {
  it('shows each meeting with its live quorum, and leads to the meeting or its minutes', async () => {
    const { page } = await open();
    expect(page.text('#meeting-0')).toContain('2026年第四次居民会议');
    expect(page.text('#meeting-quorum-0')).toBe(quorum(120, 8).text);
    await page.tap('#run-0');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/meeting-run/index?meetingId=meeting-1' });
    await page.tap('#minutes-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/minutes-edit/index?meetingId=meeting-2' });
    expect(page.exists('#run-1')).toBe(false);
  });

  it('lets an admin convene one', async () => {
    const { page } = await open();
    await page.tap('#create');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/meeting-edit/index' });
  });

  it('offers no 召集会议 to a grid worker', async () => {
    const { page } = await open({ 'member.me': meReply(['meeting.attendance'], { roles: ['gridWorker'] }) });
    expect(page.exists('#create')).toBe(false);
  });

  it('switches to past meetings', async () => {
    const { page, send } = await open();
    await page.tap('#meetings-past');
    expect(sent(send, 'meeting.list').at(-1)?.data).toMatchObject({ when: 'past' });
  });
});

describe('resolutions', () => {
  it('lists mine with progress, the overdue marked, and opens one', async () => {
    const { page, send } = await open();
    expect(sent(send, 'resolution.list')[0].data).toMatchObject({ when: 'mine' });
    expect(page.text('#resolution-0')).toContain('60%');
    expect(page.text('#resolution-1')).toContain('超期');
    await page.tap('#resolution-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/resolution/index?resolutionId=resolution-2' });
    await page.tap('#resolutions-open');
    expect(sent(send, 'resolution.list').at(-1)?.data).toMatchObject({ when: 'open' });
  });

  it('shows a failed list with its message, the rest still there', async () => {
    const { page } = await open({ 'resolution.list': fail('INTERNAL') });
    expect(page.exists('#resolutions-error')).toBe(true);
    expect(page.exists('#meetings')).toBe(true);
  });
});
