import type { ActionName } from '../../../../../miniprogram/core/action-names';
import type { ActivityView } from '../../../../../miniprogram/core/volunteer/contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/activity-edit/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 10);

const teams = ok({
  items: [
    { id: 't-green', name: '植绿护绿队', description: '', memberCount: 8, joined: false, leading: false, active: true, leaders: [{ id: 'm-chen', name: '陈志愿' }], allowedActions: ['team.upsert'] as ActionName[] },
    { id: 't-old', name: '助老探访队', description: '', memberCount: 5, joined: false, leading: false, active: true, allowedActions: [] as ActionName[] },
  ],
});

function draft(over: Partial<ActivityView> = {}): ActivityView {
  const start = bj(2026, 5, 9, 9);
  return {
    id: 'act-1', teamId: 't-old', teamName: '助老探访队', title: '重阳节敬老探访', description: '', place: '社区服务站', status: 'draft', statusLabel: '草稿',
    startAt: start, endAt: start + 2 * H, signupDeadline: bj(2026, 5, 8, 18), risky: true, insured: false, seatsLeft: 4,
    shifts: [{ shiftId: 's1', startAt: start, endAt: start + 2 * H, roles: [{ roleId: 'r1', name: '陪同探访', seats: 4, seatsLeft: 4, waitlistCount: 0, requirements: [] }] }],
    mine: [],
    leadName: '陈志愿',
    edit: {
      teamId: 't-old', title: '重阳节敬老探访', description: '', place: '社区服务站',
      roles: [{ key: 'r1', name: '陪同探访', skill: null, training: null, minAge: 18 }],
      shifts: [{ key: 's1', startAt: start, endAt: start + 2 * H }],
      seats: [{ shift: 's1', role: 'r1', seats: 4 }],
      signupDeadline: bj(2026, 5, 8, 18), leadId: 'm-chen', risky: true, insured: false, rounding: 'halfHour', graceMinutes: 10, dailyCapMinutes: 360,
    },
    allowedActions: ['activity.get', 'activity.upsert', 'activity.publish', 'activity.cancel', 'activity.roster'],
    ...over,
  };
}

async function open(query: Record<string, string>, replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'team.list': teams,
    'activity.get': ok(draft()),
    'activity.upsert': (data) => ok(draft({ id: (data.activityId as string | undefined) ?? 'act-new', title: data.title as string })),
    ...replies,
  });
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

describe('an organiser creates an activity', () => {
  it('sends the team, two shifts, seats per shift, requirements, the lead picked by name and the hours rules', async () => {
    const { page, send } = await open({});
    await page.change('#team', 0);
    await page.input('#title', '植绿护绿');
    await page.input('#place', '小区中心花园');
    await page.change('#shift-date-0', '2026-05-10');
    await page.change('#shift-start-0', '08:00');
    await page.change('#shift-end-0', '10:00');
    await page.tap('#add-shift');
    expect(page.text('#shift-1')).toContain('10:00');
    await page.input('#role-name-0', '浇水');
    await page.input('#seats-0-s2', '3');
    await page.input('#role-age-0', '18');
    await page.trigger('#lead', 'pick', { memberId: 'm-chen', name: '陈志愿', label: '陈志愿 · 1号楼', onApp: true });
    await page.change('#rounding', 1);
    await page.input('#daily-cap', '6');
    await page.tap('#save');

    const [call] = sent(send, 'activity.upsert');
    expect(call.data).toEqual({
      teamId: 't-green', title: '植绿护绿', place: '小区中心花园', description: '',
      shifts: [{ key: 's1', startAt: bj(2026, 5, 10, 8), endAt: bj(2026, 5, 10, 10) }, { key: 's2', startAt: bj(2026, 5, 10, 10), endAt: bj(2026, 5, 10, 12) }],
      roles: [{ key: 'r1', name: '浇水', skill: null, training: null, minAge: 18 }],
      seats: [{ shift: 's1', role: 'r1', seats: 5 }, { shift: 's2', role: 'r1', seats: 3 }],
      signupDeadline: bj(2026, 5, 6, 20), leadId: 'm-chen', risky: false, insured: false,
      rounding: 'halfHour', graceMinutes: 15, dailyCapMinutes: 360,
    });
    expect(page.text('#saved')).toContain('草稿已保存');
  });

  it('shows the server’s refusals at their fields, the shift’s under that shift, and counts them by 提交', async () => {
    const { page } = await open({}, {
      'activity.upsert': fail('VALIDATION_ERROR', '请检查', { issues: [{ path: 'title', message: '活动名称至少2个字' }, { path: 'shifts.0.endAt', message: '结束时间须晚于开始时间' }, { path: 'leadId', message: '项目负责人须是社区工作人员或该服务队的队长' }] }),
    });
    await page.change('#team', 1);
    await page.input('#title', '探访');
    await page.input('#place', '社区服务站');
    await page.input('#role-name-0', '陪同');
    await page.tap('#save');
    expect(page.text('#title-error')).toBe('活动名称至少2个字');
    expect(page.text('#shift-error-0')).toBe('结束时间须晚于开始时间');
    expect(page.exists('#shifts-error')).toBe(false);
    expect(page.text('#lead-error')).toContain('项目负责人');
    expect(page.text('#form-count')).toBe('还有3项需要填写');
  });

  it('asks for the team before anything is sent', async () => {
    const { page, send } = await open({});
    await page.tap('#save');
    expect(sent(send, 'activity.upsert')).toHaveLength(0);
    expect(page.text('#team-error')).toBe('请选择服务队');
  });
});

describe('editing a risky draft', () => {
  it('starts from the saved values, says insurance is needed, and shows the refusal to publish at 已投保', async () => {
    const { page, send } = await open({ activityId: 'act-1' }, {
      'activity.publish': fail('VALIDATION_ERROR', '有风险的活动须先购买保险才能发布', { issues: [{ path: 'insured', message: '有风险的活动须先购买保险才能发布' }] }),
    });
    expect(page.text('#team-value')).toBe('助老探访队');
    expect(page.text('#lead')).toContain('陈志愿');
    expect(page.text('#rounding-value')).toBe('按半小时取整（不足半小时不计）');
    expect(page.text('#insurance-note')).toContain('须先为志愿者购买保险');
    await page.tap('#publish');
    expect(sent(send, 'activity.upsert')[0].data).toMatchObject({ activityId: 'act-1', leadId: 'm-chen', graceMinutes: 10, dailyCapMinutes: 360, seats: [{ shift: 's1', role: 'r1', seats: 4 }] });
    expect(page.text('#insured-error')).toContain('保险');
  });

  it('publishes once insured', async () => {
    const { page, send } = await open({ activityId: 'act-1' }, { 'activity.publish': ok(draft({ status: 'published', statusLabel: '报名中', insured: true, allowedActions: ['activity.get', 'activity.cancel', 'activity.roster'] })) });
    await page.change('#insured', true);
    expect(page.exists('#insurance-note')).toBe(false);
    await page.tap('#publish');
    expect(sent(send, 'activity.publish')[0].data).toEqual({ activityId: 'act-1' });
    expect(page.text('#saved')).toContain('已发布');
    expect(page.exists('#save')).toBe(false);
    expect(page.text('#fixed-note')).toContain('不能再修改');
  });
});

describe('cancelling', () => {
  it('needs a reason, is confirmed, and tells the organiser everyone was told', async () => {
    const { page, send } = await open({ activityId: 'act-1' }, { 'activity.cancel': ok(draft({ status: 'cancelled', statusLabel: '已取消', cancelledReason: '天气原因', allowedActions: ['activity.get', 'activity.roster'] })) });
    expect(page.exists('#cancel-submit')).toBe(false);
    await page.tap('#cancel-open');
    await page.tap('#cancel-submit');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(page.text('#cancel-reason-error')).toContain('取消原因');
    await page.input('#cancel-reason', '天气原因，改期另行通知');
    await page.tap('#cancel-submit');
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain('都会收到通知');
    await flush();
    expect(sent(send, 'activity.cancel')[0].data).toEqual({ activityId: 'act-1', reason: '天气原因，改期另行通知' });
    expect(page.text('#saved')).toContain('已取消');
    expect(page.text('#status')).toBe('已取消');
  });
});
