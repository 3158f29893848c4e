import { fail, fakeBackend, flush, loadPage, meReply, render, wxMock } from '../../harness';

const pageId = loadPage('pages/me/index');

async function open(me: ReturnType<typeof meReply>) {
  fakeBackend({ 'me.get': me });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return page;
}

beforeEach(() => jest.clearAllMocks());

describe('a resident opens 我的', () => {
  it('shows roles, community and household address', async () => {
    const page = await open(
      meReply(['concern.submit', 'concern.listMine'], {
        name: '王芳',
        roles: ['resident', 'volunteer'],
        community: { id: 'c1', name: '幸福里社区' },
        household: { id: 'h1', buildingId: 'b2', buildingName: '2号楼', unit: '1', room: '301' },
      }),
    );
    expect(page.text('#name')).toBe('王芳');
    expect(page.text('#roles')).toBe('居民、志愿者');
    expect(page.text('#community')).toBe('幸福里社区');
    expect(page.text('#address')).toBe('2号楼 1单元 301室');
  });

  it('does not offer the workbench', async () => {
    const page = await open(meReply(['concern.submit', 'concern.listMine']));
    expect(page.exists('#entry-workbench')).toBe(false);
    expect(page.text()).not.toContain('工作台');
    expect(page.exists('#entry-privacy')).toBe(true);
  });
});

describe('a grid worker opens 我的', () => {
  it('offers the workbench when the queue is allowed', async () => {
    const page = await open(meReply(['concern.queue'], { roles: ['gridWorker'] }));
    expect(page.text('#entry-workbench')).toBe('工作台');
    await page.tap('#entry-workbench');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/workbench/index' });
  });

  it('offers the workbench when only binding review is allowed', async () => {
    const page = await open(meReply(['member.listRequests'], { roles: ['gridWorker'] }));
    expect(page.exists('#entry-workbench')).toBe(true);
  });
});

describe('a visitor with a pending binding request opens 我的', () => {
  it('shows the request status and the bind entry', async () => {
    const page = await open(
      meReply(['member.requestBinding', 'member.redeemInvite'], {
        roles: [],
        pendingRequest: {
          id: 'r1',
          status: 'pending',
          buildingId: 'b1',
          buildingName: '1号楼',
          unit: '3',
          room: '502',
          name: '李雷',
          createdAt: Date.UTC(2026, 0, 5, 2, 30),
          allowedActions: [],
        },
      }),
    );
    expect(page.text('#roles')).toBe('访客');
    expect(page.text('#address')).toBe('未绑定');
    expect(page.text('#pending')).toContain('待审核');
    expect(page.text('#pending')).toContain('1号楼 3单元 502室');
    expect(page.text('#pending')).toContain('2026-01-05 10:30');
    await page.tap('#entry-bind');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});

describe('me.get fails', () => {
  it('shows the message with a retry', async () => {
    const page = await open(fail('NETWORK_ERROR'));
    expect(page.text('#error')).toContain('网络不稳定，请检查网络后重试');
    expect(page.exists('#entry-privacy')).toBe(false);
  });
});

describe('a resident with bookings opens 我的', () => {
  it('offers 我的预约 when booking.listMine is allowed', async () => {
    const page = await open(meReply(['concern.listMine', 'booking.listMine']));
    expect(page.text('#entry-bookings')).toBe('我的预约');
    await page.tap('#entry-bookings');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bookings/index' });
  });

  it('shows the member number staff need to book on the resident’s behalf', async () => {
    const page = await open(meReply(['booking.listMine'], { memberId: 'mem-7f3a' }));
    expect(page.text('#member-id')).toBe('mem-7f3a');
    expect(page.text('#profile')).toContain('成员编号');
  });

  it('shows neither to a visitor', async () => {
    const page = await open(meReply(['member.redeemInvite'], { roles: [], memberId: '' }));
    expect(page.exists('#entry-bookings')).toBe(false);
    expect(page.exists('#member-id')).toBe(false);
  });
});
