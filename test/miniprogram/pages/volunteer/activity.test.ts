import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { ActivityView } from '../../../../miniprogram/core/volunteer/contract';

const pageId = loadPage('pages/volunteer/activity/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 8, 0);

const activity: ActivityView = {
  id: 'a1', teamId: 't1', teamName: '党员志愿者服务队', title: '小区绿地补种', description: '补种月季', place: '3号楼北侧绿地', status: 'published', statusLabel: '报名中',
  startAt: bj(2026, 5, 7, 9), endAt: bj(2026, 5, 7, 11), signupDeadline: bj(2026, 5, 7, 8), risky: true, insured: true, seatsLeft: 2, mine: [],
  shifts: [{ shiftId: 's1', startAt: bj(2026, 5, 7, 9), endAt: bj(2026, 5, 7, 11), roles: [
    { roleId: 'r1', name: '补种', seats: 5, seatsLeft: 2, waitlistCount: 0, requirements: [] },
    { roleId: 'r2', name: '修剪', seats: 2, seatsLeft: 0, waitlistCount: 3, requirements: ['需年满18岁'] },
  ] }],
  allowedActions: ['activity.get', 'activity.signup'],
};

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'activity.get': ok(activity), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ activityId: 'a1' });
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a volunteer opens an activity', () => {
  it('shows each role with its seats and requirements, 报名 where free and 候补 where full', async () => {
    const { page } = await open();
    expect(page.text('#role-s1-r1')).toContain('剩余2/5个名额');
    expect(page.text('#role-s1-r2')).toContain('已满，3人候补');
    expect(page.text('#role-s1-r2')).toContain('需年满18岁');
    expect(page.text('#take-s1-r1')).toBe('报名');
    expect(page.text('#take-s1-r2')).toBe('候补');
    expect(page.text()).toContain('已为志愿者购买意外保险');
  });

  it('signs up and reads the activity again', async () => {
    const { page, send } = await open({ 'activity.signup': ok({ id: 'x', activityId: 'a1', activityTitle: '小区绿地补种', place: '', shiftId: 's1', roleId: 'r1', roleName: '补种', startAt: 0, endAt: 0, status: 'booked', statusLabel: '已报名', allowedActions: [] }) });
    await page.tap('#take-s1-r1');
    expect(sent(send, 'activity.signup')[0].data).toEqual({ activityId: 'a1', shiftId: 's1', roleId: 'r1' });
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '报名成功', icon: 'success' });
    expect(sent(send, 'activity.get')).toHaveLength(2);
  });

  it('shows a refusal (too young, overlapping) under the role tapped', async () => {
    const { page } = await open({ 'activity.signup': fail('VALIDATION_ERROR', '该岗位需年满18岁', { issues: [{ path: 'roleId', message: '该岗位需年满18岁' }] }) });
    await page.tap('#take-s1-r2');
    expect(page.text('#role-s1-r2')).toContain('该岗位需年满18岁');
  });

  it('asks someone not yet registered to register first, with no sign-up buttons', async () => {
    const { page } = await open({ 'activity.get': ok({ ...activity, allowedActions: ['activity.get'] }) });
    expect(page.exists('#take-s1-r1')).toBe(false);
    await page.tap('#register');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/volunteer/register/index' });
  });
});
