/**
 * 评事报告: an issued month — figures with numerator and denominator, tables, addenda; 导出表格
 * opens the xlsx in WeChat's viewer; 分享图片 paints the report; an admin appends a 补充说明.
 */
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { reportView } from '../report-fixtures';

const pageId = loadPage('staff/report/index');

async function open(allowed: string[] = ['report.get', 'report.export'], replies: Replies = {}) {
  const send = fakeBackend({ 'report.get': ok(reportView()), 'member.me': meReply(allowed as never), 'report.export': ok({ fileName: 'linli-report-2026-11.xlsx', base64: 'UEsDBA==' }), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ month: '2026-11' });
  await flush();
  return { page, send };
}

const writeFileSync = jest.fn();
const w = wxMock as unknown as Record<string, unknown>;
beforeEach(() => {
  jest.clearAllMocks();
  w.env = { USER_DATA_PATH: 'wxfile://usr' };
  w.getFileSystemManager = jest.fn(() => ({ writeFileSync }));
  w.openDocument = jest.fn();
  w.setNavigationBarTitle = jest.fn();
});

describe('a staff member reads the report', () => {
  it('shows each figure with its numerator and denominator, hidden rates with their n, and the tables', async () => {
    const { page, send } = await open();
    expect(sent(send, 'report.get')[0].data).toEqual({ month: '2026-11' });
    expect(page.text('#title')).toBe('幸福里社区 2026年11月 定期评事报告');
    expect(page.text('#rule')).toContain('样本少于10件的比率不显示');
    const rates = page.text('#part-rates');
    expect(rates).toContain('响应率分子/分母 13/1513/15（86%）');
    expect(rates).toContain('解决率分子/分母 2/3样本不足（n=3）');
    expect(rates).toContain('第一网格1210/12（83%）8/12（66%）7/10（70%）');
    expect(page.text('#part-hours')).toContain('核验时长（分钟）3.8小时');
    expect(page.text('#no-addenda')).toBe('没有补充说明');
    // Only admins append.
    expect(page.exists('#amend')).toBe(false);
  });
  it('says so when the month has no report yet', async () => {
    const { page } = await open(undefined, { 'report.get': fail('NOT_FOUND', '这个月的评事报告还没有出具') });
    expect(page.text('#error')).toContain('这个月的评事报告还没有出具');
  });
});

describe('导出表格', () => {
  it('saves the xlsx and opens it in WeChat’s viewer as xlsx', async () => {
    const { page, send } = await open();
    await page.tap('#export-btn');
    expect(sent(send, 'report.export')[0].data).toEqual({ month: '2026-11' });
    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linli-report-2026-11.xlsx', 'UEsDBA==', 'base64');
    expect(wxMock.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://usr/linli-report-2026-11.xlsx', fileType: 'xlsx', showMenu: true }));
  });
  it('says what to do when the phone has no room', async () => {
    const { page } = await open();
    writeFileSync.mockImplementationOnce(() => {
      throw new Error('full');
    });
    await page.tap('#export-btn');
    expect(page.text('#export-error')).toContain('清理微信存储空间');
  });
});

describe('分享图片', () => {
  it('paints the report on the canvas at the height of its content and offers it to send', async () => {
    const { page } = await open();
    const painted: string[] = [];
    const ctx = { fillStyle: '', font: '', textAlign: '', textBaseline: '', fillRect: jest.fn(), fillText: (t: string) => painted.push(t), measureText: (t: string) => ({ width: [...t].length * 30 }) };
    const canvas = { width: 0, height: 0, getContext: () => ctx };
    const query = { select: () => query, fields: () => query, exec: (cb: (r: unknown[]) => void) => cb([{ node: canvas }]) };
    (page.instance as unknown as { createSelectorQuery: () => unknown }).createSelectorQuery = () => query;
    w.canvasToTempFilePath = jest.fn((o: { success: (r: { tempFilePath: string }) => void }) => o.success({ tempFilePath: 'wxfile://report.png' }));
    w.showShareImageMenu = jest.fn();
    await page.tap('#image-btn');
    expect(canvas.width).toBe(1080);
    expect(canvas.height).toBeGreaterThan(600);
    expect(painted.slice(0, 2)).toEqual(['幸福里社区 2026年11月', '定期评事报告']);
    expect(painted).toContain('13/15（86%）');
    expect(wxMock.showShareImageMenu).toHaveBeenCalledWith({ path: 'wxfile://report.png' });
    delete w.showShareImageMenu;
  });
});

describe('an admin appends a 补充说明', () => {
  it('sends the text with a key and shows it below, the figures unchanged', async () => {
    const amended = reportView({ addenda: [{ addendumId: 'a1', text: '一件诉求分类有误，应为环境卫生。', corrections: [{ part: '诉求分类前5', label: '设施维修', text: '3件' }], byName: '王书记', at: Date.UTC(2026, 11, 2, 2) }] });
    const { page, send } = await open(['report.get', 'report.addendum'], { 'report.addendum': ok(amended) });
    await page.input('#addendum-text', '一件诉求分类有误，应为环境卫生。');
    await page.tap('#amend-btn');
    const call = sent(send, 'report.addendum')[0];
    expect(call.data).toEqual({ month: '2026-11', text: '一件诉求分类有误，应为环境卫生。' });
    expect(call.idempotencyKey).toEqual(expect.any(String));
    expect(page.text('#addenda')).toContain('一件诉求分类有误，应为环境卫生。');
    expect(page.text('#addenda')).toContain('诉求分类前5·设施维修更正为 3件');
    expect(page.text('#addenda')).toContain('王书记');
    expect(page.text('#part-rates')).toContain('13/15（86%）');
  });
  it('shows the server’s word when the text is too short', async () => {
    const { page } = await open(['report.get', 'report.addendum'], { 'report.addendum': fail('VALIDATION_ERROR', '输入有误', { issues: [{ path: 'text', message: '补充说明至少需要2个字' }] }) });
    await page.tap('#amend-btn');
    expect(page.text('#addendum-error')).toBe('补充说明至少需要2个字');
  });
});
