import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Reply } from '../../harness';

const pageId = loadPage('pages/privacy/index');

const exported = {
  exportedAt: Date.UTC(2026, 4, 6),
  profile: { name: '王芳', phone: '13800138000' },
  bindingRequests: [],
  concerns: [{ number: '20260501-0001' }, { number: '20260502-0003' }],
  bookings: [{ serviceName: '法律咨询' }],
  messages: [{ title: 'a' }, { title: 'b' }, { title: 'c' }],
  consents: [],
  truncated: false,
};

const writeFileSync = jest.fn();
const w = wxMock as unknown as Record<string, unknown>;

async function open(replies: Record<string, Reply> = {}) {
  const send = fakeBackend({ 'member.me': meReply(['privacy.export', 'privacy.requestDeletion']), ...replies });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

type ModalOpts = { title: string; content: string; success?: (r: { confirm: boolean; cancel: boolean }) => void };
const answer = (confirm: boolean) => (opts: ModalOpts) => opts.success?.({ confirm, cancel: !confirm });

// Asked a week before the date: it reads as a day with its hour, not an ISO stamp.
let clock: jest.SpyInstance;
beforeEach(() => {
  clock = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 4, 6, 2, 0));
});
afterEach(() => clock.mockRestore());

beforeEach(() => {
  jest.clearAllMocks();
  w.env = { USER_DATA_PATH: 'wxfile://usr' };
  w.getFileSystemManager = jest.fn(() => ({ writeFileSync }));
  w.setClipboardData = jest.fn();
  writeFileSync.mockImplementation(() => undefined);
});

describe('the privacy policy page', () => {
  it('names the camera for scanning to check in and the album, written only, for saving certificates', async () => {
    const { page } = await open();
    expect(page.text('#collected-camera')).toContain('扫码签到');
    expect(page.text('#collected-camera')).toContain('不拍照');
    expect(page.text('#collected-album')).toContain('相册（仅写入）');
    expect(page.text('#collected-album')).toContain('不读取相册');
    expect(page.text('#collected-volunteer')).toContain('身份证号加密保存');
  });
  it('lists what is collected: address, name, concern text, chosen photos, an optional phone and subscriptions', async () => {
    const { page } = await open();
    const collected = page.text('#collected');
    expect(collected).toContain('住户地址');
    expect(collected).toContain('姓名');
    expect(collected).toContain('诉求内容');
    expect(collected).toContain('您主动选择上传的照片');
    expect(page.text('#collected-photos')).toContain('微信内容安全检测');
    expect(page.text('#collected-photos')).toContain('只在这条诉求里显示');
    expect(page.text('#collected-phone')).toContain('选填');
    expect(page.text('#collected-phone')).toContain('微信手机号快速验证');
    expect(page.text('#collected-phone')).toContain('加密保存');
    expect(page.text('#collected-phone')).toContain('只有您本人和办理您事务的工作人员能看到');
    expect(page.text('#collected-messages')).toContain('每点一次“允许”，我们最多给您发一条');
    expect(page.text('#right-export')).toContain('下载我的数据');
    expect(page.text('#right-delete')).toContain('7天内可以撤销');
    expect(page.text()).toContain('保存多久');
    expect(page.text()).toContain('联系我们');
  });

  it('opens WeChat’s privacy guide', async () => {
    const { page } = await open();
    await page.tap('#contract');
    expect(wxMock.openPrivacyContract).toHaveBeenCalled();
  });
});

describe('下载我的数据', () => {
  it('writes the export to a file and shows how much it holds', async () => {
    const { page, send } = await open({ 'privacy.export': ok(exported) });
    await page.tap('#export-btn');
    expect(sent(send, 'privacy.export')[0].data).toEqual({});
    expect(writeFileSync).toHaveBeenCalledTimes(1);
    const [path, text, encoding] = writeFileSync.mock.calls[0];
    expect(path).toBe('wxfile://usr/linli-my-data.json');
    expect(JSON.parse(text as string)).toEqual(exported);
    expect(encoding).toBe('utf8');
    const summary = page.text('#export-summary');
    expect(summary).toContain('诉求 2 条');
    expect(summary).toContain('预约 1 条');
    expect(summary).toContain('消息 3 条');
    expect(page.exists('#export-file')).toBe(true);
    expect(page.exists('#export-truncated')).toBe(false);
  });

  it('copies the whole export', async () => {
    const { page } = await open({ 'privacy.export': ok(exported) });
    await page.tap('#export-btn');
    await page.tap('#copy-btn');
    const data = (w.setClipboardData as jest.Mock).mock.calls[0][0].data as string;
    expect(JSON.parse(data)).toEqual(exported);
  });

  it('still offers the copy when the file cannot be written', async () => {
    writeFileSync.mockImplementation(() => {
      throw new Error('writeFileSync:fail the maximum size of the file storage limit is exceeded');
    });
    const { page } = await open({ 'privacy.export': ok({ ...exported, truncated: true }) });
    await page.tap('#export-btn');
    expect(page.exists('#export-file')).toBe(false);
    expect(page.exists('#export-truncated')).toBe(true);
    expect(page.exists('#copy-btn')).toBe(true);
  });

  it('shows the server’s message when the export fails', async () => {
    const { page } = await open({ 'privacy.export': fail('RATE_LIMITED', '操作太频繁，请稍后再试') });
    await page.tap('#export-btn');
    expect(page.text('#export-error')).toBe('操作太频繁，请稍后再试');
    expect(writeFileSync).not.toHaveBeenCalled();
  });
});

describe('注销账号', () => {
  const scheduledFor = Date.UTC(2026, 4, 13, 2, 0);

  it('explains what happens and needs two confirmations', async () => {
    const { page, send } = await open({ 'privacy.requestDeletion': ok({ scheduledFor }) });
    expect(page.text('#deletion')).toContain('姓名、手机号和住户绑定将从所有记录中删除');
    expect(page.text('#deletion')).toContain('匿名');

    // First dialog confirmed, second declined: nothing is sent.
    wxMock.showModal.mockImplementationOnce(answer(true)).mockImplementationOnce(answer(false));
    await page.tap('#delete-btn');
    const dialogs = wxMock.showModal.mock.calls.map((c) => c[0] as ModalOpts);
    expect(dialogs).toHaveLength(2);
    expect(dialogs[0].content).toContain('7天内可以撤销');
    expect(sent(send, 'privacy.requestDeletion')).toHaveLength(0);

    // First declined: the second is never shown.
    wxMock.showModal.mockClear();
    wxMock.showModal.mockImplementationOnce(answer(false));
    await page.tap('#delete-btn');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
    expect(sent(send, 'privacy.requestDeletion')).toHaveLength(0);
  });

  it('after both confirmations asks the server and shows the date and 撤销注销', async () => {
    const { page, send } = await open({ 'privacy.requestDeletion': ok({ scheduledFor }) });
    await page.tap('#delete-btn');
    expect(wxMock.showModal).toHaveBeenCalledTimes(2);
    expect(sent(send, 'privacy.requestDeletion')[0].data).toEqual({ confirm: true });
    expect(page.text('#deletion-date')).toBe('5月13日 10:00');
    expect(page.exists('#undo-delete')).toBe(true);
    expect(page.exists('#delete-btn')).toBe(false);
  });

  it('shows a pending deletion from member.me and undoes it', async () => {
    const { page, send } = await open({
      'member.me': meReply(['privacy.cancelDeletion'], { deletionScheduledFor: scheduledFor }),
      'privacy.cancelDeletion': ok({ cancelled: true }),
    });
    expect(page.text('#deletion-scheduled')).toContain('5月13日 10:00');
    await page.tap('#undo-delete');
    expect(sent(send, 'privacy.cancelDeletion')[0].data).toEqual({});
    expect(page.exists('#deletion-scheduled')).toBe(false);
    expect(page.exists('#delete-btn')).toBe(true);
  });

  it('shows why a request failed', async () => {
    const { page } = await open({ 'privacy.requestDeletion': fail('NETWORK_ERROR') });
    await page.tap('#delete-btn');
    expect(page.text('#delete-error')).toContain('网络不稳定');
    expect(page.exists('#deletion-scheduled')).toBe(false);
  });
});
