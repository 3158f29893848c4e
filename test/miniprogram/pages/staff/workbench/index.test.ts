import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import type { QueueItem } from '../../../../../miniprogram/core/concern/contract';
import type { BindingRequestView } from '../../../../../miniprogram/core/member/contract';
import { calendar } from '../disclosure-fixtures';

const pageId = loadPage('staff/workbench/index');

const worker = meReply(['concern.queue', 'concern.get', 'member.listRequests', 'member.reviewRequest'], {
  roles: ['gridWorker'],
});

function queued(n: number, overdue = false): QueueItem {
  return {
    id: `c${n}`,
    number: `SS-${n}`,
    categoryName: '噪音扰民',
    excerpt: `楼上装修第${n}天`,
    status: 'dispatched',
    statusLabel: '待签收',
    buildingName: '3号楼',
    createdAt: 0,
    overdue,
    escalationLevel: 0,
    gridId: 'g1',
  };
}

function request(id: string, name: string): BindingRequestView {
  return {
    id,
    status: 'pending',
    buildingId: 'b1',
    buildingName: '1号楼',
    unit: '2',
    room: '301',
    name,
    createdAt: 0,
    allowedActions: ['member.reviewRequest'],
  };
}

const NOW = Date.UTC(2026, 4, 6, 2, 0);
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => clock.mockRestore());

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': worker,
    'concern.counts': ok({ views: [{ view: 'assigned', count: 3, more: false }, { view: 'signed', count: 0, more: false }] }),
    'concern.queue': (data) =>
      data.cursor === 'q2' ? ok({ items: [queued(3)] }) : ok({ items: [queued(1, true), queued(2)], next: 'q2' }),
    'member.listRequests': ok({ items: [request('r1', '李雷'), request('r2', '韩梅梅')] }),
    'member.reviewRequest': (data) => ok({ ...request(String(data.requestId), ''), status: data.decision === 'approve' ? 'approved' : 'rejected' }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a grid worker opens the workbench', () => {
  it('opens on open items, the late ones first, with the count on the tab and the time left on each card', async () => {
    const soon = { ...queued(4), dueAt: NOW + 4 * 3600_000 + 60_000 };
    const later = { ...queued(5), status: 'accepted' as const, statusLabel: '办理中', dueAt: NOW + 2 * 86400_000 + 3600_000 };
    const { page, send } = await open({
      'member.me': meReply(['concern.queue', 'concern.get'], { roles: ['gridWorker'], gridIds: ['g1'] }),
      'concern.queue': ok({ items: [queued(1, true), soon, later] }),
    });
    expect(sent(send, 'concern.queue')[0].data).toEqual({ view: 'assigned', open: true, limit: 20 });
    expect(page.text('#view-assigned')).toContain('我的待办');
    expect(page.text('#count-assigned')).toBe('3');
    expect(page.exists('#count-signed')).toBe(false);
    const cards = page.text('#queue');
    expect(cards.indexOf('超期')).toBeLessThan(cards.indexOf('剩4小时'));
    expect(cards).toContain('剩4小时');
    expect(cards).toContain('剩2天');
  });

  it('keeps the filters folded behind one 筛选 row that says what the list holds', async () => {
    const { page } = await open();
    expect(page.exists('#filters')).toBe(false);
    expect(page.text('#filter-summary')).toBe('未办结，超期在前');
    await page.tap('#filter-toggle');
    expect(page.exists('#filter-status')).toBe(true);
    expect(page.text('#filter-status')).toContain('未办结');
    await page.change('#filter-status', '1');
    expect(page.text('#filter-summary')).toBe('全部状态');
  });

  it('lists queued concerns with an overdue mark', async () => {
    const { page } = await open();
    expect(page.count('.queue-row')).toBe(2);
    expect(page.text('#queue')).toContain('楼上装修第1天');
    expect(page.text('#queue')).toContain('超期');
    expect(page.text('#queue')).toContain('SS-2');
  });

  it('pages through the queue', async () => {
    const { page, send } = await open();
    await page.tap('#queue-more');
    expect(sent(send, 'concern.queue')[1].data).toMatchObject({ cursor: 'q2' });
    expect(page.count('.queue-row')).toBe(3);
    expect(page.exists('#queue-more')).toBe(false);
  });

  it('opens a concern from the queue', async () => {
    const { page } = await open();
    await page.tap('.queue-row');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c1' });
  });

  it('loads binding requests only when that segment is opened', async () => {
    const { page, send } = await open();
    expect(sent(send, 'member.listRequests')).toHaveLength(0);
    await page.tap('#tab-requests');
    expect(sent(send, 'member.listRequests')[0].data).toMatchObject({ status: 'pending' });
    expect(page.count('.request-row')).toBe(2);
    expect(page.text('#requests')).toContain('李雷');
    expect(page.text('#requests')).toContain('1号楼 2单元 301室');
  });
});

describe('rejecting a binding request', () => {
  it('requires a reason before anything is sent', async () => {
    const { page, send } = await open();
    await page.tap('#tab-requests');
    await page.tap('#reject-r1');
    await page.tap('#reject-confirm');

    expect(page.text('#review-error')).toBe('请填写驳回理由');
    expect(sent(send, 'member.reviewRequest')).toHaveLength(0);
    expect(page.count('.request-row')).toBe(2);
  });

  it('sends the reason and removes the request from the list', async () => {
    const { page, send } = await open();
    await page.tap('#tab-requests');
    await page.tap('#reject-r1');
    await page.input('#reason', '门牌号与登记信息不符');
    await page.tap('#reject-confirm');

    expect(sent(send, 'member.reviewRequest')[0].data).toEqual({
      requestId: 'r1',
      decision: 'reject',
      reason: '门牌号与登记信息不符',
    });
    expect(page.count('.request-row')).toBe(1);
    expect(page.text('#requests')).not.toContain('李雷');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已驳回' }));
  });

  it('shows the server’s refusal on that request', async () => {
    const { page } = await open({ 'member.reviewRequest': fail('CONFLICT', '该申请已被其他网格员处理') });
    await page.tap('#tab-requests');
    await page.tap('#reject-r2');
    await page.input('#reason', '信息不全');
    await page.tap('#reject-confirm');
    expect(page.text('#review-error')).toBe('该申请已被其他网格员处理');
    expect(page.count('.request-row')).toBe(2);
  });
});

describe('approving a binding request', () => {
  it('asks for confirmation, then approves', async () => {
    const { page, send } = await open();
    await page.tap('#tab-requests');
    await page.tap('#approve-r2');
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('韩梅梅') }));
    expect(sent(send, 'member.reviewRequest')[0].data).toEqual({ requestId: 'r2', decision: 'approve' });
    expect(page.count('.request-row')).toBe(1);
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const { page, send } = await open();
    wxMock.showModal.mockImplementationOnce((opts: { success?: (r: { confirm: boolean }) => void }) =>
      opts.success?.({ confirm: false }),
    );
    await page.tap('#tab-requests');
    await page.tap('#approve-r2');
    expect(sent(send, 'member.reviewRequest')).toHaveLength(0);
  });
});

describe('someone without staff actions opens the workbench', () => {
  it('says they have no access and loads no lists', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.submit']) });
    expect(page.text('#no-access')).toContain('没有工作台权限');
    expect(sent(send, 'concern.queue')).toHaveLength(0);
    expect(sent(send, 'member.listRequests')).toHaveLength(0);
  });
});

describe('a staff member allowed only binding review', () => {
  it('goes straight to the requests without segments', async () => {
    const { page } = await open({ 'member.me': meReply(['member.listRequests', 'member.reviewRequest']) });
    expect(page.exists('#tab-queue')).toBe(false);
    expect(page.count('.request-row')).toBe(2);
  });
});

describe('queue rows tell the worker what needs attention', () => {
  it('shows 超期, the escalation and who is handling it', async () => {
    const { page } = await open({
      'concern.queue': ok({ items: [{ ...queued(1, true), escalationLevel: 1, assigneeName: '张网格' }, queued(2)] }),
    });
    // The badges themselves are the concern card's (see its own test); here, who gets which.
    const rows = page.text('#queue');
    expect(rows.split('超期').length - 1).toBe(1);
    expect(rows).toContain('网格长督办');
    expect(rows).toContain('负责人：张网格');
  });
});

describe('filtering the queue', () => {
  const admin = meReply(['concern.queue', 'concern.get', 'concern.stats', 'concern.upsertCategory', 'staff.setAway'], { roles: ['admin'] });
  const adminReplies = {
    'member.me': admin,
    'concern.categories': ok({ items: [{ id: 'noise', name: '噪音扰民', contactHours: 12, resolveDays: 5 }] }),
    'community.grids': ok({ items: [{ id: 'g1', name: '一网格' }, { id: 'g2', name: '二网格' }] }),
  };
  const lastQueueInput = (send: Awaited<ReturnType<typeof open>>['send']) => {
    const events = sent(send, 'concern.queue');
    return events[events.length - 1].data;
  };

  it('sends the chosen status', async () => {
    const { page, send } = await open();
    await page.tap('#filter-toggle');
    await page.change('#filter-status', '2');
    expect(lastQueueInput(send)).toEqual({ view: 'assigned', status: 'dispatched', limit: 20 });
    expect(page.text('#filter-status')).toContain('待签收');
  });

  it('drops the status when 只看超期 is switched on, and says so', async () => {
    const { page, send } = await open();
    await page.tap('#filter-toggle');
    await page.change('#filter-status', '3');
    await page.change('#filter-overdue', true);
    expect(lastQueueInput(send)).toEqual({ view: 'assigned', overdue: true, limit: 20 });
    expect(page.text('#filter-status')).toContain('全部状态');
    expect(page.text('#filter-note')).toContain('已取消“状态”筛选');
  });

  it('drops 只看超期 when a status is chosen', async () => {
    const { page, send } = await open();
    await page.tap('#filter-toggle');
    await page.change('#filter-overdue', true);
    await page.change('#filter-status', '3');
    expect(lastQueueInput(send)).toEqual({ view: 'assigned', status: 'accepted', limit: 20 });
    expect(page.instance.data.overdueOnly).toBe(false);
  });

  it('hides category and grid filters from grid workers', async () => {
    const { page, send } = await open();
    await page.tap('#filter-toggle');
    expect(page.exists('#filter-status')).toBe(true);
    expect(page.exists('#filter-category')).toBe(false);
    expect(page.exists('#filter-grid')).toBe(false);
    expect(sent(send, 'concern.categories')).toHaveLength(0);
  });

  it('lets an admin filter by one of category or grid at a time', async () => {
    const { page, send } = await open(adminReplies);
    await page.tap('#filter-toggle');
    await page.change('#filter-category', '1');
    expect(lastQueueInput(send)).toEqual({ category: 'noise', limit: 20 });
    await page.change('#filter-grid', '2');
    expect(lastQueueInput(send)).toEqual({ gridId: 'g2', limit: 20 });
    expect(page.text('#filter-category')).toContain('全部分类');
    expect(page.text('#filter-grid')).toContain('二网格');
    expect(page.text('#filter-note')).toContain('“分类”');
  });

  it('keeps a status alongside a grid: that pair is allowed', async () => {
    const { page, send } = await open(adminReplies);
    await page.tap('#filter-toggle');
    await page.change('#filter-status', '2');
    await page.change('#filter-grid', '1');
    expect(lastQueueInput(send)).toEqual({ status: 'dispatched', gridId: 'g1', limit: 20 });
    expect(page.exists('#filter-note')).toBe(false);
  });

  it('opens the statistics from the workbench when allowed', async () => {
    const { page } = await open(adminReplies);
    await page.tap('#entry-stats');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/stats/index' });
  });
});

describe('a worker going away', () => {
  const withAway = meReply(['concern.queue', 'staff.setAway'], { roles: ['gridWorker'] });

  it('sends staff.setAway and shows the state the server answers', async () => {
    const { page, send } = await open({ 'member.me': withAway, 'staff.setAway': (d) => ok({ memberId: 'm1', away: d.away }) });
    await page.change('#away', true);
    expect(sent(send, 'staff.setAway')[0].data).toEqual({ away: true });
    expect(page.instance.data.away).toBe(true);
    expect(page.text('#away-note')).toContain('转给B角');
  });

  it('returns the switch when the server refuses', async () => {
    const { page } = await open({ 'member.me': withAway, 'staff.setAway': fail('FORBIDDEN') });
    await page.change('#away', true);
    expect(page.instance.data.away).toBe(false);
    expect(page.text('#away-note')).toBe('您没有权限进行此操作');
  });

  it('offers no switch and no statistics without those actions', async () => {
    const { page } = await open();
    expect(page.exists('#away')).toBe(false);
    expect(page.exists('#entry-stats')).toBe(false);
  });
});

describe('staff who serve at a community service', () => {
  it('find 今日服务 on the workbench when booking.listForSlot is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'booking.listForSlot'], { roles: ['gridWorker'] }) });
    expect(page.text('#entry-service-day')).toBe('今日服务');
    await page.tap('#entry-service-day');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/service-day/index' });
  });

  it('do not see it otherwise', async () => {
    const { page } = await open();
    expect(page.exists('#entry-service-day')).toBe(false);
  });
});

describe('admins who moderate content', () => {
  it('find 内容审核 on the workbench when moderation.queue is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'moderation.queue', 'moderation.decide'], { roles: ['admin'] }) });
    expect(page.text('#entry-moderation')).toBe('内容审核');
    await page.tap('#entry-moderation');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/moderation/index' });
  });

  it('see no entry otherwise', async () => {
    const { page } = await open();
    expect(page.exists('#entry-moderation')).toBe(false);
  });

  it('a moderator with nothing else still gets the workbench, not “no access”', async () => {
    const { page } = await open({ 'member.me': meReply(['moderation.queue'], { roles: ['admin'] }) });
    expect(page.exists('#no-access')).toBe(false);
    expect(page.exists('#entry-moderation')).toBe(true);
  });
});

describe('staff who run community services', () => {
  it('find 服务统计 on the workbench when booking.stats is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'booking.stats'], { roles: ['gridWorker'] }) });
    expect(page.text('#entry-service-stats')).toBe('服务统计');
    await page.tap('#entry-service-stats');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/service-stats/index' });
  });

  it('do not see it without that action', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'booking.listForSlot', 'concern.stats'], { roles: ['gridWorker'] }) });
    expect(page.exists('#entry-service-stats')).toBe(false);
  });
});

describe('admins who set up the community', () => {
  it('find 社区管理 on the workbench when community.upsertGrid is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'community.upsertGrid'], { roles: ['admin'] }) });
    expect(page.text('#entry-community')).toBe('社区管理');
    await page.tap('#entry-community');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/community/index' });
  });

  it('do not see it without that action', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'concern.upsertCategory', 'member.setRoles'], { roles: ['gridWorker'] }) });
    expect(page.exists('#entry-community')).toBe(false);
  });
});

describe('staff who run polls', () => {
  it('find 投票表决 on the workbench when poll.create is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'poll.create', 'roll.list'], { roles: ['gridWorker'] }) });
    expect(page.text('#entry-polls')).toBe('投票表决');
  });

  it('do not see it without poll or roll actions', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'staff.setAway'], { roles: ['gridWorker'] }) });
    expect(page.exists('#tools')).toBe(true);
    expect(page.exists('#entry-polls')).toBe(false);
  });
});

describe('staff who run meetings', () => {
  it('find 民主议事 on the workbench when meeting.attendance is allowed', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'staff.setAway', 'meeting.attendance'], { roles: ['gridWorker'] }) });
    expect(page.text('#entry-council')).toBe('民主议事（议题、会议、决议）');
  });

  it('do not see it without', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'staff.setAway'], { roles: ['gridWorker'] }) });
    expect(page.exists('#entry-council')).toBe(false);
  });
});

describe('居务公开 on the workbench', () => {
  it('shows how many disclosures are due this month and how many are late, ', async () => {
    const { page, send } = await open({
      'member.me': meReply(['concern.queue', 'disclosure.calendar'], { roles: ['admin'] }),
      'disclosure.calendar': ok(calendar()),
    });
    expect(sent(send, 'disclosure.calendar')[0].data).toEqual({});
    expect(page.text('#disclosure-count')).toBe('3');
    expect(page.text('#disclosure-text')).toBe('3项待公开，2项已逾期');
    expect(page.text('#entry-disclosure')).toContain('居务公开');
  });

  it('carries no number when nothing is waiting, and is absent without the calendar', async () => {
    const { page } = await open({
      'member.me': meReply(['concern.queue', 'disclosure.calendar'], { roles: ['admin'] }),
      'disclosure.calendar': ok(calendar({ dues: calendar().dues.filter((d) => d.state === 'met') })),
    });
    expect(page.text('#entry-disclosure')).toBe('居务公开');
    expect(page.exists('#disclosure-count')).toBe(false);
    const other = await open();
    expect(other.page.exists('#entry-disclosure')).toBe(false);
  });
});

describe('定期评事 on the workbench', () => {
  it('links staff who may read the reports to the months', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'report.list'], { roles: ['gridWorker'] }) });
    expect(page.text('#entry-reports')).toBe('定期评事（月度报告）');
    const other = await open();
    expect(other.page.exists('#entry-reports')).toBe(false);
  });
});

describe('the workbench offers the lists the caller’s role and scope allow', () => {
  const tabs = (page: Awaited<ReturnType<typeof open>>['page']) => page.text('#views');

  it('gives a grid worker 我的待办, 我首接的 and 本网格, and no 督办', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.queue', 'concern.get'], { roles: ['gridWorker'], gridIds: ['g1'] }) });
    expect(tabs(page)).toContain('我的待办');
    expect(tabs(page)).toContain('我首接的');
    expect(tabs(page)).toContain('本网格');
    expect(page.exists('#view-supervise')).toBe(false);
    expect(sent(send, 'concern.queue')[0].data).toMatchObject({ view: 'assigned' });

    await page.tap('#view-signed');
    expect(sent(send, 'concern.queue').at(-1)?.data).toMatchObject({ view: 'signed' });
    expect(page.text('#view-hint')).toContain('转交后仍由您负责跟进');
    await page.tap('#view-grid');
    expect(sent(send, 'concern.queue').at(-1)?.data).toMatchObject({ view: 'grid' });
    expect(page.text('#view-hint')).toContain('查看和添加内部备注');
  });

  it('lands a grid leader on 督办 when something is in it', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.queue', 'concern.get'], { roles: ['gridWorker'], gridIds: ['g1'], ledGridIds: ['g1'] }) });
    expect(sent(send, 'concern.queue')).toHaveLength(1);
    expect(sent(send, 'concern.queue')[0].data).toMatchObject({ view: 'supervise' });
    expect(page.exists('#view-supervise.wb-view-on')).toBe(true);
    expect(page.count('.queue-row')).toBe(2);
    await page.tap('#filter-toggle');
    // No status picker on the supervision list: the server refuses that combination.
    expect(page.exists('#filter-status')).toBe(false);
    expect(page.exists('#filter-overdue')).toBe(true);
  });

  it('lands a leader with nothing to supervise on his own queue', async () => {
    const { page, send } = await open({
      'member.me': meReply(['concern.queue', 'concern.get'], { roles: ['gridWorker'], gridIds: ['g1'], ledGridIds: ['g1'] }),
      'concern.queue': (data) => (data.view === 'supervise' ? ok({ items: [] }) : ok({ items: [queued(7)] })),
    });
    expect(sent(send, 'concern.queue').map((e) => (e.data as { view?: string }).view)).toEqual(['supervise', 'assigned']);
    expect(page.exists('#view-assigned.wb-view-on')).toBe(true);
    expect(page.text('#queue')).toContain('SS-7');
  });

  it('gives an admin the whole community, 我首接的 and 督办', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.queue', 'concern.upsertCategory'], { roles: ['admin'] }) });
    expect(tabs(page)).toContain('全部诉求');
    expect(page.exists('#view-grid')).toBe(false);
    expect(page.exists('#view-supervise')).toBe(true);
    expect(sent(send, 'concern.queue')[0].data).not.toHaveProperty('view');
    await page.tap('#view-supervise');
    expect(sent(send, 'concern.queue').at(-1)?.data).toMatchObject({ view: 'supervise' });
    await page.tap('#filter-toggle');
    expect(page.exists('#filter-category')).toBe(false);
  });

  it('says what an empty list means', async () => {
    const { page } = await open({
      'member.me': meReply(['concern.queue'], { roles: ['gridWorker'], gridIds: ['g1'] }),
      'concern.queue': ok({ items: [] }),
    });
    await page.tap('#view-signed');
    expect(page.text('#queue-empty')).toBe('暂无您首接的诉求');
  });
});

describe('走访 (visit log) on the workbench', () => {
  it('is offered to staff who may log visits, and absent for those who may not', async () => {
    const { page } = await open({ 'member.me': meReply(['concern.queue', 'visit.log', 'visit.coverage'], { roles: ['gridWorker'], gridIds: ['g1'] }) });
    expect(page.text('#entry-visits')).toBe('走访（党员问事）与覆盖');
    const other = await open();
    expect(other.page.exists('#entry-visits')).toBe(false);
  });
});
