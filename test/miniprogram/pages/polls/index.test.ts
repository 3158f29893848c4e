import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import { ballot, bj, NOW, poll } from '../poll/fixtures';

const pageId = loadPage('pages/polls/index');

const current = [
  poll(),
  poll({ id: 'poll_2', title: '小区春节装饰方案', unit: 'person', unitLabel: '每位成年居民一票', myBallot: ballot({ voted: true, byMe: true }), participationText: '已投票88人（投票人次，非结果）' }),
];
const past = [
  poll({ id: 'poll_3', title: '选聘物业服务企业', status: 'published', statusLabel: '结果已公布', closesAt: bj(2026, 11, 20, 18, 0), myBallot: ballot({ voted: true, byMe: true }) }),
  poll({ id: 'poll_4', title: '楼道堆物清理办法', status: 'closed', statusLabel: '已结束，待公布', closesAt: bj(2026, 12, 7, 18, 0), myBallot: null }),
];

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'poll.list': (data) => ok({ items: data.when === 'past' ? past : current }), ...replies });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident opens 投票表决', () => {
  it('lists the polls under way with how votes are counted, the deadline in words and whether the household voted', async () => {
    const { page, send } = await open();
    expect(sent(send, 'poll.list')[0].data).toEqual({ when: 'current', limit: 20 });
    const first = page.text('#poll-0');
    expect(first).toContain('是否在3号楼北侧加装电动车充电桩');
    expect(first).toContain('一户一票');
    expect(first).toContain('投票中');
    expect(first).toContain('12月10日 18:00截止');
    expect(first).toContain('未投票');
    expect(page.text('#poll-1')).toContain('您已投票');
  });

  it('shows how many took part only as the participation line, never as a result', async () => {
    const { page } = await open();
    expect(page.text('#poll-0 .participation')).toBe('已投票42户（投票人次，非结果）');
    expect(page.text()).not.toMatch(/同意\s*\d|得票|通过/);
  });

  it('opens a poll under way on its voting page', async () => {
    const { page } = await open();
    await page.tap('#poll-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/poll/index?pollId=poll_1' });
  });
});

describe('the resident switches to 已结束', () => {
  it('reads the past polls; a published one says 结果已公布 and opens on its result', async () => {
    const { page, send } = await open();
    await page.tap('#tab-past');
    expect(sent(send, 'poll.list').map((e) => e.data)).toEqual([{ when: 'current', limit: 20 }, { when: 'past', limit: 20 }]);
    expect(page.text('#poll-0')).toContain('选聘物业服务企业');
    expect(page.text('#poll-0')).toContain('结果已公布');
    expect(page.text('#poll-0')).toContain('11月20日结束');
    expect(page.text('#poll-0')).toContain('您家已投票');
    expect(page.text('#poll-1')).toContain('已结束，待公布');
    expect(page.text('#poll-1')).not.toContain('未投票');
    await page.tap('#poll-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/poll-result/index?pollId=poll_3' });
    await page.tap('#poll-1');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/poll/index?pollId=poll_4' });
  });

  it('goes back to 进行中 with a fresh read', async () => {
    const { page, send } = await open();
    await page.tap('#tab-past');
    await page.tap('#tab-current');
    expect(sent(send, 'poll.list').map((e) => (e.data as { when: string }).when)).toEqual(['current', 'past', 'current']);
    expect(page.text('#poll-0')).toContain('是否在3号楼北侧加装电动车充电桩');
  });
});

describe('nothing is under way', () => {
  it('says so', async () => {
    const { page } = await open({ 'poll.list': ok({ items: [] }) });
    expect(page.text('#empty')).toBe('现在没有进行中的投票');
  });
});

describe('the list cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page, send } = await open({ 'poll.list': fail('FORBIDDEN', '请先绑定住户') });
    expect(page.text('#error')).toContain('请先绑定住户');
    await page.tap('#error .ll-retry');
    expect(sent(send, 'poll.list')).toHaveLength(2);
  });
});
