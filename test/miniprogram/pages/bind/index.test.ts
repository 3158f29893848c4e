import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../harness';
import { requestAuthorization, resetPrivacy } from '../../../../miniprogram/services/privacy';

const pageId = loadPage('pages/bind/index');

const visitor = meReply(['member.requestBinding', 'member.redeemInvite'], { roles: [] });
const household = { id: 'h9', buildingId: 'b1', buildingName: '1号楼', unit: '2', room: '301' };
const boundMe = meReply(['concern.submit', 'concern.listMine'], { household });
const communities = ok({ items: [{ id: 'c1', name: '幸福里社区', subdistrict: '和平街道' }] });
const buildings = ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b2', name: '2号楼', gridId: 'g1' }] });

async function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'member.me': visitor,
    'community.list': communities,
    'community.buildings': buildings,
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a visitor redeems a valid invite code', () => {
  it('binds the household and shows the address', async () => {
    const { page, send } = await open({ 'member.redeemInvite': boundMe });
    await page.input('#code', 'abcd-2345');
    await page.tap('#redeem');

    // The shared schema normalises what residents type off a paper slip.
    expect(sent(send, 'member.redeemInvite')[0].data).toEqual({ code: 'ABCD2345' });
    expect(page.text('#done')).toBe('绑定成功：1号楼 2单元 301室');
    await page.tap('#go-submit');
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/concern-submit/index' });
  });
});

describe('the invite code is refused', () => {
  it('shows the server’s message next to the code', async () => {
    const { page } = await open({ 'member.redeemInvite': fail('INVITE_INVALID') });
    await page.input('#code', 'ABCD2345');
    await page.tap('#redeem');
    expect(page.text('#code-error')).toBe('邀请码无效或已被使用');
    expect(page.exists('#done')).toBe(false);
  });

  it('catches a malformed code on the device without sending it', async () => {
    const { page, send } = await open();
    await page.input('#code', 'AB1');
    await page.tap('#redeem');
    expect(page.text('#code-error')).toBe('邀请码为8位字母或数字');
    expect(sent(send, 'member.redeemInvite')).toHaveLength(0);
  });
});

describe('a visitor applies for review instead', () => {
  async function fill(page: Awaited<ReturnType<typeof open>>['page']) {
    await page.tap('#mode-request');
    await page.change('#building', '1');
    await page.input('#unit', '3');
    await page.input('#room', '502');
    await page.input('#name', '李雷');
  }

  it('sends the application with an idempotency key and shows it as pending', async () => {
    const { page, send } = await open({
      'member.requestBinding': (data) =>
        ok({ id: 'r1', status: 'pending', buildingName: '2号楼', allowedActions: [], createdAt: 0, ...data }),
    });
    await fill(page);
    await page.tap('#request');

    const [event] = sent(send, 'member.requestBinding');
    expect(event.data).toEqual({ communityId: 'c1', buildingId: 'b2', unit: '3', room: '502', name: '李雷' });
    expect(event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(sent(send, 'community.buildings')[0].data).toMatchObject({ communityId: 'c1' });
    expect(page.text('#pending')).toContain('待审核');
    expect(page.text('#pending')).toContain('2号楼 3单元 502室');
    expect(page.exists('#request')).toBe(false);
  });

  it('shows field messages for missing parts without sending', async () => {
    const { page, send } = await open();
    await page.tap('#mode-request');
    await page.input('#name', '李雷');
    await page.tap('#request');
    expect(page.text('#building-error')).toBe('请选择楼栋');
    expect(page.text('#unit-error')).toBe('请填写单元');
    expect(page.text('#room-error')).toBe('请填写门牌号');
    expect(sent(send, 'member.requestBinding')).toHaveLength(0);
    // The one line near 提交申请: 楼栋, 单元 and 门牌号 are still missing.
    expect(page.text('#form-count >>> .form-count')).toBe('还有3项需要填写');
    await page.input('#unit', '3');
    expect(page.text('#form-count >>> .form-count')).toBe('还有2项需要填写');
  });

  it('reuses the idempotency key when retrying after a network error', async () => {
    let n = 0;
    const { page, send } = await open({
      'member.requestBinding': (data) =>
        ++n === 1
          ? fail('NETWORK_ERROR')
          : ok({ id: 'r1', status: 'pending', buildingName: '2号楼', allowedActions: [], createdAt: 0, ...data }),
    });
    await fill(page);
    await page.tap('#request');
    expect(page.text('#form-error')).toContain('网络不稳定');
    await page.tap('#request');
    const [first, second] = sent(send, 'member.requestBinding');
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
  });
});

describe('a visitor whose application is waiting', () => {
  it('sees its status instead of a second application form', async () => {
    const { page } = await open({
      'member.me': meReply(['member.requestBinding', 'member.redeemInvite'], {
        roles: [],
        pendingRequest: {
          id: 'r1',
          status: 'pending',
          buildingId: 'b1',
          buildingName: '1号楼',
          unit: '2',
          room: '301',
          name: '李雷',
          createdAt: 0,
          allowedActions: [],
        },
      }),
    });
    expect(page.text('#pending')).toContain('待审核');
    await page.tap('#mode-request');
    expect(page.exists('#request')).toBe(false);
  });
});

describe('WeChat asks for privacy authorization on the bind page', () => {
  it('shows the privacy popup over the form', async () => {
    resetPrivacy();
    const { page } = await open();
    requestAuthorization(jest.fn());
    await flush();
    expect(page.text()).toContain('隐私保护提示');
    resetPrivacy();
  });
});

describe('asking to be told the review result, at the 提交申请 tap', () => {
  const consentReplies: Replies = {
    'notify.templates': ok({ templates: [{ key: 'bindingResult', templateId: 'tmpl-binding' }] }),
    'notify.recordConsent': ok({ balances: { bindingResult: 1 } }),
    'member.requestBinding': (data) => ok({ id: 'r1', status: 'pending', buildingName: '2号楼', allowedActions: [], createdAt: 0, ...data }),
  };
  async function fill(page: Awaited<ReturnType<typeof open>>['page']) {
    await page.tap('#mode-request');
    await page.change('#building', '1');
    await page.input('#unit', '3');
    await page.input('#room', '502');
    await page.input('#name', '李雷');
  }

  it('prefetches the template and asks inside the tap, before the application is sent', async () => {
    const { page, send } = await open(consentReplies);
    expect(sent(send, 'notify.templates')[0].data).toEqual({ moment: 'member.requestBinding' });
    await fill(page);
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) => o.success({ 'tmpl-binding': 'accept' }));
    page.instance.submitRequest();
    expect(wxMock.requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['tmpl-binding'] });
    expect(sent(send, 'member.requestBinding')).toHaveLength(0);
    await flush();
    expect(sent(send, 'member.requestBinding')).toHaveLength(1);
    expect(sent(send, 'notify.recordConsent')[0].data).toEqual({ results: { bindingResult: 'accept' } });
    expect(page.text('#pending')).toContain('待审核');
  });

  it('still applies when the resident rejects or the API fails', async () => {
    const { page, send } = await open(consentReplies);
    await fill(page);
    wxMock.requestSubscribeMessage = jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }));
    await page.tap('#request');
    expect(sent(send, 'member.requestBinding')).toHaveLength(1);
    expect(sent(send, 'notify.recordConsent')).toHaveLength(0);
    expect(page.text('#pending')).toContain('待审核');
  });
});
