import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { SignupView } from '../../../../miniprogram/core/volunteer/contract';

const pageId = loadPage('pages/volunteer/signups/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 8, 0);

function signup(id: string, status: SignupView['status'], statusLabel: string, extra: Partial<SignupView> = {}): SignupView {
  return {
    id, activityId: `a-${id}`, activityTitle: '重阳节敬老探访', place: '社区服务站集合', shiftId: 's1', roleId: 'r1', roleName: '探访员',
    startAt: bj(2026, 5, 7, 9), endAt: bj(2026, 5, 7, 11), status, statusLabel, allowedActions: ['activity.get', 'activity.withdraw'], ...extra,
  };
}
const waiting = signup('w', 'waitlisted', '候补中', { waitlist: { position: 2, of: 5 } });
const offered = signup('o', 'offered', '候补转正，请确认', { offeredUntil: bj(2026, 5, 6, 9, 0), allowedActions: ['activity.get', 'activity.withdraw', 'activity.confirm'] });
const booked = signup('b', 'booked', '已报名');

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'activity.mine': ok({ items: [offered, waiting, booked] }), ...replies });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a volunteer opens 我的志愿报名', () => {
  it('shows each sign-up with its time, role and the waitlist place as 第2位，共5人', async () => {
    const { page, send } = await open();
    expect(sent(send, 'activity.mine')[0].data).toEqual({ when: 'upcoming', limit: 20 });
    expect(page.count('.signup-row')).toBe(3);
    expect(page.text('#signup-w')).toContain('候补第2位，共5人');
    expect(page.text('#signup-b')).toContain('明天 09:00–11:00');
    expect(page.text('#signup-b')).toContain('探访员');
  });

  it('offers 确认参加 with its deadline only on the seat offered from the waitlist', async () => {
    const { page } = await open();
    expect(page.count('.confirm-btn')).toBe(1);
    expect(page.text('#signup-o')).toContain('请在今天 09:00前确认');
  });
});

describe('confirming an offer', () => {
  it('sends activity.confirm and the row becomes a booking', async () => {
    const { page, send } = await open({ 'activity.confirm': ok({ ...offered, status: 'booked', statusLabel: '已报名', offeredUntil: undefined, allowedActions: ['activity.get', 'activity.withdraw'] }) });
    await page.tap('#confirm-o');
    expect(sent(send, 'activity.confirm')[0].data).toEqual({ signupId: 'o' });
    expect(page.exists('#confirm-o')).toBe(false);
    expect(page.text('#signup-o')).toContain('已报名');
  });

  it('shows the server’s words when the window has closed', async () => {
    const { page } = await open({ 'activity.confirm': fail('CLOSED', '确认已超时，名额已转给下一位') });
    await page.tap('#confirm-o');
    expect(page.text('#row-error')).toBe('确认已超时，名额已转给下一位');
  });
});

describe('withdrawing', () => {
  it('asks for the reason the organiser will read, next to the field when missing', async () => {
    const { page, send } = await open({ 'activity.withdraw': ok({ ...booked, status: 'withdrawn', statusLabel: '已退出', withdrawReason: '要加班', allowedActions: [] }) });
    await page.tap('#withdraw-b');
    await page.tap('#withdraw-submit');
    expect(page.text('#reason-error')).toContain('退出原因');
    expect(sent(send, 'activity.withdraw')).toHaveLength(0);
    await page.input('#withdraw-reason', '要加班');
    await page.tap('#withdraw-submit');
    expect(sent(send, 'activity.withdraw')[0].data).toEqual({ signupId: 'b', reason: '要加班' });
    expect(page.text('#signup-b')).toContain('已退出');
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已退出', icon: 'success' });
  });
});

describe('on the day of a booked shift', () => {
  it('offers 签到 / 签退 on that sign-up only, opening the check-in page for its activity and shift', async () => {
    const today = signup('t', 'booked', '已报名', { startAt: NOW + 3600_000, endAt: NOW + 3 * 3600_000, allowedActions: ['activity.get', 'activity.withdraw', 'activity.checkIn'] });
    const { page } = await open({ 'activity.mine': ok({ items: [today, booked] }) });
    expect(page.count('.check-in-btn')).toBe(1);
    await page.tap('#check-in-t');
    const url = (wxMock.navigateTo.mock.calls[0][0] as { url: string }).url;
    expect(url).toMatch(/^\/pages\/volunteer\/check-in\/index\?activityId=a-t&shiftId=s1&title=/);
    expect(decodeURIComponent(url)).toContain('重阳节敬老探访');
  });
});
