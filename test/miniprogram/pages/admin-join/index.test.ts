import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../harness';

const pageId = loadPage('pages/admin-join/index');

beforeEach(() => jest.clearAllMocks());

describe('a new community’s admin joins with the 街道’s code', () => {
  it('sends the code as typed (spaces and dash allowed) and the name, then leads to the workbench', async () => {
    const send = fakeBackend({ 'subdistrict.redeemAdminCode': ok({ communityId: 'c2', communityName: '光明社区' }) });
    const page = render(pageId);
    await page.input('#code', 'abcd-efgh');
    await page.input('#name', '周主任');
    await page.tap('#submit');
    await flush();
    expect(sent(send, 'subdistrict.redeemAdminCode')[0].data).toEqual({ code: 'ABCDEFGH', name: '周主任' });
    expect(page.text('#joined')).toBe('您已成为光明社区的管理员');
    await page.tap('#go');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/workbench/index' });
  });

  it('says a used or expired code is no good', async () => {
    fakeBackend({ 'subdistrict.redeemAdminCode': fail('INVITE_INVALID', '加入码无效、已使用或已过期，请向街道重新索取') });
    const page = render(pageId);
    await page.input('#code', 'ABCDEFGH');
    await page.input('#name', '周主任');
    await page.tap('#submit');
    await flush();
    expect(page.text()).toContain('请向街道重新索取');
  });

  it('names the empty fields, sending nothing', async () => {
    const send = fakeBackend({});
    const page = render(pageId);
    await page.tap('#submit');
    await flush();
    expect(page.exists('#code-error')).toBe(true);
    expect(page.exists('#name-error')).toBe(true);
    expect(sent(send, 'subdistrict.redeemAdminCode')).toEqual([]);
  });
});
