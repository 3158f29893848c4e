import { loadPage, render, wxMock } from '../../harness';

const pageId = loadPage('pages/privacy/index');

describe('the privacy policy page', () => {
  it('lists what is collected: address, name, concern text and chosen photos', () => {
    const page = render(pageId);
    const collected = page.text('#collected');
    expect(collected).toContain('住户地址');
    expect(collected).toContain('姓名');
    expect(collected).toContain('诉求内容');
    expect(collected).toContain('您主动选择上传的照片');
    expect(page.text()).toContain('保存多久');
    expect(page.text()).toContain('您的权利');
    expect(page.text()).toContain('联系我们');
  });

  it('opens WeChat’s privacy guide', async () => {
    const page = render(pageId);
    await page.tap('#contract');
    expect(wxMock.openPrivacyContract).toHaveBeenCalled();
  });
});
