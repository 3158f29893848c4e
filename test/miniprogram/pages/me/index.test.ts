import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../harness';

import { requestAuthorization, resetPrivacy } from '../../../../miniprogram/services/privacy';

const pageId = loadPage('pages/me/index');

async function open(me: ReturnType<typeof meReply>, replies: Replies = {}) {
  const send = fakeBackend({ 'member.me': me, 'notify.unreadCount': ok({ count: 0, more: false }), ...replies });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return Object.assign(page, { send });
}

// The day after the request was sent (Beijing).
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 6, 2, 0));
});
afterEach(() => clock.mockRestore());

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
    expect(page.text('#pending')).toContain('昨天 10:30');
    await page.tap('#entry-bind');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});

describe('member.me fails', () => {
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

  it('shows no 成员编号: staff find the resident by name or address when they act for them', async () => {
    const page = await open(meReply(['booking.listMine'], { memberId: 'mem-7f3a' }));
    expect(page.exists('#member-id')).toBe(false);
    expect(page.text()).not.toContain('成员编号');
    expect(page.text()).not.toContain('mem-7f3a');
  });

  it('shows neither to a visitor', async () => {
    const page = await open(meReply(['member.redeemInvite'], { roles: [], memberId: '' }));
    expect(page.exists('#entry-bookings')).toBe(false);
    expect(page.exists('#member-id')).toBe(false);
  });
});

describe('messages', () => {
  beforeEach(() => {
    wxMock.setTabBarBadge = jest.fn();
    wxMock.removeTabBarBadge = jest.fn();
  });

  it('shows 消息中心 with the unread count and puts it on the 我的 tab', async () => {
    const page = await open(meReply(['concern.listMine']), { 'notify.unreadCount': ok({ count: 3, more: false }) });
    expect(page.text('#entry-inbox')).toBe('消息中心 (3)');
    expect(wxMock.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '3' }));
    await page.tap('#entry-inbox');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
  });

  it('shows no count and no badge when everything is read', async () => {
    const page = await open(meReply(['concern.listMine']));
    expect(page.text('#entry-inbox')).toBe('消息中心');
    expect(wxMock.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
  });
});

describe('a resident binds a phone number, if they want to', () => {
  const resident = meReply(['concern.submit', 'privacy.setPhone']);

  it('offers it as optional, with WeChat’s own phone button', async () => {
    const page = await open(resident);
    expect(page.text('#phone-row')).toContain('绑定手机号');
    expect(page.text('#phone-row')).toContain('便于工作人员回访，可不填');
    expect(page.exists('#bind-phone')).toBe(true);
  });

  it('carries the privacy popup, since the phone button is a privacy API', async () => {
    resetPrivacy();
    const page = await open(resident);
    requestAuthorization(jest.fn());
    await flush();
    expect(page.text()).toContain('隐私保护提示');
    resetPrivacy();
  });

  it('sends WeChat’s code to privacy.setPhone and shows the number', async () => {
    const page = await open(resident, { 'privacy.setPhone': ok({ phone: '13800138000' }) });
    await page.trigger('#bind-phone', 'getphonenumber', { code: 'a1b2c3-code_9', errMsg: 'getPhoneNumber:ok' });
    expect(sent(page.send, 'privacy.setPhone')[0].data).toEqual({ code: 'a1b2c3-code_9' });
    expect(page.text('#phone')).toBe('13800138000');
  });

  it('does nothing when the resident declines', async () => {
    const page = await open(resident, { 'privacy.setPhone': ok({ phone: '13800138000' }) });
    await page.trigger('#bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
    expect(sent(page.send, 'privacy.setPhone')).toHaveLength(0);
    expect(page.exists('#phone')).toBe(false);
    expect(page.exists('#phone-error')).toBe(false);
    expect(page.exists('#entry-privacy')).toBe(true);
  });

  it('shows the number already on file', async () => {
    const page = await open(meReply(['privacy.setPhone'], { phone: '13912345678' }));
    expect(page.text('#phone')).toBe('13912345678');
    expect(page.text('#bind-phone')).toBe('更换');
  });

  it('shows the server’s message when the code cannot be used', async () => {
    const page = await open(resident, { 'privacy.setPhone': fail('INTERNAL', '手机号验证失败，请稍后重试') });
    await page.trigger('#bind-phone', 'getphonenumber', { code: 'abc' });
    expect(page.text('#phone-error')).toBe('手机号验证失败，请稍后重试');
  });

  it('is not offered to a visitor', async () => {
    const page = await open(meReply(['member.requestBinding'], { roles: [] }));
    expect(page.exists('#phone-row')).toBe(false);
  });
});

describe('志愿服务', () => {
  it('one cell leads to the volunteer pages', async () => {
    const page = await open(meReply(['concern.listMine']));
    await page.tap('#entry-volunteer');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/volunteer/home/index' });
  });
});
