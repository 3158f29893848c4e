import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../harness';
import type { ConcernStatus, ConcernSummary } from '../../../../miniprogram/core/concern/contract';

const pageId = loadPage('pages/concerns/index');

function summary(n: number, status: ConcernStatus = 'dispatched', statusLabel = '待签收'): ConcernSummary {
  return {
    id: `c${n}`,
    number: `SS-${String(n).padStart(4, '0')}`,
    categoryName: '环境卫生',
    excerpt: `第${n}件事`,
    status,
    statusLabel,
    buildingName: '1号楼',
    createdAt: Date.UTC(2026, 2, 1, 1, 0),
  };
}

const resident = meReply(['concern.submit', 'concern.listMine']);

beforeEach(() => jest.clearAllMocks());

describe('a resident with more concerns than one page', () => {
  function backend() {
    return fakeBackend({
      'member.me': resident,
      'concern.listMine': (data) =>
        data.cursor === 'p2'
          ? ok({ items: [summary(3, 'closed', '已办结')] })
          : ok({ items: [summary(1), summary(2, 'accepted', '办理中')], next: 'p2' }),
    });
  }

  it('shows the first page with status labels and a load-more button', async () => {
    backend();
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.count('.concern-row')).toBe(2);
    // The resident's words, whatever the desk calls it: 待签收 and 办理中 stay on staff pages.
    expect(page.text('#list')).toContain('已收到，等待工作人员联系');
    expect(page.text('#list')).toContain('正在办理');
    expect(page.text('#list')).not.toContain('待签收');
    expect(page.text('#list')).not.toContain('办理中');
    expect(page.text('#list')).toContain('SS-0001');
    expect(page.exists('#more')).toBe(true);
  });

  it('loads the next page with the cursor and appends it', async () => {
    const send = backend();
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    await page.tap('#more');

    const calls = sent(send, 'concern.listMine');
    expect(calls[1].data).toMatchObject({ cursor: 'p2' });
    expect(page.count('.concern-row')).toBe(3);
    expect(page.text('#list')).toContain('第1件事');
    expect(page.text('#list')).toContain('已结束');
    expect(page.exists('#more')).toBe(false);
  });

  it('opens a concern’s detail on tap', async () => {
    backend();
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    await page.tap('.concern-row');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c1' });
  });
});

describe('a resident with no concerns yet', () => {
  it('says so and offers 我要说事', async () => {
    fakeBackend({ 'member.me': resident, 'concern.listMine': ok({ items: [] }) });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.text('#empty')).toBe('还没有提交过诉求');
    await page.tap('#submit');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-submit/index' });
  });
});

describe('loading the next page fails', () => {
  it('keeps what is shown and says why', async () => {
    fakeBackend({
      'member.me': resident,
      'concern.listMine': (data) => (data.cursor ? fail('NETWORK_ERROR') : ok({ items: [summary(1)], next: 'p2' })),
    });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    await page.tap('#more');
    expect(page.count('.concern-row')).toBe(1);
    expect(page.text('#more-error')).toContain('网络不稳定');
    expect(page.exists('#more')).toBe(true);
  });
});

describe('a visitor opens 说事', () => {
  it('is asked to bind first and the list is never requested', async () => {
    const send = fakeBackend({ 'member.me': meReply(['member.requestBinding', 'member.redeemInvite'], { roles: [] }) });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.text('#bind-prompt')).toContain('先绑定您的住户');
    expect(sent(send, 'concern.listMine')).toHaveLength(0);
    expect(page.exists('#submit')).toBe(false);
    await page.tap('#bind');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});
