import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { fakeBackend, fail, flush, loadPage, mediaUrlsReply, ok, render, sent, urlOf, wxMock } from '../../../harness';
import { setUploader } from '../../../../../miniprogram/services/upload';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { Replies } from '../../../harness';

const pageId = loadPage('staff/concern/index');

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const HOUR = 3600_000;
// Opened at 21:05 Beijing on the day it was raised.
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(T0 + HOUR + 5 * 60_000);
});
afterEach(() => clock.mockRestore());

const HANDLING: ActionName[] = [
  'concern.get',
  'concern.reply',
  'concern.note',
  'concern.requestInfo',
  'concern.transfer',
  'concern.whistle',
  'concern.merge',
  'concern.resolve',
];

const concern: ConcernView = {
  id: 'c-42',
  number: '20260501-0042',
  category: 'noise',
  categoryName: '噪音扰民',
  excerpt: '楼上每天夜里施工',
  text: '楼上每天夜里施工，已经持续一周',
  status: 'accepted',
  statusLabel: '办理中',
  buildingId: 'b3',
  buildingName: '3号楼',
  gridId: 'g1',
  hideName: true,
  authorName: '王阿姨',
  createdAt: T0,
  photos: [],
  assignee: { memberId: 'w1', name: '张网格' },
  firstResponder: { memberId: 'w1', name: '张网格' },
  contactDueAt: T0 + 24 * HOUR,
  resolveDueAt: T0 + 72 * HOUR,
  overdue: false,
  escalationLevel: 0,
  replyTemplates: ['您好，已联系施工方，今晚起22点后停工。', '您好，我们会在24小时内上门查看。'],
  timeline: [
    { type: 'concern.submitted', label: '已受理', at: T0 },
    { type: 'concern.accepted', label: '已签收', at: T0 + HOUR, actorName: '张网格' },
    { type: 'concern.noted', label: '内部备注', at: T0 + 2 * HOUR, actorName: '张网格', note: '住户情绪激动，注意沟通', internal: true },
  ],
  allowedActions: HANDLING,
};

const view = (extra: Partial<ConcernView> = {}): ConcernView => ({ ...concern, ...extra });

const grids = ok({
  items: [
    { id: 'g1', name: '一网格', workerA: { memberId: 'w1', name: '张网格' }, workerB: { memberId: 'r9', name: '李楼长' } },
    { id: 'g2', name: '二网格', workerA: { memberId: 'w2', name: '赵网格' } },
  ],
});

async function open(replies: Replies = {}, c: ConcernView = concern) {
  const send = fakeBackend({ 'concern.get': ok(c), 'community.grids': grids, 'media.urls': mediaUrlsReply(), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ id: 'c-42' });
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());
afterEach(() => setUploader(undefined));

describe('a grid worker opens a concern', () => {
  it('sees the author, first responder, deadlines and internal notes marked as internal', async () => {
    const { page } = await open();
    expect(page.text('#author')).toBe('王阿姨（对邻居匿名）');
    expect(page.text('#first-responder')).toBe('张网格');
    expect(page.text('#resolve-due')).toBe('5月4日 20:00 前');
    expect(page.count('#timeline >>> .timeline-row')).toBe(3);
    expect(page.count('#timeline >>> .internal-row')).toBe(1);
    expect(page.text('#timeline >>> .internal-row')).toContain('住户情绪激动');
    // Staff quote the 受理编号; the internal id is never shown.
    expect(page.text()).not.toContain('c-42');
  });

  it('sees overdue and escalation badges', async () => {
    const { page } = await open({}, view({ overdue: true, escalationLevel: 2 }));
    expect(page.text('#overdue')).toBe('超期');
    expect(page.text('#escalation')).toBe('社区督办');
  });

  it('sees the open coordination with a department', async () => {
    const { page } = await open({}, view({ status: 'coordinating', whistle: { department: '街道城管科', since: T0, dueAt: T0 + 72 * HOUR } }));
    expect(page.text('#whistle')).toContain('街道城管科');
    expect(page.text('#whistle')).toContain('5月4日 20:00');
  });
});

describe('only the actions the server allows are offered', () => {
  it('shows only 签收 and 转交 for a concern waiting to be signed', async () => {
    const { page } = await open({}, view({ status: 'dispatched', allowedActions: ['concern.get', 'concern.accept', 'concern.transfer'] }));
    expect(page.count('.action-btn')).toBe(2);
    expect(page.text('#action-accept')).toBe('签收');
    expect(page.text('#action-transfer')).toBe('转交');
    expect(page.exists('#action-resolve')).toBe(false);
  });

  it('shows the handling actions while in progress', async () => {
    const { page } = await open();
    expect(page.count('.action-btn')).toBe(7);
    expect(page.exists('#action-accept')).toBe(false);
    expect(page.exists('#action-reportBack')).toBe(false);
    expect(page.exists('#action-resolve')).toBe(true);
  });

  it('shows no action buttons when the server allows none', async () => {
    const { page } = await open({}, view({ status: 'closed', allowedActions: ['concern.get'] }));
    expect(page.exists('#actions')).toBe(false);
  });

  it('signs at once and re-renders from the answer', async () => {
    const accepted = view({ allowedActions: HANDLING });
    const { page, send } = await open(
      { 'concern.accept': ok(accepted) },
      view({ status: 'dispatched', statusLabel: '待签收', allowedActions: ['concern.get', 'concern.accept'] }),
    );
    await page.tap('#action-accept');
    expect(sent(send, 'concern.accept')[0].data).toEqual({ concernId: 'c-42' });
    expect(page.text('#status')).toBe('办理中');
    expect(page.exists('#action-accept')).toBe(false);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已签收' }));
  });
});

describe('replying to the resident', () => {
  it('fills the text from a chosen template and sends it', async () => {
    const replied = view({ timeline: [...concern.timeline, { type: 'concern.replied', label: '答复', at: T0 + 3 * HOUR, note: '您好，我们会在24小时内上门查看。' }] });
    const { page, send } = await open({ 'concern.reply': ok(replied) });
    await page.tap('#action-reply');
    await page.change('#reply-template', '1');
    expect(page.instance.data.fields).toMatchObject({ text: '您好，我们会在24小时内上门查看。' });

    await page.tap('#form-submit');
    expect(sent(send, 'concern.reply')[0].data).toEqual({ concernId: 'c-42', text: '您好，我们会在24小时内上门查看。' });
    expect(page.exists('#form')).toBe(false);
    expect(page.count('#timeline >>> .timeline-row')).toBe(4);
  });

  it('requires some text before sending', async () => {
    const { page, send } = await open();
    await page.tap('#action-reply');
    await page.tap('#form-submit');
    expect(page.text('#text-error')).toBe('请填写答复内容');
    expect(sent(send, 'concern.reply')).toHaveLength(0);
    // Next to 提交, one line says how much is left to fix; it goes once the text is there.
    expect(page.text('#form-count >>> .form-count')).toBe('还有1项需要填写');
    await page.input('#reply-text', '明天上午上门');
    expect(page.exists('#form-count >>> .form-count')).toBe(false);
  });
});

describe('the concern is gone or not this worker’s', () => {
  it('offers the way back to the workbench, not 重试', async () => {
    const { page } = await open({ 'concern.get': fail('NOT_FOUND') });
    expect(page.exists('#retry')).toBe(false);
    await page.tap('#back-queue');
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/staff/workbench/index' });
  });

  it('keeps 重试 when the server could not answer', async () => {
    const { page } = await open({ 'concern.get': fail('INTERNAL') });
    expect(page.exists('#retry')).toBe(true);
    expect(page.exists('#back-queue')).toBe(false);
  });
});

describe('transferring a concern', () => {
  it('sends the chosen grid as toGridId with the reason', async () => {
    const { page, send } = await open({ 'concern.transfer': ok(view({ gridId: 'g2', allowedActions: ['concern.get'] })) });
    await page.tap('#action-transfer');
    await page.change('#transfer-grid', '1');
    expect(page.text('#transfer-grid')).toContain('二网格');
    await page.input('#transfer-reason', '该楼栋属于二网格');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.transfer')[0].data).toEqual({ concernId: 'c-42', toGridId: 'g2', reason: '该楼栋属于二网格' });
    expect(page.exists('#actions')).toBe(false);
  });

  it('offers the grids’ A and B workers as people, each once', async () => {
    const { page, send } = await open({ 'concern.transfer': ok(view()) });
    await page.tap('#action-transfer');
    await page.tap('#transfer-mode-member');
    expect(page.instance.data.personNames).toEqual(['张网格（一网格A角）', '李楼长（一网格B角）', '赵网格（二网格A角）']);
    await page.change('#transfer-member', '2');
    await page.input('#transfer-reason', '赵网格熟悉施工方');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.transfer')[0].data).toEqual({ concernId: 'c-42', toMemberId: 'w2', reason: '赵网格熟悉施工方' });
  });

  it('asks for a target when none was picked, without sending', async () => {
    const { page, send } = await open();
    await page.tap('#action-transfer');
    await page.input('#transfer-reason', '不归本网格');
    await page.tap('#form-submit');
    expect(page.text('#form-error')).toBe('请选择转交的网格或工作人员（二选一）');
    expect(sent(send, 'concern.transfer')).toHaveLength(0);
  });
});

const directory = ok({
  truncated: false,
  items: [
    { id: 'dp-1', name: '幸福里物业', kind: 'property' as const, kindLabel: '物业公司', phone: '010-12345678', active: true, shared: false, hasContact: true, allowedActions: [] },
    { id: 'dp-2', name: '和平街道城管科', kind: 'cityManagement' as const, kindLabel: '城管', active: true, shared: true, ownerName: '光明社区', hasContact: false, allowedActions: [] },
  ],
});

describe('whistling for a department', () => {
  it('picks the department from the directory by name and sends its entry, the note, the days and the phone choice', async () => {
    const { page, send } = await open({ 'concern.whistle': ok(view({ status: 'coordinating' })), 'department.list': directory });
    await page.tap('#action-whistle');
    expect(sent(send, 'department.list')[0].data).toEqual({ activeOnly: true });
    expect(page.instance.data.departmentNames).toEqual(['幸福里物业（物业公司）', '和平街道城管科（城管·街道共享） 未设联系人']);
    await page.change('#whistle-department', '1');
    await page.input('#whistle-note', '夜间施工需执法');
    await page.change('#whistle-days', '4');
    await page.trigger('#whistle-share-phone', 'change', { value: true });
    await page.tap('#form-submit');
    expect(sent(send, 'concern.whistle')[0].data).toEqual({ concernId: 'c-42', departmentId: 'dp-2', note: '夜间施工需执法', replyDays: 7, sharePhone: true });
  });

  it('keeps the resident’s phone back unless asked, and shows the unit’s phone', async () => {
    const { page, send } = await open({ 'concern.whistle': ok(view({ status: 'coordinating' })), 'department.list': directory });
    await page.tap('#action-whistle');
    await page.change('#whistle-department', '0');
    expect(page.text('#department-phone')).toBe('对外电话 010-12345678');
    await page.input('#whistle-note', '楼道堆物');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.whistle')[0].data).toMatchObject({ departmentId: 'dp-1', sharePhone: false });
  });

  it('asks for a department before sending when none is picked', async () => {
    const { page, send } = await open({ 'department.list': directory });
    await page.tap('#action-whistle');
    await page.input('#whistle-note', '夜间施工需执法');
    await page.tap('#form-submit');
    expect(page.text('#department-error')).toBe('请选择要协同的部门');
    expect(sent(send, 'concern.whistle')).toHaveLength(0);
  });

  it('says so when the directory is empty', async () => {
    const { page } = await open({ 'department.list': ok({ items: [], truncated: false }) });
    await page.tap('#action-whistle');
    expect(page.text('#departments-empty')).toContain('部门名录还是空的');
  });
});

describe('merging a duplicate', () => {
  it('sends the original’s id and the reason', async () => {
    const { page, send } = await open({ 'concern.merge': ok(view({ status: 'merged', mergedInto: { id: 'c-7', number: '20260430-0007' }, allowedActions: ['concern.get'] })) });
    await page.tap('#action-merge');
    await page.input('#merge-into', ' 20260430-0007 ');
    await page.input('#merge-reason', '同一处施工');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.merge')[0].data).toEqual({ concernId: 'c-42', intoNumber: '20260430-0007', reason: '同一处施工' });
    expect(page.text('#merged')).toContain('20260430-0007');
  });

  it('refuses a badly written number before sending', async () => {
    const { page, send } = await open();
    await page.tap('#action-merge');
    await page.input('#merge-into', '2026-7');
    await page.input('#merge-reason', '重复');
    await page.tap('#form-submit');
    expect(page.text('#into-error')).toBe('受理编号格式应为 20261128-0007');
    expect(sent(send, 'concern.merge')).toHaveLength(0);
  });

  it('shows the server’s word next to the number when no such concern exists', async () => {
    const { page } = await open({ 'concern.merge': fail('NOT_FOUND', '没有受理编号为 20990101-0001 的诉求', { issues: [{ path: 'intoNumber', message: '没有受理编号为 20990101-0001 的诉求' }] }) });
    await page.tap('#action-merge');
    await page.input('#merge-into', '20990101-0001');
    await page.input('#merge-reason', '重复');
    await page.tap('#form-submit');
    expect(page.text('#into-error')).toBe('没有受理编号为 20990101-0001 的诉求');
  });
});

describe('resolving a concern', () => {
  it('sends the summary and the after-photos', async () => {
    wxMock.chooseMedia.mockImplementationOnce((opts: { success: (r: unknown) => void }) =>
      opts.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/after.jpg' }] }),
    );
    setUploader(async () => 'cloud://env-1.b/concern/202605/after.jpg');
    const { page, send } = await open({ 'concern.resolve': ok(view({ status: 'resolved', statusLabel: '待评价', allowedActions: ['concern.get'] })) });
    await page.tap('#action-resolve');
    await page.input('#resolve-summary', '已协调施工队，22点后停工');
    await page.tap('#form-photos >>> #add-photo');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.resolve')[0].data).toEqual({
      concernId: 'c-42',
      summary: '已协调施工队，22点后停工',
      photos: ['cloud://env-1.b/concern/202605/after.jpg'],
    });
    expect(page.text('#status')).toBe('待评价');
  });

  it('shows the server’s VALIDATION_ERROR issues next to the fields', async () => {
    const { page } = await open({
      'concern.resolve': fail('VALIDATION_ERROR', '处理结果过于简单', {
        issues: [
          { path: 'summary', message: '请写明处理经过和结果' },
          { path: 'photos.0', message: '图片格式不正确' },
        ],
      }),
    });
    await page.tap('#action-resolve');
    await page.input('#resolve-summary', '好了');
    await page.tap('#form-submit');
    expect(page.text('#summary-error')).toBe('请写明处理经过和结果');
    expect(page.text('#photos-error')).toBe('图片格式不正确');
    expect(page.exists('#form-error')).toBe(false);
    expect(page.exists('#form')).toBe(true);
  });

  it('shows a refusal that is not about a field above the buttons', async () => {
    const { page } = await open({ 'concern.resolve': fail('CONFLICT', '该诉求已被他人办结，请刷新') });
    await page.tap('#action-resolve');
    await page.input('#resolve-summary', '已处理完毕');
    await page.tap('#form-submit');
    expect(page.text('#form-error')).toBe('该诉求已被他人办结，请刷新');
  });
});

describe('asking the resident and noting internally', () => {
  it('sends the question as concern.requestInfo', async () => {
    const { page, send } = await open({ 'concern.requestInfo': ok(view({ status: 'waitingResident' })) });
    await page.tap('#action-requestInfo');
    await page.input('#question', '是几楼在施工？');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.requestInfo')[0].data).toEqual({ concernId: 'c-42', question: '是几楼在施工？' });
  });

  it('sends an internal note as concern.note', async () => {
    const { page, send } = await open({ 'concern.note': ok(view()) });
    await page.tap('#action-note');
    await page.input('#note-text', '已电话联系物业');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.note')[0].data).toEqual({ concernId: 'c-42', text: '已电话联系物业' });
  });
});

describe('calling the resident back', () => {
  it('shows the author’s phone as a tap-to-call', async () => {
    const { page } = await open({}, view({ authorPhone: '13800138000' }));
    expect(page.text('#author-phone')).toBe('13800138000');
    await page.tap('#author-phone');
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800138000' });
  });

  it('shows no phone row when the resident gave none', async () => {
    const { page } = await open();
    expect(page.exists('#author-phone')).toBe(false);
  });
});

describe('photos on the staff page', () => {
  it('come through media.urls; those the server leaves out are not shown', async () => {
    const passed = 'cloud://env-1.b/uploads/m-res/1-a.jpg';
    const checking = 'cloud://env-1.b/uploads/m-res/2-b.jpg';
    const { page, send } = await open({ 'media.urls': mediaUrlsReply([checking]) }, view({ photos: [passed, checking] }));
    expect((sent(send, 'media.urls')[0].data as { fileIds: string[] }).fileIds).toEqual([passed, checking]);
    expect(page.count('#photos >>> .photo')).toBe(1);
    expect(page.exists('#photos >>> .photo-pending')).toBe(false);
    await page.tap('#photos >>> .photo');
    expect(wxMock.previewImage).toHaveBeenCalledWith({ current: urlOf(passed), urls: [urlOf(passed)] });
  });
});

describe('content under review', () => {
  it('shows a 内容审核中 banner', async () => {
    const { page } = await open({}, view({ underReview: true, text: '（内容审核中，审核通过后显示）' }));
    expect(page.text('#under-review')).toContain('内容审核中');
  });
});

describe('reporting the text', () => {
  it('is always offered on the staff page and sends moderation.report with the reason', async () => {
    const { page, send } = await open({ 'moderation.report': ok({ reported: true, hidden: false }) });
    await page.tap('#report >>> #open-report');
    await page.input('#report >>> #report-reason', '含有他人住址和电话');
    await page.tap('#report >>> #report-submit');
    expect(sent(send, 'moderation.report')[0].data).toEqual({ subjectType: 'concernText', subjectId: 'c-42', reason: '含有他人住址和电话' });
    expect(page.exists('#report >>> #report-panel')).toBe(false);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已举报' }));
  });

  it('needs a reason of at least two characters', async () => {
    const { page, send } = await open();
    await page.tap('#report >>> #open-report');
    await page.input('#report >>> #report-reason', '差');
    await page.tap('#report >>> #report-submit');
    expect(page.text('#report >>> #report-error')).toBe('举报理由至少需要2个字');
    expect(sent(send, 'moderation.report')).toHaveLength(0);
  });
});

describe('who handles it is said plainly', () => {
  it('names the current handler and the first responder', async () => {
    const { page } = await open({}, view({ assignee: { memberId: 'w2', name: '赵网格' } }));
    expect(page.text('#handler-line')).toContain('现由 赵网格 办理；首接负责人 张网格');
    expect(page.text('#assignee')).toBe('赵网格');
    expect(page.exists('#role-note')).toBe(false);
  });

  it('says the community pool is the admins’', async () => {
    const { page } = await open({}, view({ status: 'dispatched', assignee: undefined, firstResponder: undefined, allowedActions: ['concern.get', 'concern.note'] }));
    expect(page.text('#handler-line')).toContain('社区统一受理中，由社区管理员办理；尚未签收');
  });

  it('gives a grid colleague no handling buttons, only the internal note, and says why', async () => {
    const { page } = await open({}, view({ assignee: { memberId: 'w2', name: '赵网格' }, allowedActions: ['concern.get', 'concern.note', 'moderation.report'] }));
    expect(page.count('.action-btn')).toBe(1);
    expect(page.text('#action-note')).toBe('内部备注');
    for (const kind of ['reply', 'resolve', 'whistle', 'transfer', 'requestInfo', 'merge', 'urge']) expect(page.exists(`#action-${kind}`)).toBe(false);
    expect(page.text('#role-note')).toBe('您可以查看和添加内部备注，办理由当前办理人负责。');
  });
});

describe('a grid leader chasing the handler (催办)', () => {
  const LEADER: ActionName[] = ['concern.get', 'concern.note', 'concern.transfer', 'concern.urge', 'moderation.report'];
  const leaderView = view({ overdue: true, escalationLevel: 1, allowedActions: LEADER });

  it('is offered 催办 and 转交 but no handling step', async () => {
    const { page } = await open({}, leaderView);
    expect(page.text('#action-urge')).toBe('催办');
    expect(page.exists('#action-transfer')).toBe(true);
    expect(page.exists('#action-resolve')).toBe(false);
    expect(page.exists('#action-reply')).toBe(false);
    expect(page.text('#role-note')).toContain('您负责督办');
  });

  it('needs words before anything is sent', async () => {
    const { page, send } = await open({}, leaderView);
    await page.tap('#action-urge');
    expect(page.text('#form-title')).toContain('催办');
    await page.tap('#form-submit');
    expect(page.text('#urge-note-error')).toBe('请填写催办内容');
    expect(sent(send, 'concern.urge')).toHaveLength(0);
  });

  it('sends the note, shows the count and takes the button away until the server offers it again', async () => {
    const answered = view({ overdue: true, urges: 1, lastUrgedAt: T0 + 3 * HOUR, allowedActions: ['concern.get', 'concern.note', 'concern.transfer', 'moderation.report'] });
    const { page, send } = await open({ 'concern.urge': ok(answered) }, leaderView);
    await page.tap('#action-urge');
    await page.input('#urge-note', '老人行动不便，请今天内联系处理');
    await page.tap('#form-submit');
    expect(sent(send, 'concern.urge')[0].data).toEqual({ concernId: 'c-42', note: '老人行动不便，请今天内联系处理' });
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已催办' }));
    expect(page.exists('#form')).toBe(false);
    expect(page.exists('#action-urge')).toBe(false);
    expect(page.text('#urge-count')).toBe('已催办 1 次，最近一次 今天 23:00');
  });

  it('shows the refusal when it was urged a moment ago', async () => {
    const { page } = await open({ 'concern.urge': fail('CONFLICT', '4小时内已催办过，请稍后再催') }, leaderView);
    await page.tap('#action-urge');
    await page.input('#urge-note', '请尽快');
    await page.tap('#form-submit');
    expect(page.text('#form-error')).toBe('4小时内已催办过，请稍后再催');
  });
});
