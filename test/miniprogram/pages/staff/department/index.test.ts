import type { DepartmentRequestSummary, DepartmentRequestView } from '../../../../../miniprogram/core/department/contract';
import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';

const listId = loadPage('staff/department/index');
const requestId = loadPage('staff/department/request');

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const DAY = 24 * 3600_000;

const open1: DepartmentRequestSummary = {
  concernId: 'c-1', number: '20260501-0001', categoryName: '设施维修', excerpt: '单元门禁坏了', buildingName: '1号楼', communityName: '幸福里社区',
  askedAt: T0, dueAt: T0 + 2 * DAY, open: true, overdue: false,
};
const done: DepartmentRequestSummary = { ...open1, concernId: 'c-2', number: '20260430-0002', excerpt: '楼道堆物', open: false };

const request: DepartmentRequestView = {
  ...open1, text: '1号楼单元门禁坏了，外人随便进出。', photos: ['https://tmp.example/p1.jpg'], ask: '门禁由物业维护，请派人维修', handlerName: '李秀英',
  answers: [], allowedActions: ['department.answer'],
};

beforeEach(() => jest.clearAllMocks());

describe('a department contact opens their page', () => {
  it('sees open requests first, then answered ones, and opens one', async () => {
    fakeBackend({ 'member.me': meReply(['department.queue', 'department.request', 'department.answer'], { roles: ['department'] }), 'department.queue': ok({ items: [open1, done] }) });
    const page = render(listId);
    page.instance.onLoad();
    await flush();
    expect(page.text('#request-c-1')).toContain('待回复');
    expect(page.text('#request-c-1')).toContain('幸福里社区 1号楼');
    expect(page.text('#request-c-2')).toContain('已回复');
    await page.tap('#request-c-1');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/department/request?id=c-1' });
  });

  it('is asked for a join code when not a contact yet, and joins', async () => {
    const send = fakeBackend({
      'member.me': meReply(['department.redeemCode']),
      'department.redeemCode': ok({ department: { id: 'dp-1', name: '幸福里物业', kindLabel: '物业公司' } }),
      'department.queue': ok({ items: [] }),
    });
    const page = render(listId);
    page.instance.onLoad();
    await flush();
    await page.input('#join-code', 'abcd 2345');
    await page.input('#join-name', '物业刘经理');
    await page.tap('#join-submit');
    expect(sent(send, 'department.redeemCode')[0].data).toEqual({ code: 'ABCD2345', name: '物业刘经理' });
    expect(page.text('#empty')).toBe('暂时没有协办请求');
  });

  it('sees the refusal of a used or expired code by the field', async () => {
    fakeBackend({ 'member.me': meReply(['department.redeemCode']), 'department.redeemCode': fail('INVITE_INVALID', '加入码无效、已使用或已过期，请向社区重新索取') });
    const page = render(listId);
    page.instance.onLoad();
    await flush();
    await page.input('#join-code', 'ABCD2345');
    await page.input('#join-name', '物业刘经理');
    await page.tap('#join-submit');
    expect(page.text('#form-error')).toContain('加入码无效');
  });
});

describe('a request as the contact sees it', () => {
  async function openRequest(replies: Parameters<typeof fakeBackend>[0] = {}, r: DepartmentRequestView = request) {
    const send = fakeBackend({ 'department.request': ok(r), ...replies });
    const page = render(requestId);
    page.instance.onLoad({ id: 'c-1' });
    await flush();
    return { page, send };
  }

  it('shows the problem, its photos, what was asked and by when, without any phone unless shared', async () => {
    const { page } = await openRequest();
    expect(page.text('#problem')).toContain('1号楼单元门禁坏了');
    expect(page.count('#photos .ll-photo')).toBe(1);
    expect(page.text('#ask')).toContain('门禁由物业维护，请派人维修');
    expect(page.text('#ask')).toContain('前回复');
    expect(page.exists('#call-resident')).toBe(false);
    const shared = await openRequest({}, { ...request, residentPhone: '13800138000' });
    expect(shared.page.text('#call-resident')).toContain('13800138000');
  });

  it('answers, and the form goes once the request is answered', async () => {
    const answered: DepartmentRequestView = { ...request, open: false, allowedActions: [], answers: [{ text: '已更换门禁控制器', at: T0 + DAY }] };
    const { page, send } = await openRequest({ 'department.answer': ok(answered) });
    await page.input('#answer-text', '已更换门禁控制器');
    await page.tap('#answer-submit');
    expect(sent(send, 'department.answer')[0].data).toEqual({ concernId: 'c-1', text: '已更换门禁控制器' });
    expect(page.exists('#answer-form')).toBe(false);
    expect(page.text('#answers')).toContain('已更换门禁控制器');
  });

  it('refuses an empty answer by the field', async () => {
    const { page, send } = await openRequest();
    await page.tap('#answer-submit');
    expect(page.text('#text-error')).toBe('回复内容至少需要2个字');
    expect(sent(send, 'department.answer')).toHaveLength(0);
  });
});
