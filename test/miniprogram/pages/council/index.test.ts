import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import { bj, meeting, motion, NOW, resolution, settings } from './fixtures';

const pageId = loadPage('pages/council/index');

const page1 = <T>(items: T[], next?: string) => ok({ items, ...(next ? { next } : {}) });

async function open(replies: Replies = {}, query: Record<string, string> = {}) {
  const send = fakeBackend({
    'motion.settings': ok(settings()),
    'motion.list': page1([motion(), motion({ id: 'motion_2', title: '小区东门增设夜间照明', supports: 52, threshold: 50, supportText: '已有52户附议，需50户', status: 'thresholdMet', statusLabel: '附议已达标，待安排上会', thresholdMetAt: bj(2026, 11, 30, 9, 0), supportedByMe: true, supportedByName: '刘阿姨' })]),
    'meeting.list': page1([meeting({ myRegistration: { status: 'registered', statusLabel: '已报名', positionText: null } })]),
    'resolution.list': page1([resolution()]),
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

describe('a resident opens 民主议事', () => {
  it('opens on 议题 and reads only that tab: each motion with its support bar, status and whether the household supported', async () => {
    const { page, send } = await open();
    expect(sent(send, 'motion.list')[0].data).toMatchObject({ when: 'open' });
    expect(sent(send, 'meeting.list')).toHaveLength(0);
    expect(sent(send, 'resolution.list')).toHaveLength(0);
    expect(page.text('#motion-0')).toContain('在3号楼北侧加装电动车充电桩');
    expect(page.text('#motion-0')).toContain('已有38户附议，需50户');
    expect(page.text('#motion-0')).toContain('征集附议中');
    expect(page.text('#motion-0')).toContain('12月20日 18:00截止附议');
    expect(page.text('#motion-1')).toContain('附议已达标，待安排上会');
    expect(page.text('#motion-1')).toContain('您家已附议（刘阿姨）');
    expect((page.instance.data.motions as Array<{ percent: number }>).map((m) => m.percent)).toEqual([76, 100]);
    expect(page.text('#settings')).toBe('议题须在30天内得到本社区五分之一以上户附议，才列入会议议程。');
    expect(page.text()).not.toContain('motion_');
  });

  it('opens a motion and offers to propose one', async () => {
    const { page } = await open();
    await page.tap('#motion-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/motion/index?motionId=motion_1' });
    await page.tap('#propose');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/motion-propose/index' });
  });

  it('offers no 我要提议题 to someone who may not propose', async () => {
    const { page } = await open({ 'motion.settings': ok(settings({ allowedActions: ['motion.list'] })) });
    expect(page.exists('#propose')).toBe(false);
  });
});

describe('the 会议 tab', () => {
  it('is read when first opened: upcoming meetings with body, time, place and the resident’s registration', async () => {
    const { page, send } = await open();
    await page.tap('#tab-meetings');
    expect(sent(send, 'meeting.list')[0].data).toMatchObject({ when: 'upcoming' });
    expect(page.text('#meeting-0')).toContain('幸福里社区2026年第四季度居民会议');
    expect(page.text('#meeting-0')).toContain('居民会议');
    expect(page.text('#meeting-0')).toContain('今天 09:00–11:30');
    expect(page.text('#meeting-0')).toContain('地点：社区党群服务中心二楼会议室');
    expect(page.text('#meeting-0')).toContain('已报名');
    await page.tap('#meeting-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meeting/index?meetingId=meeting_1' });
    // Back to 议题 and again to 会议: each list was read once.
    await page.tap('#tab-motions');
    await page.tap('#tab-meetings');
    expect(sent(send, 'meeting.list')).toHaveLength(1);
    expect(sent(send, 'motion.list')).toHaveLength(1);
  });

  it('switches to past meetings', async () => {
    const { page, send } = await open({ 'meeting.list': (d) => page1(d.when === 'past' ? [] : [meeting()]) });
    await page.tap('#tab-meetings');
    await page.tap('#when-past');
    expect(sent(send, 'meeting.list').map((e) => (e.data as { when: string }).when)).toEqual(['upcoming', 'past']);
    expect(page.text('#meetings-empty')).toBe('还没有召开过的会议');
  });
});

describe('the 决议 tab', () => {
  it('shows each resolution with its progress bar, owner and due date', async () => {
    const { page } = await open({ 'resolution.list': page1([resolution(), resolution({ id: 'resolution_2', title: '东门照明', overdue: true, percent: 20, dueAt: bj(2026, 11, 30, 18, 0) })]) });
    await page.tap('#tab-resolutions');
    expect(page.text('#resolution-0')).toContain('已完成60%');
    expect(page.text('#resolution-0')).toContain('负责人：张建国，12月30日前完成');
    expect(page.text('#resolution-0')).toContain('居民会议 11月25日决议');
    expect(page.text('#resolution-1')).toContain('超期');
    expect(page.text('#resolution-1')).toContain('已超期（应于11月30日前完成）');
    expect((page.instance.data.resolutions as Array<{ percent: number }>).map((r) => r.percent)).toEqual([60, 20]);
    await page.tap('#resolution-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/resolution/index?resolutionId=resolution_1' });
  });

  it('can be the tab the page opens on', async () => {
    const { page, send } = await open({}, { tab: 'resolutions' });
    expect(sent(send, 'motion.list')).toHaveLength(0);
    expect(page.exists('#resolution-0')).toBe(true);
  });
});

describe('a list that cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page } = await open({ 'motion.list': fail('NETWORK_ERROR') });
    expect(page.text('#motions-error')).toContain('网络不稳定');
    expect(page.text('#motions-error')).toContain('重试');
  });
});

describe('nothing to show', () => {
  it('says so in words for each tab', async () => {
    const { page } = await open({ 'motion.list': page1([]), 'meeting.list': page1([]), 'resolution.list': page1([]) });
    expect(page.text('#motions-empty')).toBe('现在没有征集附议的议题');
    await page.tap('#tab-meetings');
    expect(page.text('#meetings-empty')).toBe('近期没有要召开的会议');
    await page.tap('#tab-resolutions');
    expect(page.text('#resolutions-empty')).toBe('现在没有正在落实的决议');
  });
});
