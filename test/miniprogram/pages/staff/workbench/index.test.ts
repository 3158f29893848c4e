import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/workbench/index');

const worker = meReply(['concern.queue', 'concern.get', 'member.listRequests', 'member.reviewRequest'], {
  roles: ['gridWorker'],
});

function queued(n: number, overdue = false) {
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
    gridId: 'g1',
  };
}

function request(id: string, name: string) {
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

async function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'me.get': worker,
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
  it('lists queued concerns with an overdue mark', async () => {
    const { page } = await open();
    expect(page.count('.queue-row')).toBe(2);
    expect(page.text('#queue')).toContain('楼上装修第1天');
    expect(page.text('#queue')).toContain('已超时');
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
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c1' });
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
    const { page, send } = await open({ 'me.get': meReply(['concern.submit']) });
    expect(page.text('#no-access')).toContain('没有工作台权限');
    expect(sent(send, 'concern.queue')).toHaveLength(0);
    expect(sent(send, 'member.listRequests')).toHaveLength(0);
  });
});

describe('a staff member allowed only binding review', () => {
  it('goes straight to the requests without segments', async () => {
    const { page } = await open({ 'me.get': meReply(['member.listRequests', 'member.reviewRequest']) });
    expect(page.exists('#tab-queue')).toBe(false);
    expect(page.count('.request-row')).toBe(2);
  });
});
