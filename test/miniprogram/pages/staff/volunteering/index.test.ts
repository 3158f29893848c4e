import type { ActionName } from '../../../../../miniprogram/core/action-names';
import type { ActivityView, TeamView, VolunteerView } from '../../../../../miniprogram/core/volunteer/contract';
import type { HourEntryView } from '../../../../../miniprogram/core/hours/contract';
import { fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/volunteering/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * H;
const NOW = bj(2026, 5, 20, 10);

const activity = (id: string, title: string, status: ActivityView['status'], statusLabel: string): ActivityView => ({
  id, teamId: 't1', teamName: '助老探访队', title, description: '', place: '社区服务站', status, statusLabel, startAt: bj(2026, 5, 23, 9), endAt: bj(2026, 5, 23, 11),
  signupDeadline: bj(2026, 5, 22, 18), risky: false, insured: false, seatsLeft: 3, shifts: [], mine: [], allowedActions: ['activity.get', 'activity.roster'],
});
const team = (id: string, name: string, over: Partial<TeamView> = {}): TeamView => ({
  id, name, description: '', memberCount: 6, joined: false, leading: false, active: true, leaders: [{ id: 'm-chen', name: '陈志愿' }], allowedActions: ['team.upsert'] as ActionName[], ...over,
});
const student: VolunteerView = {
  id: 'vol-stu', name: '小林', volunteerNumber: 'V0009', skills: ['绘画'], availability: '周末', partyMember: null, birthDate: null, idNumberMasked: '110101********1234',
  trainings: [], resident: false, status: 'pendingVerification', statusLabel: '待社区核实', allowedActions: ['volunteer.verify'],
};
const entry = (id: string, serviceDate: string): HourEntryView => ({
  id, content: '植绿护绿', serviceDate, kind: 'attendance', kindLabel: '签到签退', minutes: 120, hoursText: '2.0小时', status: 'pending', statusLabel: '待核验', flags: [], flagLabels: [], reason: null, awaitingSecond: false, allowedActions: [],
});

async function open(allowed: ActionName[], replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'member.me': meReply(allowed),
    'team.list': ok({ items: [team('t1', '助老探访队'), team('t2', '植绿护绿队', { leading: true, leaders: [] })] }),
    'activity.list': (data) => ok({ items: data.teamId ? [activity('a-team', '植绿护绿', 'published', '报名中')] : [activity('a-draft', '重阳节敬老探访', 'draft', '草稿')] }),
    'volunteer.list': ok({ items: [student] }),
    'volunteer.verify': ok({ ...student, status: 'active', statusLabel: '已登记' }),
    'hours.pending': ok({ items: [entry('e1', '2026-05-09'), entry('e2', '2026-05-12'), entry('e3', '2026-05-19')] }),
    'team.upsert': (data) => ok(team('t3', data.name as string)),
    ...replies,
  });
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

describe('an admin opens 志愿服务', () => {
  it('lists every activity with drafts, the volunteers to verify, the teams, and the hours waiting over a week', async () => {
    const { page, send } = await open(['team.upsert', 'volunteer.list']);
    expect(sent(send, 'activity.list')[0].data).toMatchObject({ view: 'manage' });
    expect(page.text('#activities')).toContain('重阳节敬老探访');
    expect(page.text('#activities')).toContain('草稿');
    expect(page.text('#pending')).toContain('小林');
    expect(page.text('#pending')).toContain('非本社区居民');
    expect(page.text('#teams')).toContain('队长：陈志愿');
    expect(page.text('#late-hours')).toBe('有2条服务时长超过7天还没核验，点此去核验');
  });

  it('verifies a volunteer, who leaves the list', async () => {
    const { page, send } = await open(['team.upsert', 'volunteer.list']);
    await page.tap('#verify-vol-stu');
    expect(sent(send, 'volunteer.verify')[0].data).toEqual({ volunteerId: 'vol-stu', decision: 'approve' });
    expect(page.text('#no-pending')).toBe('没有待核实的志愿者');
  });

  it('creates a team with a leader picked by name', async () => {
    const { page, send } = await open(['team.upsert', 'volunteer.list']);
    await page.tap('#new-team');
    await page.input('#team-name', '法律援助队');
    await page.trigger('#leader-picker', 'pick', { memberId: 'm-wang', name: '王律师', label: '王律师 · 2号楼', onApp: true });
    expect(page.text('#team-leaders')).toContain('王律师');
    await page.tap('#team-save');
    expect(sent(send, 'team.upsert')[0].data).toEqual({ name: '法律援助队', description: '', leaderIds: ['m-wang'], active: true });
    expect(page.exists('#team-form')).toBe(false);
  });

  it('opens an activity’s roster and the new-activity form', async () => {
    const { page } = await open(['team.upsert']);
    await page.tap('#activity-a-draft');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/activity-roster/index?activityId=a-draft' });
    await page.tap('#new-activity');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/activity-edit/index' });
  });
});

describe('a grid worker who leads a team', () => {
  it('sees what they organise and their team’s activities, and nothing of the admin’s desk', async () => {
    const { page, send } = await open([]);
    expect(sent(send, 'activity.list').map((c) => (c.data as { teamId?: string }).teamId)).toEqual([undefined, 't2']);
    expect(page.text('#activities')).toContain('重阳节敬老探访');
    expect(page.text('#activities')).toContain('植绿护绿');
    expect(page.exists('#pending')).toBe(false);
    expect(page.exists('#teams')).toBe(false);
    expect(sent(send, 'volunteer.list')).toHaveLength(0);
    expect(page.exists('#late-hours')).toBe(false);
  });
});
