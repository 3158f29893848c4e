import { fakeBackend, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';

const panelId = loadPage('pages/concern-detail/components/report-panel/index');

beforeEach(() => jest.clearAllMocks());

async function opened(replies: Replies = {}, props: Record<string, unknown> = {}) {
  const send = fakeBackend({ 'moderation.report': ok({ reported: true, hidden: false }), ...replies });
  const panel = render(panelId, { subjectId: 'c-42', ...props });
  const fired = jest.spyOn(panel.instance as unknown as { triggerEvent: jest.Mock }, 'triggerEvent');
  await panel.tap('#open-report');
  return { panel, send, fired };
}

describe('the 举报 panel', () => {
  it('starts as one button and opens into a reason box, telling the page', async () => {
    const { panel, fired } = await opened();
    expect(panel.exists('#open-report')).toBe(false);
    expect(panel.exists('#report-reason')).toBe(true);
    expect(fired).toHaveBeenCalledWith('toggle', { open: true });
  });

  it('sends the concern and the reason, closes and thanks the reporter', async () => {
    const { panel, send, fired } = await opened();
    await panel.input('#report-reason', '含有对邻居的辱骂');
    await panel.tap('#report-submit');
    expect(sent(send, 'moderation.report')[0].data).toEqual({ subjectType: 'concernText', subjectId: 'c-42', reason: '含有对邻居的辱骂' });
    expect(panel.exists('#report-panel')).toBe(false);
    expect(fired).toHaveBeenLastCalledWith('toggle', { open: false });
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已举报，感谢反馈' }));
  });

  it('says so when the report hid the content at once', async () => {
    const { panel } = await opened({ 'moderation.report': ok({ reported: true, hidden: true }) });
    await panel.input('#report-reason', '含有他人电话');
    await panel.tap('#report-submit');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已举报，内容已隐藏待审核' }));
  });

  it('names a photo by its file id', async () => {
    const { panel, send } = await opened({}, { subjectType: 'photo', subjectId: 'cloud://env-1.b/concern/202605/a.jpg' });
    await panel.input('#report-reason', '图片含有他人隐私');
    await panel.tap('#report-submit');
    expect(sent(send, 'moderation.report')[0].data).toEqual({ subjectType: 'photo', fileId: 'cloud://env-1.b/concern/202605/a.jpg', reason: '图片含有他人隐私' });
  });

  it('shows a too-short reason under the box without sending', async () => {
    const { panel, send } = await opened();
    await panel.input('#report-reason', '差');
    await panel.tap('#report-submit');
    expect(panel.text('#report-error')).toBe('举报理由至少需要2个字');
    expect(sent(send, 'moderation.report')).toHaveLength(0);
  });

  it('closes when the page says so', async () => {
    const { panel } = await opened();
    (panel.instance as unknown as { setData(d: object): void }).setData({ open: false });
    expect(panel.exists('#report-panel')).toBe(false);
  });
});
