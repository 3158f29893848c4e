import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/community-new/index');
const made = { communityId: 'c2', communityName: '光明社区', code: 'ABCDEFGH', expiresAt: Date.parse('2026-12-09T10:00:00+08:00') };

beforeEach(() => jest.clearAllMocks());

describe('a subdistrict admin opens a community', () => {
  it('shows the first admin’s code once, spaced for reading out, with its expiry', async () => {
    const send = fakeBackend({ 'subdistrict.createCommunity': ok(made), 'subdistrict.issueAdminCode': ok({ ...made, code: 'JKMNPQRS' }) });
    const page = render(pageId);
    await page.input('#name', ' 光明社区 ');
    await page.tap('#submit');
    await flush();
    expect(sent(send, 'subdistrict.createCommunity')[0].data).toEqual({ name: '光明社区' });
    expect(page.text('#made')).toBe('光明社区已建好');
    expect(page.text('#code')).toBe('ABCD-EFGH');
    expect(page.text()).toContain('2026-12-09 10:00');
    await page.tap('#copy');
    expect(wxMock.setClipboardData).toHaveBeenCalledWith({ data: 'ABCDEFGH' });
    await page.tap('#another');
    await flush();
    expect(page.text('#code')).toBe('JKMN-PQRS');
  });

  it('names the field when the name is missing, sending nothing', async () => {
    const send = fakeBackend({});
    const page = render(pageId);
    await page.tap('#submit');
    await flush();
    expect(page.exists('#name-error')).toBe(true);
    expect(sent(send, 'subdistrict.createCommunity')).toEqual([]);
  });

  it('shows the server’s refusal', async () => {
    fakeBackend({ 'subdistrict.createCommunity': fail('VALIDATION_ERROR', '一个街道最多100个社区') });
    const page = render(pageId);
    await page.input('#name', '光明社区');
    await page.tap('#submit');
    await flush();
    expect(page.text('#form-error')).toContain('最多100个社区');
  });
});
