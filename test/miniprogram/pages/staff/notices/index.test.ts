import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/notices/index');

const at = (s: string) => Date.parse(`${s}+08:00`);
const notice = (extra: Partial<NoticeView>): NoticeView => ({
  noticeId: 'n1', title: '本周六上午停水', body: '本周六8:00至12:00停水检修，请提前储水。', pinned: true,
  publishedAt: at('2026-11-30T09:00:00'), expiresAt: at('2026-12-05T23:59:59'), expired: false, withdrawn: false, withdrawReason: null,
  byName: '王书记', allowedActions: ['notice.withdraw'], ...extra,
});

async function open(items: NoticeView[]) {
  const send = fakeBackend({ 'notice.list': ok({ items }), 'notice.withdraw': ok(notice({ withdrawn: true, withdrawReason: '检修改期' })) });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('an admin sees every notice, live or not', () => {
  it('lists what shows, what expired and what was withdrawn, with why', async () => {
    const { page, send } = await open([
      notice({}),
      notice({ noticeId: 'n2', title: '国庆假期值班安排', pinned: false, expired: true, allowedActions: [] }),
      notice({ noticeId: 'n3', title: '楼道消防检查', pinned: false, withdrawn: true, withdrawReason: '检查改期', allowedActions: [] }),
    ]);
    expect(sent(send, 'notice.list')[0].data).toMatchObject({ when: 'all' });
    expect(page.text('#notice-0')).toContain('【置顶】本周六上午停水');
    expect(page.text('#notice-0')).toContain('显示中');
    expect(page.text('#notice-0')).toContain('11月30日发布，显示到12月5日');
    expect(page.text('#notice-1')).toContain('已过期');
    expect(page.text('#notice-2')).toContain('撤回原因：检查改期');
    expect(page.count('.nt-withdraw')).toBe(1);
  });

  it('says so when there is none yet, and leads to the form', async () => {
    const { page } = await open([]);
    expect(page.text('#empty')).toBe('还没有发布过公告');
    await page.tap('#create');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/notice-edit/index' });
  });
});

describe('an admin withdraws a notice with a reason', () => {
  it('sends the reason typed into the dialog and refreshes the list', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: ' 检修改期 ' });
    const { page, send } = await open([notice({})]);
    await page.tap('#withdraw-0');
    await flush();
    expect(sent(send, 'notice.withdraw')[0].data).toEqual({ noticeId: 'n1', reason: '检修改期' });
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已撤回', icon: 'success' });
    expect(sent(send, 'notice.list')).toHaveLength(2);
  });

  it('withdraws nothing when the dialog is cancelled', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, content: '' });
    const { page, send } = await open([notice({})]);
    await page.tap('#withdraw-0');
    await flush();
    expect(sent(send, 'notice.withdraw')).toEqual([]);
  });

  it('shows the refusal when the reason is too short', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '改' });
    fakeBackend({ 'notice.list': ok({ items: [notice({})] }), 'notice.withdraw': fail('VALIDATION_ERROR', '撤回原因至少2个字') });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    await page.tap('#withdraw-0');
    await flush();
    expect(wxMock.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '没有撤回' }));
  });

  it('shows a retry when the list fails to load', async () => {
    fakeBackend({ 'notice.list': fail('NETWORK_ERROR') });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.exists('#error')).toBe(true);
  });
});
