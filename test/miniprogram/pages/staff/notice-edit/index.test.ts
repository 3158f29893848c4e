import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/notice-edit/index');

const BODY = '停水期间在3号楼门口设临时供水点，行动不便的请联系刘阿姨，电话13912345678。';
const published = { noticeId: 'n1', title: '临时供水点', body: BODY, pinned: false, publishedAt: 0, expiresAt: 0, expired: false, withdrawn: false, withdrawReason: null, byName: '王书记', allowedActions: [] } as NoticeView;
const refusal = fail('VALIDATION_ERROR', '公告中有个人信息：姓名1处、电话号码1处（如确需公开请选择保留）', {
  issues: [{ path: 'body', message: '公告中有个人信息：姓名1处、电话号码1处（如确需公开请选择保留）' }],
  findings: [
    { field: 'body', kind: 'name', kindLabel: '姓名', start: BODY.indexOf('刘阿姨'), end: BODY.indexOf('刘阿姨') + 3 },
    { field: 'body', kind: 'phone', kindLabel: '电话号码', start: BODY.indexOf('139'), end: BODY.indexOf('139') + 11 },
  ],
});

async function filled(reply: Parameters<typeof fakeBackend>[0]['notice.publish']) {
  const send = fakeBackend({ 'notice.publish': reply });
  const page = render(pageId);
  await page.input('#title', '临时供水点');
  await page.input('#body', BODY);
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('an admin publishes a notice', () => {
  it('sends the words, 置顶 and an expiry at the end of the day picked, then goes back', async () => {
    const { page, send } = await filled(ok(published));
    await page.change('#pinned', true);
    await page.tap('#duration-30');
    expect(page.text('#until')).toMatch(/^显示到\d+月\d+日，到期后首页不再显示$/);
    await page.tap('#submit');
    await flush();
    const data = sent(send, 'notice.publish')[0].data as { pinned: boolean; expiresAt: number; keep: string[] };
    expect(data).toMatchObject({ title: '临时供水点', body: BODY, pinned: true, keep: [] });
    // The last instant of a Beijing day, 30 days on.
    expect(new Date(data.expiresAt + 8 * 3600_000 + 1).toISOString().slice(11, 19)).toBe('00:00:00');
    expect(data.expiresAt - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    expect(wxMock.navigateBack).toHaveBeenCalled();
  });

  it('refuses an empty form under its fields without sending', async () => {
    const send = fakeBackend({});
    const page = render(pageId);
    await page.tap('#submit');
    await flush();
    expect(page.exists('#title-error')).toBe(true);
    expect(page.exists('#body-error')).toBe(true);
    expect(sent(send, 'notice.publish')).toEqual([]);
  });
});

describe('personal data in a notice is named, to remove or to keep', () => {
  it('lists each finding from the form’s own words and sends the ones kept', async () => {
    let calls = 0;
    const { page, send } = await filled(() => (++calls === 1 ? refusal : ok(published)));
    await page.tap('#submit');
    await flush();
    expect(page.text('#found')).toContain('内容中的姓名「刘阿姨」保留');
    expect(page.text('#found')).toContain('内容中的电话号码「13912345678」保留');
    expect(page.exists('#body-error')).toBe(true);
    await page.tap('#found-1');
    await page.tap('#submit');
    await flush();
    expect((sent(send, 'notice.publish')[1].data as { keep: string[] }).keep).toEqual(['13912345678']);
    expect(wxMock.navigateBack).toHaveBeenCalled();
  });

  it('forgets the findings once the words are edited', async () => {
    const { page } = await filled(refusal);
    await page.tap('#submit');
    await flush();
    expect(page.exists('#found')).toBe(true);
    await page.input('#body', '停水期间在3号楼门口设临时供水点。');
    expect(page.exists('#found')).toBe(false);
  });
});
