import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { NOW, pollView } from '../poll-fixtures';

const pageId = loadPage('staff/polls/index');

const admin = meReply(['poll.create', 'poll.list', 'roll.list', 'roll.import'], { roles: ['admin'] });

const scheduled = pollView({
  id: 'poll-2', title: '小区停车收费标准', status: 'scheduled', statusLabel: '未开始', participation: 0, participationText: '已投票0户（投票人次，非结果）', rollSize: null,
  allowedActions: ['poll.get', 'poll.cancel'],
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': admin,
    'poll.list': (data) => (data.when === 'past' ? ok({ items: [] }) : data.cursor === 'p2' ? ok({ items: [scheduled] }) : ok({ items: [pollView()], next: 'p2' })),
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

describe('staff open the poll list', () => {
  it('shows each current poll with its status, scope, deadline and how many voted — never a result', async () => {
    const { page, send } = await open();
    expect(sent(send, 'poll.list')[0].data).toEqual({ when: 'current', limit: 20 });
    const row = page.text('#poll-0');
    expect(row).toContain('3号楼加装电梯意见征集');
    expect(row).toContain('投票中');
    expect(row).toContain('一户一票 · 不记名投票 · 3号楼');
    expect(row).toContain('5月10日 20:00 截止');
    expect(page.text('#participation-0')).toBe('已投票42户（投票人次，非结果）');
    expect(row).not.toMatch(/同意\d|通过/);
  });

  it('offers, per poll, only the steps the server allows', async () => {
    const { page } = await open();
    expect(page.exists('#entry-0-paper')).toBe(true);
    expect(page.exists('#entry-0-pending')).toBe(true);
    expect(page.exists('#entry-0-close')).toBe(true);
    expect(page.exists('#entry-0-publish')).toBe(false);
    expect(page.exists('#entry-0-hands')).toBe(false);
  });

  it('says nothing of votes for a poll that has not opened', async () => {
    const { page } = await open();
    await page.tap('#more');
    expect(page.text('#poll-1')).toContain('未开始');
    expect(page.text('#poll-1')).toContain('5月1日');
    expect(page.exists('#participation-1')).toBe(false);
    expect(page.exists('#entry-1-paper')).toBe(false);
  });
});

describe('staff go on from the list', () => {
  it('opens the poll, its paper entry and its review list', async () => {
    const { page } = await open();
    await page.tap('#open-0');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll/index?pollId=poll-1' });
    await page.tap('#entry-0-paper');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-paper/index?pollId=poll-1' });
    await page.tap('#entry-0-pending');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-paper/index?pollId=poll-1&tab=pending' });
    await page.tap('#entry-0-close');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll/index?pollId=poll-1' });
  });

  it('starts a new poll and opens the rolls', async () => {
    const { page } = await open();
    await page.tap('#create');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-edit/index' });
    await page.tap('#roll');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/roll/index' });
  });
});

describe('someone who may not start polls', () => {
  it('sees the list without 发起投票 or 名册', async () => {
    const { page } = await open({ 'member.me': meReply(['poll.list'], { roles: ['volunteer'] }) });
    expect(page.exists('#create')).toBe(false);
    expect(page.exists('#roll')).toBe(false);
    expect(page.exists('#poll-0')).toBe(true);
  });
});

describe('the past tab', () => {
  it('asks for ended polls and says when there are none', async () => {
    const { page, send } = await open();
    await page.tap('#tab-past');
    expect(sent(send, 'poll.list').map((e) => (e.data as { when: string }).when)).toEqual(['current', 'past']);
    expect(page.text('#empty')).toBe('还没有已结束的投票');
  });
});

describe('coming back to the list', () => {
  it('reads it again, so a poll just started or closed shows', async () => {
    const { page, send } = await open();
    page.instance.onShow();
    await flush();
    expect(sent(send, 'poll.list')).toHaveLength(1);
    page.instance.onShow();
    await flush();
    expect(sent(send, 'poll.list')).toHaveLength(2);
  });
});

describe('the list cannot be read', () => {
  it('shows the message and a retry', async () => {
    const { page } = await open({ 'poll.list': fail('INTERNAL', '系统繁忙，请稍后再试') });
    expect(page.text('#error')).toContain('系统繁忙');
    expect(page.exists('#polls')).toBe(false);
  });
});
