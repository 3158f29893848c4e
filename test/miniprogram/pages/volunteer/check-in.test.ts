import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { AttendanceView } from '../../../../miniprogram/core/volunteer/check-in-contract';

const pageId = loadPage('pages/volunteer/check-in/index');

const H = 3600_000;
const bj = (h: number, min = 0) => Date.UTC(2026, 4, 6, h, min) - 8 * H;
const NOW = bj(8, 55);

const attended = (extra: Partial<AttendanceView> = {}): AttendanceView => ({
  activityTitle: '独居老人上门问候', shiftStartAt: bj(9), shiftEndAt: bj(11), inAt: bj(8, 55), inMethod: 'code', inMethodLabel: '扫码',
  outAt: null, outMethodLabel: null, flags: [], flagLabels: [], minutes: null, hoursText: null, ...extra,
});

type ScanOpts = { success?: (r: { result: string }) => void; fail?: (e: { errMsg: string }) => void };
function scans(result: string | null) {
  wxMock.scanCode = jest.fn((o: ScanOpts) => (result === null ? o.fail?.({ errMsg: 'scanCode:fail cancel' }) : o.success?.({ result })));
}

async function open(replies: Replies = {}, query: Record<string, string> = { activityId: 'a1', shiftId: 's1', title: encodeURIComponent('独居老人上门问候'), startAt: String(bj(9)), endAt: String(bj(11)) }) {
  const send = fakeBackend({ 'activity.checkIn': ok(attended()), ...replies });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('scanning the organiser’s QR to check in', () => {
  it('sends the scanned activity, shift and code with this phone’s key, and says 签到成功 with the time', async () => {
    scans('linli-ci:a1:s1:123456');
    const { page, send } = await open();
    expect(page.text('#title')).toBe('独居老人上门问候');
    await page.tap('#scan');
    const data = sent(send, 'activity.checkIn')[0].data as { deviceKey: string };
    expect(data).toEqual({ activityId: 'a1', shiftId: 's1', code: '123456', deviceKey: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    expect(page.text('#result')).toContain('签到成功 08:55');
    // Next time on this phone: the same key, and the page now offers 签退.
    expect(page.text('#scan')).toBe('扫码签退');
    await page.tap('#step-in');
    await page.tap('#scan');
    expect((sent(send, 'activity.checkIn')[1].data as { deviceKey: string }).deviceKey).toBe(data.deviceKey);
  });

  it('a check-in outside the window is accepted and says it is flagged for the lead', async () => {
    scans('linli-ci:a1:s1:123456');
    const { page } = await open({ 'activity.checkIn': ok(attended({ flags: ['outsideWindow'], flagLabels: ['签到不在时间窗口内'] })) });
    await page.tap('#scan');
    expect(page.text('#result')).toContain('签到不在时间窗口内，负责人核验时会看到');
  });

  it('a QR that is not a check-in code, or another activity’s, is refused here without sending', async () => {
    scans('https://example.com/x');
    const { page, send } = await open();
    await page.tap('#scan');
    expect(page.text('#error')).toContain('这不是邻里的签到二维码');
    scans('linli-ci:other:s1:123456');
    await page.tap('#scan');
    expect(page.text('#error')).toContain('另一个活动');
    expect(sent(send, 'activity.checkIn')).toHaveLength(0);
  });

  it('shows the server’s typed refusals in its words: a stale code, a second person on one phone', async () => {
    scans('linli-ci:a1:s1:123456');
    const { page } = await open({ 'activity.checkIn': fail('CONFLICT', '这部手机已为其他志愿者签到过，请用自己的手机签到') });
    await page.tap('#scan');
    expect(page.text('#error')).toBe('这部手机已为其他志愿者签到过，请用自己的手机签到');
  });
});

describe('typing the six-digit code instead', () => {
  it('asks for six digits, then checks out with them and says the minutes wait for verification', async () => {
    const { page, send } = await open({ 'activity.checkOut': ok(attended({ outAt: bj(11, 2), outMethodLabel: '扫码', minutes: 125, hoursText: '2.1小时' })) });
    await page.tap('#step-out');
    await page.tap('#type-code');
    await page.input('#code', '12');
    await page.tap('#submit-code');
    expect(page.text('#code-error')).toContain('6位数字');
    expect(sent(send, 'activity.checkOut')).toHaveLength(0);
    await page.input('#code', '654321');
    await page.tap('#submit-code');
    expect(sent(send, 'activity.checkOut')[0].data).toMatchObject({ activityId: 'a1', shiftId: 's1', code: '654321' });
    expect(page.text('#result')).toContain('签退成功 11:02');
    expect(page.text('#result')).toContain('本次计 2.1小时，待项目负责人核验后计入我的时长');
  });

  it('opened without a shift (from the hub) offers scanning only and says where to type the code', async () => {
    const { page } = await open({}, {});
    expect(page.exists('#type-code')).toBe(false);
    expect(page.text('#from-signups')).toContain('我的报名');
  });
});
