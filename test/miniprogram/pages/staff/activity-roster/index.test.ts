import type { ActivityView, RosterView } from '../../../../../miniprogram/core/volunteer/contract';
import { fail, fakeBackend, flush, loadPage, ok, render, wxMock } from '../../../harness';

const pageId = loadPage('staff/activity-roster/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * H;
const NOW = bj(2026, 5, 6, 10);
const S1 = bj(2026, 5, 9, 9);
const S2 = bj(2026, 5, 9, 14);

const activity: ActivityView = {
  id: 'act-1', teamId: 't1', teamName: '助老探访队', title: '重阳节敬老探访', description: '', place: '社区服务站', status: 'published', statusLabel: '报名中',
  startAt: S1, endAt: S2 + 2 * H, signupDeadline: S1 - H, risky: false, insured: false, seatsLeft: 1,
  shifts: [
    { shiftId: 's1', startAt: S1, endAt: S1 + 2 * H, roles: [{ roleId: 'r1', name: '陪同探访', seats: 2, seatsLeft: 0, waitlistCount: 2, requirements: [] }] },
    { shiftId: 's2', startAt: S2, endAt: S2 + 2 * H, roles: [{ roleId: 'r1', name: '陪同探访', seats: 2, seatsLeft: 1, waitlistCount: 0, requirements: [] }] },
  ],
  mine: [],
  allowedActions: ['activity.get', 'activity.cancel', 'activity.roster'],
};
const entry = (signupId: string, name: string, shiftId: string, status: 'booked' | 'waitlisted' | 'offered', position?: number) => ({
  signupId, name, roleName: '陪同探访', shiftId, status, statusLabel: status, ...(position ? { position } : {}),
});
const roster: RosterView = {
  activityId: 'act-1',
  title: '重阳节敬老探访',
  attendees: [entry('v1', '陈志愿', 's1', 'booked'), entry('v2', '王大姐', 's1', 'booked'), entry('v3', '马大爷', 's2', 'booked')],
  waitlist: [entry('v4', '赵阿姨', 's1', 'offered'), entry('v5', '刘阿姨', 's1', 'waitlisted', 1), entry('v6', '孙叔叔', 's1', 'waitlisted', 2)],
};

async function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({ 'activity.get': ok(activity), 'activity.roster': ok(roster), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ activityId: 'act-1' });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the organiser opens the roster', () => {
  it('lists the booked by name per shift and role, the offers and the waitlist apart, in order', async () => {
    const { page } = await open();
    expect(page.text('#summary')).toBe('已报名3人，另有3人候补或待确认');
    expect(page.text('#role-s1-r1')).toContain('陈志愿');
    expect(page.text('#role-s1-r1')).toContain('王大姐');
    expect(page.text('#role-s1-r1')).toContain('已报名2人，共2个名额');
    expect(page.text('#role-s1-r1')).not.toContain('刘阿姨');
    expect(page.text('#offers-s1')).toContain('赵阿姨');
    expect(page.text('#waitlist-s1')).toMatch(/候补第1位 刘阿姨[\s\S]*候补第2位 孙叔叔/);
    expect(page.text('#role-s2-r1')).toContain('马大爷');
    expect(page.exists('#waitlist-s2')).toBe(false);
  });

  it('opens each shift’s live check-in screen, and the sign-in sheet export', async () => {
    const { page } = await open();
    await page.tap('#checkin-s2');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/activity-checkin/index?activityId=act-1&shiftId=s2' });
    await page.tap('#sheet');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/volunteer-records/index?activityId=act-1' });
  });
});

describe('someone who does not run the activity', () => {
  it('sees the server’s refusal', async () => {
    const { page } = await open({ 'activity.roster': fail('FORBIDDEN', '只有组织者、项目负责人、队长和社区工作人员可以查看名单') });
    expect(page.text('#error')).toContain('只有组织者');
    expect(page.exists('#summary')).toBe(false);
  });
});
