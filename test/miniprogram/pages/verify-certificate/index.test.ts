import { fakeBackend, fail, flush, loadPage, ok, render, sent } from '../../harness';

const pageId = loadPage('pages/verify-certificate/index');
const q = encodeURIComponent('https://linli.example.cn/verify-certificate?c=demo&t=ct_AAAAAAAAAAAAAAAA');

describe('opened from a valid certificate’s QR', () => {
  it('asks with the community and token from the scanned address and shows only validity, hours, period, masked name', async () => {
    const send = fakeBackend({ 'hours.verifyCertificate': ok({ status: 'valid', minutes: 300, period: { from: '2026-10-03', to: '2026-11-20' }, maskedName: '刘**' }) });
    const page = render(pageId);
    page.instance.onLoad({ q });
    await flush();
    expect(sent(send, 'hours.verifyCertificate')[0].data).toEqual({ communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' });
    expect(page.text('#result')).toBe('证明有效姓名：刘**服务时长：5.0小时服务期间：2026-10-03 至 2026-11-20');
  });
});

describe('a revoked certificate', () => {
  it('says 已撤销 and the date, nothing else', async () => {
    fakeBackend({ 'hours.verifyCertificate': ok({ status: 'revoked', revokedOn: '2026-11-29' }) });
    const page = render(pageId);
    page.instance.onLoad({ q });
    await flush();
    expect(page.text('#result')).toBe('已撤销撤销日期：2026-11-29');
  });
});

describe('an unknown certificate', () => {
  it('says it was not found', async () => {
    fakeBackend({ 'hours.verifyCertificate': fail('NOT_FOUND', '没有找到') });
    const page = render(pageId);
    page.instance.onLoad({ q });
    await flush();
    expect(page.text('#error')).toContain('没有找到这份证明');
    expect(page.exists('#result')).toBe(false);
  });
});
