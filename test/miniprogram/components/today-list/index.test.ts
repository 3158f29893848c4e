/**
 * 今日待办 on the workbench: one list, late rows first as the server orders them, each with
 * its kind, why it is there and its one tap; a settle in place removes the row.
 */
import type { TodayRow, TodayView } from '../../../../miniprogram/core/workbench/contract';
import { EMPTY_COUNTS } from '../../../../miniprogram/core/workbench/contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../harness';

const compId = loadPage('staff/components/today-list/index');

beforeEach(() => jest.clearAllMocks());

const late: TodayRow = {
  key: 'concern:c1', kind: 'concern', kindLabel: '诉求', title: '20261128-0001 设施维修 · 1号楼', reason: '办结已超时1天', dueAt: 1, overdue: true,
  open: { label: '查看', page: '/staff/concern/index?id=c1' },
};
const proxy: TodayRow = {
  key: 'proxy:p1', kind: 'proxy', kindLabel: '委托确认', title: '「2号楼居民协商会」2号楼 5单元 504室（邻某） 委托 邻居4号', reason: '纸质委托书待复核（李秀英登记），会议今天 10:30', dueAt: 2, overdue: false,
  open: { label: '查看', page: '/staff/meeting-run/index?meetingId=mt1' },
  act: { label: '复核通过', action: 'meeting.confirmProxy', input: { proxyId: 'p1' } },
};
const binding: TodayRow = {
  key: 'binding:br1', kind: 'binding', kindLabel: '绑定审核', title: '周大爷 申请绑定 2号楼 4单元 401室', reason: '已等待3天', dueAt: 3, overdue: false,
  open: { label: '审核', page: '/staff/workbench/index?tab=requests' },
  act: { label: '通过', action: 'member.reviewRequest', input: { requestId: 'br1', decision: 'approve' } },
};

function view(rows: TodayRow[]): TodayView {
  const counts = { ...EMPTY_COUNTS };
  for (const r of rows) counts[r.kind] += 1;
  return { rows, counts, total: rows.length, more: false };
}

describe('the list shows each row’s kind, title, reason and its one tap', () => {
  it('in the server’s order, the late row in the danger style, with the total in the heading', async () => {
    fakeBackend({ 'workbench.today': ok(view([late, proxy, binding])) });
    const c = render(compId);
    await flush();
    expect(c.count('.today-row')).toBe(3);
    expect(c.text('#today-0')).toContain('诉求');
    expect(c.text('#today-0')).toContain('20261128-0001 设施维修 · 1号楼');
    expect(c.exists('#today-0 .tl-late')).toBe(true);
    expect(c.text('#today-reason-0')).toBe('办结已超时1天');
    expect(c.exists('#today-1 .tl-late')).toBe(false);
    expect(c.text('#today-total')).toBe('3');
    // A row without a settle in place has only its page.
    expect(c.exists('#today-act-0')).toBe(false);
    expect(c.text('#today-act-1')).toBe('复核通过');
  });
  it('says so when there is nothing today', async () => {
    fakeBackend({ 'workbench.today': ok(view([])) });
    const c = render(compId);
    await flush();
    expect(c.text('#today-empty')).toBe('今天没有要处理的事');
    expect(c.exists('#today-total')).toBe(false);
  });
  it('shows the error with a retry', async () => {
    fakeBackend({ 'workbench.today': fail('INTERNAL', '网络不好，请稍后再试') });
    const c = render(compId);
    await flush();
    expect(c.text('#today-error')).toContain('网络不好');
  });
});

describe('the one tap', () => {
  it('opens the record’s page', async () => {
    fakeBackend({ 'workbench.today': ok(view([late])) });
    const c = render(compId);
    await flush();
    await c.tap('#today-open-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c1' });
  });
  it('settles a proxy in place and takes the row off', async () => {
    const send = fakeBackend({ 'workbench.today': ok(view([late, proxy])), 'meeting.confirmProxy': ok({} as never) });
    const c = render(compId);
    await flush();
    await c.tap('#today-act-1');
    expect(sent(send, 'meeting.confirmProxy')[0].data).toEqual({ proxyId: 'p1' });
    expect(c.count('.today-row')).toBe(1);
    expect(c.text('#today-total')).toBe('1');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已复核通过' }));
  });
  it('asks once before approving a binding, and keeps the row with the reason when refused', async () => {
    const send = fakeBackend({ 'workbench.today': ok(view([binding])), 'member.reviewRequest': fail('CONFLICT', '这份申请刚被其他人处理过') });
    const c = render(compId);
    await flush();
    await c.tap('#today-act-0');
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '通过' }));
    expect(sent(send, 'member.reviewRequest')[0].data).toEqual({ requestId: 'br1', decision: 'approve' });
    expect(c.count('.today-row')).toBe(1);
    expect(c.text('#today-error-0')).toBe('这份申请刚被其他人处理过');
  });
  it('reads the list again when the page bumps its stamp', async () => {
    const send = fakeBackend({ 'workbench.today': ok(view([late])) });
    const c = render(compId);
    await flush();
    (c.instance as unknown as { setData(d: Record<string, unknown>): void }).setData({ stamp: 1 });
    await flush();
    expect(sent(send, 'workbench.today')).toHaveLength(2);
  });
});

describe('a row whose page is the workbench itself', () => {
  it('is handed to the page instead of opening the workbench again', async () => {
    fakeBackend({ 'workbench.today': ok(view([binding])) });
    const c = render(compId);
    const here = jest.fn();
    (c.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = here;
    await flush();
    await c.tap('#today-open-0');
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
    expect(here).toHaveBeenCalledWith('here', { page: '/staff/workbench/index?tab=requests' });
  });
});
