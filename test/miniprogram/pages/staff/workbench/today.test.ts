/**
 * The workbench opens on 今日待办 for staff: the list sits at the top, read again on show and
 * on pull-down; a binding row's page opens the review tab.
 */
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { EMPTY_COUNTS } from '../../../../../miniprogram/core/workbench/contract';
import { fakeBackend, flush, loadPage, meReply, ok, render, sent, type Replies } from '../../../harness';

const pageId = loadPage('staff/workbench/index');

beforeEach(() => jest.clearAllMocks());

const list: TodayView = {
  rows: [{ key: 'hours:e1', kind: 'hours', kindLabel: '时长核验', title: '刘阿姨 2.0小时 · 小区植绿护绿', reason: '已等待8天', dueAt: 1, overdue: true, open: { label: '核验', page: '/staff/hours-verify/index?activityId=a1' } }],
  counts: { ...EMPTY_COUNTS, hours: 1 },
  total: 1,
  more: false,
};

async function open(allowed: Parameters<typeof meReply>[0], query: Record<string, string> = {}, replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(allowed, { roles: ['gridWorker'], gridIds: ['g1'] }),
    'workbench.today': ok(list),
    'concern.counts': ok({ views: [] }),
    'concern.queue': ok({ items: [] }),
    'member.listRequests': ok({ items: [] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

describe('staff see 今日待办 first', () => {
  it('above everything else, with its row', async () => {
    const { page } = await open(['workbench.today', 'concern.queue', 'member.listRequests']);
    expect(page.exists('#today-list')).toBe(true);
    // The list is its own component (its rows are tested there): here, that it is on the page.
    expect(page.text('#today-list')).toContain('刘阿姨 2.0小时 · 小区植绿护绿');
    expect(page.text('#today-list')).toContain('已等待8天');
    const text = page.text();
    expect(text.indexOf('今日待办')).toBeLessThan(text.indexOf('待办诉求'));
  });
  it('not for someone the server does not give it to', async () => {
    const { page, send } = await open(['concern.queue']);
    expect(page.exists('#today-list')).toBe(false);
    expect(sent(send, 'workbench.today')).toHaveLength(0);
  });
  it('read again when the page shows again and on pull-down', async () => {
    const { page, send } = await open(['workbench.today', 'concern.queue']);
    page.instance.onShow();
    await flush();
    await page.instance.onPullDownRefresh();
    await flush();
    expect(sent(send, 'workbench.today')).toHaveLength(3);
  });
  it('opens on the review tab when a binding row asks for it', async () => {
    const { page } = await open(['workbench.today', 'concern.queue', 'member.listRequests', 'member.reviewRequest'], { tab: 'requests' });
    expect(page.instance.data.tab).toBe('requests');
    expect(page.exists('#requests-empty')).toBe(true);
  });
});

describe('a binding row tapped on the list', () => {
  it('shows the review tab on this page', async () => {
    const { page, send } = await open(['workbench.today', 'concern.queue', 'member.listRequests', 'member.reviewRequest']);
    expect(page.instance.data.tab).toBe('queue');
    await page.instance.onTodayHere({ detail: { page: '/staff/workbench/index?tab=requests' } });
    await flush();
    expect(page.instance.data.tab).toBe('requests');
    expect(sent(send, 'member.listRequests').length).toBeGreaterThan(0);
  });
});
