import type { NoticeView } from '../../../../miniprogram/core/disclosure/notice-contract';
import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../harness';

const pageId = loadPage('pages/home/index');

async function open(me: ReturnType<typeof meReply>) {
  fakeBackend({ 'member.me': me });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return page;
}

beforeEach(() => jest.clearAllMocks());

describe('a bound resident opens the home page', () => {
  it('greets by name, names the community and offers 我要说事 and 我的诉求', async () => {
    const page = await open(
      meReply(['concern.submit', 'concern.listMine'], { name: '王芳', community: { id: 'c1', name: '幸福里社区' } }),
    );
    expect(page.text('#greeting')).toBe('王芳，您好');
    expect(page.text('#community')).toBe('幸福里社区');
    expect(page.exists('#entry-bind')).toBe(false);
    await page.tap('#entry-submit');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-submit/index' });
    await page.tap('#entry-mine');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/concerns/index' });
  });

  it('offers 投票表决 when polls are open to them, and leads to the list', async () => {
    const page = await open(meReply(['concern.submit', 'poll.list']));
    expect(page.text('#entry-polls')).toContain('投票表决');
    await page.tap('#entry-polls');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/polls/index' });
  });

  it('offers 民主议事 beside 投票表决 when motions or meetings are open to them, and leads to it', async () => {
    const page = await open(meReply(['concern.submit', 'poll.list', 'motion.list', 'meeting.list']));
    expect(page.text('#entry-council')).toContain('民主议事');
    await page.tap('#entry-council');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/council/index' });
  });

  it('explains the speak-up desk', async () => {
    const page = await open(meReply(['concern.submit']));
    expect(page.text()).toContain('什么是群众说事台');
    expect(page.text()).toContain('统一受理');
  });
});

describe('a visitor opens the home page', () => {
  it('offers only 绑定住户', async () => {
    const page = await open(meReply(['member.requestBinding', 'member.redeemInvite'], { roles: [] }));
    expect(page.text('#greeting')).toBe('您好');
    expect(page.exists('#entry-submit')).toBe(false);
    expect(page.exists('#entry-mine')).toBe(false);
    expect(page.exists('#entry-polls')).toBe(false);
    expect(page.exists('#entry-council')).toBe(false);
    await page.tap('#entry-bind');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it('says when the binding request is still being reviewed', async () => {
    const page = await open(
      meReply(['member.redeemInvite'], {
        pendingRequest: { id: 'r1', status: 'pending', buildingId: 'b', buildingName: '1号楼', unit: '1', room: '1', name: 'x', createdAt: 0, allowedActions: [] },
      }),
    );
    expect(page.text('#pending')).toContain('正在审核');
  });
});

describe('the backend cannot be reached', () => {
  it('shows the message', async () => {
    const page = await open(fail('NETWORK_ERROR'));
    expect(page.text('#error')).toContain('网络不稳定');
  });
});

const notice = (noticeId: string, title: string, pinned: boolean): NoticeView => ({
  noticeId, title, body: `${title}：本周六8:00至12:00，1号楼至4号楼停水检修，请提前储水，给您带来不便敬请谅解。`, pinned,
  publishedAt: Date.parse('2026-11-30T09:00:00+08:00'), expiresAt: Date.parse('2026-12-05T09:00:00+08:00'), expired: false, withdrawn: false,
  withdrawReason: null, byName: '王书记', allowedActions: [],
});

describe('a resident reads the community notices on the home page', () => {
  it('shows the active ones, pinned first, two lines each until tapped', async () => {
    const send = fakeBackend({
      'member.me': meReply(['concern.submit', 'notice.list', 'disclosure.list']),
      'notice.list': ok({ items: [notice('n1', '停水通知', true), notice('n2', '冬季用火用电安全提示', false)] }),
    });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(sent(send, 'notice.list')[0].data).toMatchObject({ when: 'active' });
    expect(page.text('#notices')).toContain('社区公告');
    expect(page.text('#notices')).toContain('置顶');
    expect(page.text('#notices')).toContain('11月30日发布');
    expect(page.count('.notice-short')).toBe(2);
    await page.tap('.notice');
    expect(page.count('.notice-short')).toBe(1);
    expect(page.text('#notices')).toContain('收起');
  });

  it('shows no notice section when there are none, or they fail to load, and the entries still work', async () => {
    fakeBackend({ 'member.me': meReply(['concern.submit', 'notice.list']), 'notice.list': fail('INTERNAL') });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.exists('#notices')).toBe(false);
    expect(page.exists('#error')).toBe(false);
    expect(page.exists('#entry-submit')).toBe(true);
  });

  it('leads to the 居务公开 board', async () => {
    const page = await open(meReply(['concern.submit', 'disclosure.list']));
    expect(page.text('#entry-disclosure')).toContain('居务公开');
    await page.tap('#entry-disclosure');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/disclosure/board/index' });
  });

  it('asks for no notices for a visitor, who may not read them', async () => {
    const send = fakeBackend({ 'member.me': meReply(['member.requestBinding']) });
    render(pageId).instance.onShow();
    await flush();
    expect(sent(send, 'notice.list')).toEqual([]);
  });
});

describe('a subdistrict admin opens the home page', () => {
  it('offers the 街道工作台 first, and no resident entries', async () => {
    const page = await open(meReply(['subdistrict.overview', 'subdistrict.createCommunity'], { roles: ['subdistrict'] }));
    expect(page.exists('#entry-submit')).toBe(false);
    await page.tap('#entry-subdistrict');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/subdistrict/index' });
  });
});
