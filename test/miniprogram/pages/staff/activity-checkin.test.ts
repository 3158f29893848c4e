import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { CheckInCodeView, RosterPersonView } from '../../../../miniprogram/core/volunteer/check-in-contract';

const pageId = loadPage('staff/activity-checkin/index');

const H = 3600_000;
const bj = (h: number, min = 0, s = 0) => Date.UTC(2026, 4, 6, h, min, s) - 8 * H;
const NOW = bj(8, 58, 10);

const person = (name: string, memberId: string, extra: Partial<RosterPersonView> = {}): RosterPersonView => ({
  memberId, name, state: 'absent', stateLabel: '未签到', flagLabels: [], ...extra,
});
const screen = (code: string, extra: Partial<CheckInCodeView> = {}): CheckInCodeView => ({
  activityTitle: '独居老人上门问候', place: '1号楼、2号楼', shiftStartAt: bj(9), shiftEndAt: bj(11), code, qrText: `linli-ci:a1:s1:${code}`,
  changesAt: bj(8, 58, 30), periodSeconds: 30,
  people: [person('陈志愿', 'm-chen', { state: 'in', stateLabel: '已签到', inAt: bj(8, 50), methodLabel: '扫码' }), person('刘阿姨', 'm-liu')],
  counts: { booked: 2, checkedIn: 1, checkedOut: 0 }, ...extra,
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'activity.checkInCode': ok(screen('123456')), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ activityId: 'a1', shiftId: 's1' });
  page.instance.onShow();
  await flush();
  return { page, send };
}

/** The page's own timers (a second or more), held here to run by hand; the test kit's short sleeps run as usual. */
let timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
let now = NOW;
const realSetTimeout = global.setTimeout;
beforeEach(() => {
  jest.clearAllMocks();
  timers = [];
  now = NOW;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    if ((ms ?? 0) < 1000) return realSetTimeout(fn, ms);
    const t = { fn, ms: ms ?? 0, cleared: false };
    timers.push(t);
    return t as unknown as NodeJS.Timeout;
  }) as typeof setTimeout);
  jest.spyOn(global, 'clearTimeout').mockImplementation(((t: { cleared?: boolean }) => {
    if (t && typeof t === 'object' && 'cleared' in t) t.cleared = true;
  }) as typeof clearTimeout);
  wxMock.setKeepScreenOn = jest.fn();
});
afterEach(() => jest.restoreAllMocks());
const live = () => timers.filter((t) => !t.cleared);

describe('the organiser holds up the live check-in screen', () => {
  it('shows the six digits large, keeps the screen on and lists who has checked in (no ids)', async () => {
    const { page, send } = await open();
    expect(sent(send, 'activity.checkInCode')[0].data).toEqual({ activityId: 'a1', shiftId: 's1' });
    expect(page.text('#code')).toBe('123456');
    expect(page.text('#changes')).toContain('08:58 更换');
    expect(wxMock.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
    expect(page.text('#counts')).toContain('应到');
    expect(page.text('#person-p0')).toContain('已签到');
    expect(page.text('#person-p0')).toContain('签到 08:50');
    expect(page.text('#person-p1')).toContain('未签到');
    expect(page.text()).not.toContain('m-liu');
  });

  it('asks for the next code when this one changes, and shows it', async () => {
    let calls = 0;
    const { page, send } = await open({ 'activity.checkInCode': () => ok((calls += 1) > 1 ? screen('654321', { changesAt: bj(8, 59) }) : screen('123456')) });
    expect(page.text('#code')).toBe('123456');
    // Asked again just after 08:58:30, when the code changes.
    expect(live()).toHaveLength(1);
    expect(live()[0].ms).toBe(20_300);
    now = bj(8, 58, 31);
    live()[0].fn();
    await flush();
    expect(sent(send, 'activity.checkInCode')).toHaveLength(2);
    expect(page.text('#code')).toBe('654321');
  });

  it('lets the screen go dark and stops asking when the organiser leaves', async () => {
    const { page, send } = await open();
    page.instance.onHide();
    expect(wxMock.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
    expect(live()).toHaveLength(0);
    expect(sent(send, 'activity.checkInCode')).toHaveLength(1);
  });

  it('someone who does not run the activity reads the server’s refusal', async () => {
    const { page } = await open({ 'activity.checkInCode': fail('FORBIDDEN', '只有活动的负责人可以操作签到') });
    expect(page.text('#error')).toContain('只有活动的负责人可以操作签到');
    expect(page.exists('#code')).toBe(false);
  });
});

describe('团体录入 from the roster on the screen', () => {
  it('checks a person in by hand with a reason, by the member the roster named', async () => {
    const { page, send } = await open({ 'activity.checkInByHand': ok(person('刘阿姨', 'm-liu', { state: 'in', stateLabel: '已签到', inAt: bj(8, 59), methodLabel: '负责人录入', flagLabels: ['负责人录入'] })) });
    await page.tap('#hand-p1');
    await page.tap('#hand-submit');
    expect(page.text('#reason-error')).toContain('原因');
    await page.input('#hand-reason', '老人没有智能手机');
    await page.tap('#hand-submit');
    expect(sent(send, 'activity.checkInByHand')[0].data).toEqual({ activityId: 'a1', shiftId: 's1', memberId: 'm-liu', step: 'in', reason: '老人没有智能手机' });
    expect(page.text('#person-p1')).toContain('负责人录入');
  });

  it('offers 代为签退 for someone already checked in', async () => {
    const { page } = await open();
    expect(page.text('#hand-p0')).toBe('代为签退');
    await page.tap('#hand-p0');
    expect(page.text('#hand-submit')).toBe('录入签退');
  });
});
