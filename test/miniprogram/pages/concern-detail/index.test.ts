import { fakeBackend, fail, flush, loadPage, mediaUrlsReply, meReply, ok, render, sent, urlOf, wxMock } from '../../harness';
import { setUploader, UploadError } from '../../../../miniprogram/services/upload';
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';
import type { Replies } from '../../harness';

const pageId = loadPage('pages/concern-detail/index');

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const HOUR = 3600_000;
// Opened at 21:05 Beijing on the day it was raised: dates read 今天 / 明天 / 5月4日, never ISO.
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(T0 + HOUR + 5 * 60_000);
});
afterEach(() => clock.mockRestore());

const concern: ConcernView = {
  id: 'c-42',
  number: 'SS-0042',
  category: 'noise',
  categoryName: '噪音扰民',
  excerpt: '楼上每天夜里施工',
  text: '楼上每天夜里施工，\n已经持续一周',
  status: 'accepted',
  statusLabel: '办理中',
  buildingId: 'b3',
  buildingName: '3号楼',
  gridId: 'g1',
  hideName: true,
  createdAt: T0,
  photos: [],
  assignee: { memberId: 'w1', name: '张网格' },
  contactDueAt: T0 + 24 * HOUR,
  resolveDueAt: T0 + 72 * HOUR,
  overdue: false,
  escalationLevel: 0,
  timeline: [
    { type: 'concern.submitted', label: '已受理', at: T0 },
    { type: 'concern.accepted', label: '已签收', at: T0 + HOUR + 5 * 60_000, actorName: '张网格', note: '今晚上门了解' },
  ],
  allowedActions: ['concern.get', 'concern.supplement', 'concern.withdraw'],
};

const view = (extra: Partial<ConcernView> = {}): ConcernView => ({ ...concern, ...extra });

const resolved = view({
  status: 'resolved',
  statusLabel: '待评价',
  resolution: { summary: '已协调施工队，晚上十点后停工', photos: ['cloud://env-1.b/concern/202605/after.jpg'], at: T0 + 48 * HOUR },
  rateDueAt: T0 + 9 * 24 * HOUR,
  allowedActions: ['concern.get', 'concern.rate', 'concern.reopen'],
});

async function open(replies: Replies, query: Record<string, string> = { id: 'c-42' }) {
  const send = fakeBackend({ 'media.urls': mediaUrlsReply(), 'member.me': meReply([], { memberId: 'm-res' }), ...replies });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());
afterEach(() => setUploader(undefined));

describe('a resident opens one of their concerns', () => {
  it('shows number, status, category, text, building, assignee and the timeline', async () => {
    const { page, send } = await open({ 'concern.get': ok(concern) });

    expect(sent(send, 'concern.get')[0].data).toEqual({ concernId: 'c-42' });
    expect(page.text('#number')).toBe('SS-0042');
    // The resident's words: 正在办理, never the desk's 办理中 or 已签收.
    expect(page.text('#status')).toBe('正在办理');
    expect(page.text('#summary')).not.toContain('办理中');
    expect(page.text('#category')).toBe('噪音扰民');
    expect(page.text('#building')).toBe('3号楼');
    expect(page.text('#assignee')).toBe('张网格');
    expect(page.text('#text')).toContain('已经持续一周');
    expect(page.text('#anonymous')).toBe('已对邻居隐藏姓名');
    expect(page.count('#timeline >>> .timeline-row')).toBe(2);
    expect(page.text('#timeline')).toContain('已签收');
    expect(page.text('#timeline')).toContain('今天 21:05');
    expect(page.text('#timeline')).toContain('今晚上门了解');
    expect(page.exists('#created')).toBe(false);
  });

  it('shows the promised contact and resolve times in Beijing time', async () => {
    const { page } = await open({ 'concern.get': ok(concern) });
    expect(page.text('#contact-due')).toBe('明天 20:00 前');
    expect(page.text('#resolve-due')).toBe('5月4日 20:00 前');
    expect(page.exists('#paused')).toBe(false);
  });

  it('says the clocks stand still while paused', async () => {
    const { page } = await open({ 'concern.get': ok(view({ pausedSince: T0 + 2 * HOUR })) });
    expect(page.text('#paused')).toBe('计时已暂停');
    expect(page.text('#summary')).toContain('自 今天 22:00');
  });

  it('confirms a fresh submission', async () => {
    const { page } = await open({ 'concern.get': ok(view({ assignee: undefined })) }, { id: 'c-42', created: '1' });
    expect(page.text('#created')).toContain('提交成功');
    expect(page.text('#assignee')).toBe('待分派');
  });

  it('shows the photos and opens a large view on tap', async () => {
    const photos = ['cloud://env-1.b/concern/202605/a.jpg', 'cloud://env-1.b/concern/202605/b.jpg'];
    const { page } = await open({ 'concern.get': ok(view({ photos })) });
    expect(page.count('#photos >>> .photo')).toBe(2);
    await page.tap('#photos >>> .photo');
    expect(wxMock.previewImage).toHaveBeenCalledWith({ current: urlOf(photos[0]), urls: photos.map(urlOf) });
  });

  it('marks staff-only timeline entries apart from public ones', async () => {
    const timeline = [...concern.timeline, { type: 'concern.noted', label: '内部备注', at: T0 + 2 * HOUR, internal: true, note: '住户情绪激动' }];
    const { page } = await open({ 'concern.get': ok(view({ timeline })) });
    expect(page.count('#timeline >>> .internal-row')).toBe(1);
    expect(page.text('#timeline >>> .internal-row')).toContain('内部');
  });
});

describe('the concern was resolved and the resident may rate it', () => {
  it('shows the resolution and the rating panel only when the server offers concern.rate', async () => {
    const { page } = await open({ 'concern.get': ok(resolved) });
    expect(page.text('#resolution-summary')).toBe('已协调施工队，晚上十点后停工');
    expect(page.count('#resolution-photos >>> .photo')).toBe(1);
    expect(page.text('#rate-panel')).toContain('问题解决了吗？');
    expect(page.exists('#rate-resolved')).toBe(true);
    expect(page.count('.ll-star')).toBe(5);
    expect(page.text('#rate-due')).toContain('5月10日 20:00');
  });

  it('shows no rating panel when concern.rate is not allowed, even when resolved', async () => {
    const { page } = await open({ 'concern.get': ok(view({ ...resolved, allowedActions: ['concern.get'] })) });
    expect(page.exists('#resolution')).toBe(true);
    expect(page.exists('#rate-panel')).toBe(false);
    expect(page.exists('#rate-submit')).toBe(false);
    expect(page.exists('#open-reopen')).toBe(false);
  });

  it('sends "resolved" and five stars, then shows the closed concern the server returns', async () => {
    const closed = view({
      ...resolved,
      status: 'closed',
      statusLabel: '已办结',
      rating: { resolved: true, satisfaction: 5, at: T0 + 50 * HOUR },
      rateDueAt: undefined,
      allowedActions: ['concern.get'],
    });
    const { page, send } = await open({ 'concern.get': ok(resolved), 'concern.rate': ok(closed) });

    await page.tap('#rate-resolved');
    await page.tap('#star-5');
    expect(page.text('#star-label')).toBe('非常满意');
    await page.tap('#rate-submit');

    expect(sent(send, 'concern.rate')).toHaveLength(1);
    expect(sent(send, 'concern.rate')[0].data).toEqual({ concernId: 'c-42', resolved: true, satisfaction: 5 });
    expect(page.text('#status')).toBe('已结束');
    // Finished: no deadline still to come is shown to the resident.
    expect(page.exists('#contact-due')).toBe(false);
    expect(page.exists('#resolve-due')).toBe(false);
    expect(page.exists('#rate-panel')).toBe(false);
    expect(page.text('#rating')).toContain('已解决');
    expect(page.text('#rating')).toContain('★★★★★');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }));
  });

  it('sends "not resolved", the stars chosen and the comment typed', async () => {
    const { page, send } = await open({ 'concern.get': ok(resolved), 'concern.rate': ok(view({ status: 'supervised', statusLabel: '督办中' })) });
    await page.tap('#rate-unresolved');
    await page.tap('#star-2');
    await page.input('#rate-comment', '晚上还是有噪音');
    await page.tap('#rate-submit');
    expect(sent(send, 'concern.rate')[0].data).toEqual({ concernId: 'c-42', resolved: false, satisfaction: 2, comment: '晚上还是有噪音' });
    expect(page.text('#status')).toBe('正在重新办理');
  });

  it('asks for both answers before sending anything', async () => {
    const { page, send } = await open({ 'concern.get': ok(resolved), 'concern.rate': ok(resolved) });
    await page.tap('#rate-submit');
    expect(page.text('#resolved-error')).toBe('请选择问题是否已解决');
    expect(page.text('#satisfaction-error')).toBe('请选择满意度');
    expect(page.text('#rate-count >>> .form-count')).toBe('还有2项需要填写');
    expect(sent(send, 'concern.rate')).toHaveLength(0);
  });

  it('shows the server’s refusal when the rating window has passed', async () => {
    const { page } = await open({ 'concern.get': ok(resolved), 'concern.rate': fail('CLOSED', '评价期已过') });
    await page.tap('#rate-resolved');
    await page.tap('#star-4');
    await page.tap('#rate-submit');
    expect(page.text('#rate-error')).toBe('评价期已过');
  });
});

describe('the problem is still not solved', () => {
  it('requires a reason: the form says so and nothing is sent', async () => {
    const { page, send } = await open({ 'concern.get': ok(resolved) });
    await page.tap('#open-reopen');
    await page.tap('#reopen-submit');
    expect(page.text('#reason-error')).toBe('请填写未解决的情况');
    expect(sent(send, 'concern.reopen')).toHaveLength(0);
  });

  it('sends the reason and shows the supervised concern', async () => {
    const supervised = view({ status: 'supervised', statusLabel: '督办中', allowedActions: ['concern.get', 'concern.supplement', 'concern.withdraw'] });
    const { page, send } = await open({ 'concern.get': ok(resolved), 'concern.reopen': ok(supervised) });
    await page.tap('#open-reopen');
    await page.input('#reopen-reason', '修好两天又坏了');
    await page.tap('#reopen-submit');
    expect(sent(send, 'concern.reopen')[0].data).toEqual({ concernId: 'c-42', reason: '修好两天又坏了' });
    expect(page.text('#status')).toBe('正在重新办理');
    expect(page.exists('#reopen-panel')).toBe(false);
    expect(page.exists('#rate-panel')).toBe(false);
  });
});

describe('withdrawing a concern', () => {
  it('asks for confirmation, then withdraws and shows the result', async () => {
    const withdrawn = view({ status: 'withdrawn', statusLabel: '已撤回', allowedActions: ['concern.get'] });
    const { page, send } = await open({ 'concern.get': ok(concern), 'concern.withdraw': ok(withdrawn) });
    await page.tap('#withdraw');
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回诉求' }));
    expect(sent(send, 'concern.withdraw')[0].data).toEqual({ concernId: 'c-42' });
    expect(page.text('#status')).toBe('已撤回');
    expect(page.exists('#withdraw')).toBe(false);
  });

  it('sends nothing when the resident changes their mind', async () => {
    const { page, send } = await open({ 'concern.get': ok(concern) });
    wxMock.showModal.mockImplementationOnce((opts: { success?: (r: { confirm: boolean }) => void }) => opts.success?.({ confirm: false }));
    await page.tap('#withdraw');
    expect(sent(send, 'concern.withdraw')).toHaveLength(0);
    expect(page.text('#status')).toBe('正在办理');
  });

  it('is a quiet control under the progress, never a main button beside 补充', async () => {
    const { page } = await open({ 'concern.get': ok(concern) });
    const button = page.instance.data as { canWithdraw: boolean };
    expect(button.canWithdraw).toBe(true);
    // The main action stays the big button; withdrawing sits on its own row after the timeline.
    expect(page.exists('#open-supplement.ll-btn')).toBe(true);
    expect(page.exists('#withdraw.ll-btn-quiet')).toBe(true);
    expect(page.exists('#withdraw.ll-btn')).toBe(false);
    expect(page.exists('#withdraw-row #withdraw')).toBe(true);
    const order = page.text().indexOf('办理进度') < page.text().indexOf('撤回诉求');
    expect(order).toBe(true);
  });

  it('offers no withdraw button when the server does not allow it', async () => {
    const { page } = await open({ 'concern.get': ok(view({ allowedActions: ['concern.get'] })) });
    expect(page.exists('#withdraw')).toBe(false);
    expect(page.exists('#open-supplement')).toBe(false);
  });
});

describe('the grid worker asked the resident for more information', () => {
  const waiting = view({
    status: 'waitingResident',
    statusLabel: '待补充',
    pausedSince: T0 + 3 * HOUR,
    timeline: [
      ...concern.timeline,
      { type: 'concern.infoRequested', label: '请您补充情况', at: T0 + 2 * HOUR, note: '是几楼在施工？' },
      { type: 'concern.infoRequested', label: '请您补充情况', at: T0 + 3 * HOUR, note: '请拍一张施工时间的告示' },
    ],
  });

  it('shows a 待补充 banner with the latest question', async () => {
    const { page } = await open({ 'concern.get': ok(waiting) });
    expect(page.text('#waiting')).toContain('待补充');
    expect(page.text('#waiting-question')).toBe('请拍一张施工时间的告示');
  });

  it('sends the text and uploaded photos as a supplement', async () => {
    wxMock.chooseMedia.mockImplementationOnce((opts: { count: number; success: (r: unknown) => void }) => {
      expect(opts.count).toBe(9);
      opts.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/1.jpg' }, { tempFilePath: 'wxfile://tmp/2.png' }] });
    });
    const uploaded: string[] = [];
    setUploader(async (p) => {
      uploaded.push(p);
      return `cloud://env-1.b/concern/202605/${p.endsWith('png') ? 'two.png' : 'one.jpg'}`;
    });
    const { page, send } = await open({ 'concern.get': ok(waiting), 'concern.supplement': ok(view()) });
    await page.tap('#open-supplement');
    await page.input('#sup-text', '是5楼，告示已拍');
    await page.tap('#form-photos >>> #add-photo');
    expect(uploaded).toEqual(['wxfile://tmp/1.jpg', 'wxfile://tmp/2.png']);
    expect(page.count('#form-photos >>> .form-photo')).toBe(2);

    await page.tap('#form-photos >>> .photo-remove');
    expect(page.count('#form-photos >>> .form-photo')).toBe(1);
    await page.tap('#sup-submit');

    expect(sent(send, 'concern.supplement')[0].data).toEqual({
      concernId: 'c-42',
      text: '是5楼，告示已拍',
      photos: ['cloud://env-1.b/concern/202605/two.png'],
    });
    expect(page.exists('#supplement-panel')).toBe(false);
    expect(page.exists('#waiting')).toBe(false);
  });

  it('asks for text or a photo when the supplement is empty', async () => {
    const { page, send } = await open({ 'concern.get': ok(waiting) });
    await page.tap('#open-supplement');
    await page.tap('#sup-submit');
    expect(page.text('#text-error')).toBe('请填写补充内容或上传图片');
    expect(sent(send, 'concern.supplement')).toHaveLength(0);
  });

  it('says why a photo could not be uploaded', async () => {
    wxMock.chooseMedia.mockImplementationOnce((opts: { success: (r: unknown) => void }) =>
      opts.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/1.jpg' }] }),
    );
    setUploader(async () => Promise.reject(new UploadError('图片不能超过2MB，请压缩后再传')));
    const { page } = await open({ 'concern.get': ok(waiting) });
    await page.tap('#open-supplement');
    await page.tap('#form-photos >>> #add-photo');
    expect(page.text('#photos-error')).toBe('图片不能超过2MB，请压缩后再传');
    expect(page.count('#form-photos >>> .form-photo')).toBe(0);
  });
});

describe('a concern merged into another', () => {
  it('says so and links to the original', async () => {
    const merged = view({ status: 'merged', statusLabel: '已合并', mergedInto: { id: 'c-7', number: 'SS-0007' }, allowedActions: ['concern.get'] });
    const { page } = await open({ 'concern.get': ok(merged) });
    expect(page.text('#merged')).toContain('合并办理');
    await page.tap('#merged-link');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c-7' });
  });
});

describe('a staff member opens the resident page from a notification', () => {
  it('offers to handle it in the workbench', async () => {
    const { page } = await open({ 'concern.get': ok(view({ allowedActions: ['concern.get', 'concern.reply', 'concern.resolve'] })) });
    expect(page.exists('#withdraw')).toBe(false);
    await page.tap('#go-workbench');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c-42' });
  });

  it('shows no workbench button to the resident', async () => {
    const { page } = await open({ 'concern.get': ok(concern) });
    expect(page.exists('#go-workbench')).toBe(false);
  });
});

describe('the concern cannot be shown', () => {
  it('shows the server’s message and a way back, not 重试, when it does not exist', async () => {
    const { page } = await open({ 'concern.get': fail('NOT_FOUND') }, { id: 'nope' });
    expect(page.text('#error')).toContain('没有找到相关内容');
    expect(page.exists('#number')).toBe(false);
    expect(page.exists('#retry')).toBe(false);
    expect(page.text('#back-mine')).toBe('返回我的诉求');
    await page.tap('#back-mine');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/concerns/index' });
    await page.tap('#back-home');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('offers the way back for someone else’s concern too', async () => {
    const { page } = await open({ 'concern.get': fail('FORBIDDEN') });
    expect(page.exists('#retry')).toBe(false);
    expect(page.exists('#back-mine')).toBe(true);
  });

  it('keeps 重试 for a failed connection, which trying again may fix', async () => {
    const { page } = await open({ 'concern.get': fail('INTERNAL') });
    expect(page.exists('#retry')).toBe(true);
    expect(page.exists('#back-mine')).toBe(false);
  });

  it('does not call the backend without an id', async () => {
    const { page, send } = await open({}, {});
    expect(send).not.toHaveBeenCalled();
    expect(page.text('#error')).toContain('没有找到这条诉求');
  });
});

describe('photos are shown through media.urls', () => {
  const own = 'cloud://env-1.b/uploads/m-res/1717000000000-a1.jpg';
  const ownChecked = 'cloud://env-1.b/uploads/m-res/1717000000001-b2.jpg';
  const others = 'cloud://env-1.b/uploads/m-other/1717000000002-c3.jpg';

  it('asks for the addresses of every photo in the view at once', async () => {
    const { send } = await open({ 'concern.get': ok(view({ photos: [own, others], ...{ resolution: { summary: '已处理', photos: [ownChecked], at: T0 } } })) });
    const asked = sent(send, 'media.urls');
    expect(asked).toHaveLength(1);
    expect((asked[0].data as { fileIds: string[] }).fileIds.sort()).toEqual([own, ownChecked, others].sort());
  });

  it('shows the resident’s own photo still being checked as 审核中, and leaves out someone else’s', async () => {
    const { page } = await open({
      'concern.get': ok(view({ photos: [own, others, ownChecked] })),
      'media.urls': mediaUrlsReply([own, others]),
    });
    expect(page.count('#photos >>> .photo')).toBe(1);
    expect(page.count('#photos >>> .photo-pending')).toBe(1);
    expect(page.text('#photos >>> .photo-pending')).toBe('审核中');
    expect(page.text('#photos')).not.toContain('c3');
  });
});

describe('the text waits for content review', () => {
  it('says so above the concern', async () => {
    const { page } = await open({ 'concern.get': ok(view({ underReview: true })) });
    expect(page.text('#under-review')).toContain('内容审核中');
  });

  it('shows no banner otherwise', async () => {
    const { page } = await open({ 'concern.get': ok(concern) });
    expect(page.exists('#under-review')).toBe(false);
  });
});

describe('a resident reports someone else’s words', () => {
  const followed = view({ allowedActions: ['concern.get', 'moderation.report'] });

  it('sends moderation.report with the concern and the reason', async () => {
    const { page, send } = await open({ 'concern.get': ok(followed), 'moderation.report': ok({ reported: true, hidden: false }) });
    await page.tap('#report >>> #open-report');
    await page.input('#report >>> #report-reason', '含有对邻居的辱骂');
    await page.tap('#report >>> #report-submit');
    expect(sent(send, 'moderation.report')[0].data).toEqual({ subjectType: 'concernText', subjectId: 'c-42', reason: '含有对邻居的辱骂' });
    expect(page.exists('#report >>> #report-panel')).toBe(false);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已举报，感谢反馈' }));
  });

  it('asks for a reason before sending', async () => {
    const { page, send } = await open({ 'concern.get': ok(followed) });
    await page.tap('#report >>> #open-report');
    await page.tap('#report >>> #report-submit');
    expect(page.text('#report >>> #report-error')).toContain('举报理由');
    expect(sent(send, 'moderation.report')).toHaveLength(0);
  });

  it('is not offered on the resident’s own concern', async () => {
    const { page } = await open({ 'concern.get': ok(concern) });
    expect(page.exists('#report >>> #open-report')).toBe(false);
  });
});
