import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies, type ReplyEnvelope } from '../../harness';
import type { InboxItem } from '../../../../miniprogram/core/notify/contract';

const pageId = loadPage('pages/inbox/index');

const T0 = Date.UTC(2026, 4, 6, 2, 30);

function msg(id: string, extra: Partial<InboxItem> = {}): InboxItem {
  return { id, kind: 'concern.replied', title: `标题${id}`, body: `内容${id}`, read: false, createdAt: T0, ...extra };
}

const first = [
  msg('m1', { title: '网格员答复了您的诉求', page: '/pages/concern-detail/index?id=c-42' }),
  msg('m2', { title: '预约成功', read: true, page: '/pages/bookings/index' }),
  msg('m3', { title: '绑定申请已通过', page: '/pages/me/index' }),
  msg('m4', { title: '社区通知', body: '本周六停水' }),
];

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'notify.inbox': (d) => (d.cursor ? ok({ items: [msg('m5', { title: '更早的消息' })] }) : ok({ items: first, next: 'cur1' })),
    'notify.markRead': ok({ marked: 1 }),
    'notify.unreadCount': ok({ count: 2, more: false }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

// Read at noon the same day (Beijing): the newest message says 今天.
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 4, 6, 4, 0));
});
afterEach(() => clock.mockRestore());

beforeEach(() => {
  jest.clearAllMocks();
  wxMock.setTabBarBadge = jest.fn();
  wxMock.removeTabBarBadge = jest.fn();
});

describe('a resident opens 消息中心', () => {
  it('lists the messages newest first, unread ones in bold', async () => {
    const { page, send } = await open();
    expect(sent(send, 'notify.inbox')[0].data).toEqual({ unreadOnly: false, limit: 20 });
    expect(page.count('.msg-row')).toBe(4);
    expect(page.count('.msg-unread')).toBe(3);
    expect(page.text('#msg-m1')).toContain('网格员答复了您的诉求');
    expect(page.text('#msg-m1')).toContain('今天 10:30');
    expect(page.exists('#msg-m1 .ll-strong')).toBe(true);
    expect(page.exists('#msg-m2 .ll-strong')).toBe(false);
  });

  it('loads older messages page by page', async () => {
    const { page, send } = await open();
    await page.tap('#more');
    expect(sent(send, 'notify.inbox')[1].data).toMatchObject({ cursor: 'cur1' });
    expect(page.count('.msg-row')).toBe(5);
    expect(page.exists('#more')).toBe(false);
  });

  it('says so when there are none', async () => {
    const { page } = await open({ 'notify.inbox': ok({ items: [] }) });
    expect(page.text('#empty')).toBe('暂时没有消息');
    expect(page.exists('#mark-all')).toBe(false);
  });

  it('shows a failure with a retry', async () => {
    const { page } = await open({ 'notify.inbox': fail('NETWORK_ERROR') });
    expect(page.text('#error')).toContain('网络不稳定');
  });
});

describe('a resident taps a message', () => {
  it('marks it read and opens the page it is about', async () => {
    const { page, send } = await open({ 'notify.unreadCount': ok({ count: 1, more: false }) });
    await page.tap('#msg-m1');
    expect(sent(send, 'notify.markRead')[0].data).toEqual({ ids: ['m1'] });
    expect(page.count('.msg-unread')).toBe(2);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c-42' });
    // The tab badge follows.
    expect(wxMock.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 3, text: '1' }));
  });

  it('switches tab for a tab page', async () => {
    const { page } = await open();
    await page.tap('#msg-m3');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });

  it('does not mark an already read message again', async () => {
    const { page, send } = await open();
    await page.tap('#msg-m2');
    expect(sent(send, 'notify.markRead')).toHaveLength(0);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bookings/index' });
  });

  it('only marks a message without a page', async () => {
    const { page, send } = await open();
    await page.tap('#msg-m4');
    expect(sent(send, 'notify.markRead')[0].data).toEqual({ ids: ['m4'] });
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
    expect(wxMock.switchTab).not.toHaveBeenCalled();
  });
});

describe('全部已读', () => {
  it('marks everything read in one call and clears the badge', async () => {
    const { page, send } = await open({ 'notify.markRead': ok({ marked: 3 }), 'notify.unreadCount': ok({ count: 0, more: false }) });
    await page.tap('#mark-all');
    expect(sent(send, 'notify.markRead')[0].data).toEqual({ all: true });
    expect(page.count('.msg-unread')).toBe(0);
    expect(page.exists('#mark-all')).toBe(false);
    expect(wxMock.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
  });

  it('keeps the rows unread when the server refuses', async () => {
    const { page } = await open({ 'notify.markRead': fail('NETWORK_ERROR') });
    await page.tap('#mark-all');
    expect(page.count('.msg-unread')).toBe(3);
    expect(wxMock.showToast).toHaveBeenCalled();
  });
});

describe('a refresh that fails while older messages are loading', () => {
  it('leaves 加载更多 working afterwards', async () => {
    let listCalls = 0;
    let releaseMore: () => void = () => undefined;
    const send = fakeBackend({
      'notify.inbox': (d) => {
        listCalls += 1;
        if (d.cursor) return new Promise<ReplyEnvelope<'notify.inbox'>>((resolve) => (releaseMore = () => resolve(ok({ items: [msg('m5')], next: 'cur2' }))));
        return listCalls === 1 ? ok({ items: first, next: 'cur1' }) : fail('NETWORK_ERROR', '网络不稳定');
      },
      'notify.unreadCount': ok({ count: 0, more: false }),
    });
    const page = render(pageId);
    page.instance.onLoad();
    await flush();
    void page.tap('#more'); // older messages requested…
    await flush();
    await page.instance.reload(); // …then a refresh, which fails
    releaseMore(); // the old answer arrives late and is dropped
    await flush();
    await page.tap('#more');
    expect(sent(send, 'notify.inbox').filter((c) => (c.data as { cursor?: string }).cursor).length).toBe(2);
  });
});
