import { fakeBackend, fail, flush, loadPage, mediaUrlsReply, meReply, ok, render, sent, urlOf, wxMock, type Replies, type ReplyEnvelope } from '../../harness';
import { DRAFT_KEY } from '../../../../miniprogram/pages/concern-submit/draft';
import { setUploader, UploadError } from '../../../../miniprogram/services/upload';

const pageId = loadPage('pages/concern-submit/index');

const categories = ok({
  items: [
    { id: 'env', name: '环境卫生', contactHours: 24, resolveDays: 3 },
    { id: 'noise', name: '噪音扰民', contactHours: 12, resolveDays: 5 },
  ],
});
const buildings = ok({
  items: [
    { id: 'b1', name: '1号楼', gridId: 'g1' },
    { id: 'b2', name: '2号楼', gridId: 'g1' },
  ],
});
const resident = meReply(['concern.submit', 'concern.listMine'], {
  household: { id: 'h1', buildingId: 'b2', buildingName: '2号楼', unit: '1', room: '301' },
});
const T0 = Date.UTC(2026, 4, 1, 12, 0);
// The whole view concern.submit answers with, though the form reads only its id.
const created: ReplyEnvelope<'concern.submit'> = ok({
  id: 'c-42',
  number: 'SS-0042',
  category: 'noise',
  categoryName: '噪音扰民',
  excerpt: '楼道灯坏了一个星期了',
  text: '楼道灯坏了一个星期了',
  status: 'dispatched',
  statusLabel: '待签收',
  buildingId: 'b2',
  buildingName: '2号楼',
  gridId: 'g1',
  hideName: false,
  createdAt: T0,
  photos: [],
  contactDueAt: T0 + 12 * 3600_000,
  resolveDueAt: T0 + 5 * 24 * 3600_000,
  overdue: false,
  escalationLevel: 0,
  timeline: [{ type: 'concern.submitted', label: '已受理', at: T0 }],
  allowedActions: ['concern.get'],
});

async function openForm(extra: Replies = {}) {
  const send = fakeBackend({
    'member.me': resident,
    'concern.categories': categories,
    'community.buildings': buildings,
    'concern.submit': created,
    ...extra,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

async function fillForm(page: Awaited<ReturnType<typeof openForm>>['page'], text: string) {
  await page.change('#category', '1');
  await page.input('#text', text);
}

beforeEach(() => {
  jest.clearAllMocks();
  wxMock.clearStorageSync();
});

describe('a resident submits a well-formed concern', () => {
  it('shows the promised handling time of the chosen category', async () => {
    const { page } = await openForm();
    await page.change('#category', '1');
    expect(page.text('#sla')).toContain('12小时内联系，5天内办结');
  });

  it('preselects the resident’s own building', async () => {
    const { page } = await openForm();
    expect(page.text('#building')).toContain('2号楼');
  });

  it('sends concern.submit with an idempotency key and opens the new concern', async () => {
    const { page, send } = await openForm();
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.trigger('#hide-name', 'change', { value: true });
    await page.tap('#submit');

    const [event] = sent(send, 'concern.submit');
    expect(event.data).toEqual({ category: 'noise', text: '楼道灯坏了一个星期了', buildingId: 'b2', hideName: true, photos: [] });
    expect(event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c-42&created=1' });
    expect(wxMock.getStorageSync(DRAFT_KEY)).toBe('');
  });

  it('counts the characters typed against the limit', async () => {
    const { page } = await openForm();
    await page.input('#text', '一二三四五六');
    expect(page.text('#counter')).toBe('6/1000');
  });
});

describe('the text is too short', () => {
  it('shows the field message and sends nothing', async () => {
    const { page, send } = await openForm();
    await fillForm(page, '太吵');
    await page.tap('#submit');

    expect(page.text('#text-error')).toBe('诉求内容至少需要5个字');
    expect(sent(send, 'concern.submit')).toHaveLength(0);
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });

  it('asks to choose a category when none was picked', async () => {
    const { page, send } = await openForm();
    await page.input('#text', '楼道灯坏了一个星期了');
    await page.tap('#submit');
    expect(page.text('#category-error')).toBe('请选择分类');
    expect(sent(send, 'concern.submit')).toHaveLength(0);
  });
});

describe('the server rejects a field', () => {
  it('shows the server’s message next to that field', async () => {
    const { page } = await openForm({
      'concern.submit': fail('VALIDATION_ERROR', '该楼栋不属于本社区', {
        issues: [{ path: 'buildingId', message: '该楼栋不属于本社区' }],
      }),
    });
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#submit');

    expect(page.text('#building-error')).toBe('该楼栋不属于本社区');
    expect(page.exists('#form-error')).toBe(false);
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });

  it('shows a non-field refusal above the submit button', async () => {
    const { page } = await openForm({ 'concern.submit': fail('CONTENT_REJECTED') });
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#submit');
    expect(page.text('#form-error')).toBe('内容未通过安全检测，请修改后再提交');
  });
});

describe('the network drops the submit', () => {
  it('keeps the draft and retries with the same idempotency key', async () => {
    let attempts = 0;
    const { page, send } = await openForm({
      'concern.submit': () => (++attempts === 1 ? fail('NETWORK_ERROR') : created),
    });
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#submit');

    expect(page.text('#form-error')).toContain('网络不稳定');
    expect(page.text('#form-error')).toContain('内容已保存');
    const draft = wxMock.getStorageSync(DRAFT_KEY) as unknown as { text: string; idempotencyKey: string };
    expect(draft.text).toBe('楼道灯坏了一个星期了');
    expect(wxMock.redirectTo).not.toHaveBeenCalled();

    await page.tap('#submit');
    const [first, second] = sent(send, 'concern.submit');
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(draft.idempotencyKey).toBe(first.idempotencyKey);
    expect(wxMock.redirectTo).toHaveBeenCalledTimes(1);
  });

  it('restores the saved text and key when the form is opened again', async () => {
    const first = await openForm({ 'concern.submit': fail('NETWORK_ERROR') });
    await fillForm(first.page, '楼道灯坏了一个星期了');
    await first.page.tap('#submit');
    const lostKey = sent(first.send, 'concern.submit')[0].idempotencyKey;

    const { page, send } = await openForm();
    expect(page.text('#restored')).toContain('已恢复');
    expect(page.text('#counter')).toBe('10/1000');
    expect(page.text('#category')).toContain('噪音扰民');
    await page.tap('#submit');
    expect(sent(send, 'concern.submit')[0].idempotencyKey).toBe(lostKey);
  });
});

describe('an edited retry after a lost answer, when the first version was received', () => {
  it('says the first one is on file, opens it, and sends a further try under a new key', async () => {
    let attempts = 0;
    const { page, send } = await openForm({
      'concern.submit': () => {
        attempts += 1;
        if (attempts === 1) return fail('NETWORK_ERROR');
        if (attempts === 2) return fail('CONFLICT', '您之前提交的诉求已收到（受理编号20261128-0007）', { existing: { id: 'c-first', number: '20261128-0007' } });
        return created;
      },
    });
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#submit');
    // The lost key is pinned to the draft: the edit goes out under it and the server knows it.
    await page.input('#text', '楼道灯坏了一个星期了，晚上很黑');
    await page.tap('#submit');
    expect(page.text('#form-error')).toBe('您之前提交的诉求已收到（受理编号20261128-0007）');
    expect(wxMock.redirectTo).not.toHaveBeenCalled();

    await page.tap('#open-received');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c-first' });

    await page.tap('#submit');
    const [, conflicted, third] = sent(send, 'concern.submit');
    expect(third.idempotencyKey).not.toBe(conflicted.idempotencyKey);
    expect(page.exists('#open-received')).toBe(false);
    expect(wxMock.redirectTo).toHaveBeenCalledTimes(1);
  });
});

describe('a visitor opens the form', () => {
  it('is asked to bind a household first', async () => {
    const { page } = await openForm({ 'member.me': meReply(['member.requestBinding', 'member.redeemInvite']) });
    expect(page.text('#bind-prompt')).toContain('先绑定您的住户');
    expect(page.exists('#submit')).toBe(false);
    await page.tap('#bind');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});

describe('a resident adds photos to the concern', () => {
  afterEach(() => setUploader(undefined));

  function pickTwo() {
    wxMock.chooseMedia.mockImplementationOnce((opts: { count: number; success: (r: unknown) => void }) =>
      opts.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }, { tempFilePath: 'wxfile://tmp/b.jpg' }].slice(0, opts.count) }),
    );
  }

  it('uploads them and sends their file ids with the concern', async () => {
    pickTwo();
    setUploader(async (p) => `cloud://env-1.b/concern/202605/${p.slice(-5)}`);
    const { page, send } = await openForm();
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#photos >>> #add-photo');
    expect(page.count('#photos >>> .form-photo')).toBe(2);
    await page.tap('#submit');
    expect(sent(send, 'concern.submit')[0].data).toMatchObject({
      photos: ['cloud://env-1.b/concern/202605/a.jpg', 'cloud://env-1.b/concern/202605/b.jpg'],
    });
  });

  it('offers only the room left under the limit of 9', async () => {
    pickTwo();
    wxMock.chooseMedia.mockImplementationOnce((opts: { count: number; success: (r: unknown) => void }) =>
      opts.success({ tempFiles: Array.from({ length: opts.count }, (_, i) => ({ tempFilePath: `wxfile://tmp/${i}.jpg` })) }),
    );
    let n = 0;
    setUploader(async () => `cloud://env-1.b/concern/202605/p${++n}.jpg`);
    const { page } = await openForm();
    await page.tap('#photos >>> #add-photo');
    expect(page.count('#photos >>> .form-photo')).toBe(2);
    await page.tap('#photos >>> #add-photo');
    expect(page.count('#photos >>> .form-photo')).toBe(9);
    expect(page.exists('#photos >>> #add-photo')).toBe(false);
    const counts = wxMock.chooseMedia.mock.calls.map((c) => (c[0] as { count: number }).count);
    expect(counts).toEqual([9, 7]);
  });

  it('keeps uploaded photo ids in the draft for the next try', async () => {
    pickTwo();
    setUploader(async (p) => `cloud://env-1.b/concern/202605/${p.slice(-5)}`);
    const first = await openForm({ 'concern.submit': fail('NETWORK_ERROR') });
    await fillForm(first.page, '楼道灯坏了一个星期了');
    await first.page.tap('#photos >>> #add-photo');
    await first.page.tap('#submit');
    const draft = wxMock.getStorageSync(DRAFT_KEY) as unknown as { photos: string[] };
    expect(draft.photos).toHaveLength(2);

    const { page, send } = await openForm();
    expect(page.count('#photos >>> .form-photo')).toBe(2);
    await page.tap('#submit');
    expect((sent(send, 'concern.submit')[0].data as { photos: string[] }).photos).toEqual(draft.photos);
  });

  it('shows why a photo could not be uploaded', async () => {
    pickTwo();
    setUploader(async () => Promise.reject(new UploadError('只支持 JPG、PNG、WebP 图片')));
    const { page } = await openForm();
    await page.tap('#photos >>> #add-photo');
    expect(page.text('#photos-error')).toBe('只支持 JPG、PNG、WebP 图片');
    expect(page.count('#photos >>> .form-photo')).toBe(0);
  });

  it('shows photos restored from a draft through media.urls', async () => {
    pickTwo();
    setUploader(async (p) => `cloud://env-1.b/uploads/m1/${p.slice(-5)}`);
    const first = await openForm({ 'concern.submit': fail('NETWORK_ERROR') });
    await fillForm(first.page, '楼道灯坏了一个星期了');
    await first.page.tap('#photos >>> #add-photo');
    await first.page.tap('#submit');

    const { page, send } = await openForm({ 'media.urls': mediaUrlsReply(['cloud://env-1.b/uploads/m1/b.jpg']) });
    expect((sent(send, 'media.urls')[0].data as { fileIds: string[] }).fileIds).toEqual(['cloud://env-1.b/uploads/m1/a.jpg', 'cloud://env-1.b/uploads/m1/b.jpg']);
    expect(page.instance.data.photos).toEqual([
      { id: 'cloud://env-1.b/uploads/m1/a.jpg', src: urlOf('cloud://env-1.b/uploads/m1/a.jpg'), pending: false },
      { id: 'cloud://env-1.b/uploads/m1/b.jpg', src: '', pending: true },
    ]);
    expect(page.text('#photos >>> .photo-pending')).toBe('审核中');
  });

  it('shows a photo just picked from the file on the device', async () => {
    pickTwo();
    setUploader(async (p) => `cloud://env-1.b/uploads/m1/${p.slice(-5)}`);
    const { page } = await openForm();
    await page.tap('#photos >>> #add-photo');
    expect(page.instance.data.photos).toEqual([
      { id: 'cloud://env-1.b/uploads/m1/a.jpg', src: 'wxfile://tmp/a.jpg', pending: false },
      { id: 'cloud://env-1.b/uploads/m1/b.jpg', src: 'wxfile://tmp/b.jpg', pending: false },
    ]);
  });

  it('in local mode posts each photo to the gateway, registers it, and sends its id', async () => {
    pickTwo();
    let n = 0;
    const uploadFile = jest.fn((o: { success: (r: { statusCode: number; data: string }) => void }) =>
      o.success({ statusCode: 200, data: JSON.stringify({ ok: true, data: { fileId: `local://uploads/m1_${++n}.jpg` } }) }),
    );
    wxMock.uploadFile = uploadFile;
    wxMock.compressImage = jest.fn();
    const { page, send } = await openForm({ 'media.register': (d) => ok({ fileId: d.fileId, status: 'pending' }) });
    await fillForm(page, '楼道灯坏了一个星期了');
    await page.tap('#photos >>> #add-photo');
    expect(uploadFile.mock.calls[0][0]).toMatchObject({
      url: 'http://127.0.0.1:8787/uploads',
      filePath: 'wxfile://tmp/a.jpg',
      name: 'file',
      header: { 'x-wx-openid': 'demo-resident-1' },
    });
    expect(sent(send, 'media.register').map((e) => e.data)).toEqual([{ fileId: 'local://uploads/m1_1.jpg' }, { fileId: 'local://uploads/m1_2.jpg' }]);
    await page.tap('#submit');
    expect((sent(send, 'concern.submit')[0].data as { photos: string[] }).photos).toEqual(['local://uploads/m1_1.jpg', 'local://uploads/m1_2.jpg']);
  });

  it('keeps out a photo the server would not register', async () => {
    pickTwo();
    wxMock.uploadFile = jest.fn((o: { success: (r: { statusCode: number; data: string }) => void }) =>
      o.success({ statusCode: 200, data: JSON.stringify({ ok: true, data: { fileId: 'local://uploads/m1_x.jpg' } }) }),
    );
    const { page } = await openForm({ 'media.register': fail('FORBIDDEN', '只能登记本人上传的图片') });
    await page.tap('#photos >>> #add-photo');
    expect(page.count('#photos >>> .form-photo')).toBe(0);
    expect(page.text('#photos-error')).toBe('只能登记本人上传的图片');
  });
});

describe('asking to be notified of progress, at the submit tap', () => {
  const templates: ReplyEnvelope<'notify.templates'> = ok({
    templates: [
      { key: 'concernProgress', templateId: 'tmpl-progress' },
      { key: 'concernResolved', templateId: 'tmpl-resolved' },
    ],
  });

  async function ready(extra: Replies = {}) {
    const opened = await openForm({ 'notify.templates': templates, 'notify.recordConsent': ok({ balances: {} }), ...extra });
    await fillForm(opened.page, '楼道灯坏了一个星期了');
    return opened;
  }

  it('prefetches the templates for concern.submit when the form opens', async () => {
    const { send } = await ready();
    expect(sent(send, 'notify.templates')[0].data).toEqual({ moment: 'concern.submit' });
  });

  it('opens WeChat’s panel inside the tap, with the prefetched ids, before the concern is sent', async () => {
    const { page, send } = await ready();
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) =>
      o.success({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'accept', 'tmpl-resolved': 'reject' }),
    );
    page.instance.submit();
    // Synchronously, in the tap: nothing awaited before the panel.
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(wxMock.requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['tmpl-progress', 'tmpl-resolved'] });
    expect(sent(send, 'concern.submit')).toHaveLength(0);
    await flush();
    expect(sent(send, 'concern.submit')).toHaveLength(1);
    expect(sent(send, 'notify.recordConsent')[0].data).toEqual({ results: { concernProgress: 'accept', concernResolved: 'reject' } });
    expect(wxMock.redirectTo).toHaveBeenCalled();
  });

  it('still submits when the resident rejects everything', async () => {
    const { page, send } = await ready();
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) =>
      o.success({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'reject', 'tmpl-resolved': 'reject' }),
    );
    await page.tap('#submit');
    expect(sent(send, 'concern.submit')).toHaveLength(1);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c-42&created=1' });
  });

  it('still submits when the API fails or throws', async () => {
    for (const broken of [
      jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20001 })),
      jest.fn(() => {
        throw new Error('not supported');
      }),
    ]) {
      const { page, send } = await ready();
      wxMock.requestSubscribeMessage = broken;
      await page.tap('#submit');
      expect(broken).toHaveBeenCalled();
      expect(sent(send, 'concern.submit')).toHaveLength(1);
      expect(sent(send, 'notify.recordConsent')).toHaveLength(0);
    }
  });

  it('still submits when recording the answer fails', async () => {
    const { page, send } = await ready({ 'notify.recordConsent': fail('INTERNAL') });
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) => o.success({ 'tmpl-progress': 'accept' }));
    await page.tap('#submit');
    expect(sent(send, 'concern.submit')).toHaveLength(1);
    expect(page.exists('#form-error')).toBe(false);
  });

  it('does not ask when no templates are configured', async () => {
    const { page, send } = await ready({ 'notify.templates': ok({ templates: [] }) });
    wxMock.requestSubscribeMessage = jest.fn();
    await page.tap('#submit');
    expect(wxMock.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(sent(send, 'concern.submit')).toHaveLength(1);
  });

  it('does not ask for a form that will not go out', async () => {
    const { page, send } = await ready();
    wxMock.requestSubscribeMessage = jest.fn();
    await page.input('#text', '短');
    await page.tap('#submit');
    expect(wxMock.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(sent(send, 'concern.submit')).toHaveLength(0);
  });
});

describe('next to 提交, one line says how much is left to fill in', () => {
  it('counts the fields that need work and goes down as each is fixed', async () => {
    const { page } = await openForm();
    expect(page.exists('#form-count >>> .form-count')).toBe(false);
    // The building is the resident's own, chosen already: 分类 and the words are missing.
    await page.tap('#submit');
    expect(page.text('#form-count >>> .form-count')).toBe('还有2项需要填写');
    await page.input('#text', '楼道灯坏了一个星期了');
    expect(page.text('#form-count >>> .form-count')).toBe('还有1项需要填写');
  });
});
