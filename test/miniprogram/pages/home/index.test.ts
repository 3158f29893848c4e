import { fakeBackend, fail, flush, loadPage, meReply, render, wxMock } from '../../harness';

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
