import { fail, fakeBackend, flush, loadPage, ok, render, sent, type Replies } from '../../harness';
import { meeting, minutes, NOW, quorum } from '../council/fixtures';

const pageId = loadPage('pages/minutes/index');

const ended = meeting({ status: 'minutesApproved', statusLabel: '纪要已审定', minutes: 'approved', quorum: quorum(150, 10) });

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'meeting.get': ok(ended), 'meeting.minutes': ok(minutes()), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ meetingId: 'meeting_1' });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident reads approved minutes', () => {
  it('shows the meeting, the record lines, the summary, each item’s discussion and who kept and approved them', async () => {
    const { page, send } = await open();
    expect(sent(send, 'meeting.minutes')[0].data).toEqual({ meetingId: 'meeting_1' });
    expect(page.text('#title')).toBe('幸福里社区2026年第四季度居民会议');
    expect(page.text('#record')).toContain('应到250户，到会160户（本人150，委托10）；已达法定人数');
    expect(page.text('#record')).toContain('第1项 加装电动车充电桩：同意120户，不同意30户，弃权10户 → 通过');
    expect(page.text('#summary')).toBe('会议由王书记主持，通报了第四季度社区工作。');
    expect(page.text('#items')).toContain('居民关心收费标准');
    expect(page.text('#signed')).toBe('记录人：李秀英 审定：王书记 11月28日公布');
    expect(page.exists('#not-yet')).toBe(false);
    expect(page.text()).not.toContain('meeting_1');
  });
});

describe('minutes not yet approved', () => {
  it('says 纪要尚未审定 when the server has only a draft', async () => {
    const { page } = await open({ 'meeting.minutes': ok(minutes({ status: 'draft', approvedByName: null, approvedAt: null, publicText: null })) });
    expect(page.text('#not-yet')).toContain('纪要尚未审定');
    expect(page.exists('#record')).toBe(false);
  });

  it('says 纪要尚未审定 when there is nothing public to read yet', async () => {
    const { page } = await open({ 'meeting.minutes': fail('NOT_FOUND', '纪要尚未审定') });
    expect(page.text('#not-yet')).toContain('纪要尚未审定');
    expect(page.exists('#error')).toBe(false);
  });
});

describe('the minutes cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page } = await open({ 'meeting.minutes': fail('NETWORK_ERROR') });
    expect(page.text('#error')).toContain('网络不稳定');
    expect(page.exists('#not-yet')).toBe(false);
  });
});
