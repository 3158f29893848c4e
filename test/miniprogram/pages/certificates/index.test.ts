import type { CertificateView } from '../../../../miniprogram/core/volunteer/certificate';
import { certificateLines, qrModules, verifyTarget, verifyUrl } from '../../../../miniprogram/services/certificate-image';
import { fakeBackend, flush, loadPage, ok, render } from '../../harness';

const pageId = loadPage('pages/certificates/index');

const cert = (over: Partial<CertificateView> = {}): CertificateView => ({
  id: 'cert_1',
  number: '幸福里-2026-0001',
  issuedOn: '2026-11-28',
  snapshot: {
    name: '刘阿姨', idType: '居民身份证', idNumberMasked: '110***********1234', volunteerNumber: 'V0001', minutes: 6000,
    content: ['植绿护绿'], period: { from: '2026-10-03', to: '2026-11-20' }, issuer: '幸福里社区居民委员会',
    personInCharge: '王书记', handler: '王书记', contact: '010-66668888', rounding: '按实际分钟计', ruleVersion: '民政部令第67号',
  },
  verify: { communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' },
  revoked: null,
  ...over,
});

describe('my certificates', () => {
  it('lists each with its number, hours and period; a revoked one is marked and cannot be saved', async () => {
    fakeBackend({ 'hours.certificates': ok({ items: [cert(), cert({ id: 'cert_0', number: '幸福里-2026-0000', revoked: { on: '2026-11-01', reason: '重复开具' } })] }) });
    const page = render(pageId);
    page.instance.onLoad({});
    await flush();
    expect(page.text('#cert-0')).toContain('证明编号 幸福里-2026-0001');
    expect(page.text('#cert-0')).toContain('服务时长 100.0小时');
    expect(page.exists('#cert-0 .save-btn')).toBe(true);
    expect(page.text('#cert-1 .revoked')).toBe('已于2026-11-01撤销：重复开具');
    expect(page.exists('#cert-1 .save-btn')).toBe(false);
    expect(page.text()).not.toContain('cert_1');
  });
  it('shows the milestone as this community’s record, from the valid certificate’s verified hours', async () => {
    fakeBackend({ 'hours.certificates': ok({ items: [cert()] }) });
    const page = render(pageId);
    page.instance.onLoad({});
    await flush();
    expect(page.text()).toContain('本社区记录：服务满100小时');
    expect(page.text()).toContain('不是全国志愿服务星级评定');
  });
  it('says where to ask when there is none', async () => {
    fakeBackend({ 'hours.certificates': ok({ items: [] }) });
    const page = render(pageId);
    page.instance.onLoad({});
    await flush();
    expect(page.text('#empty')).toContain('免费开具');
  });
});

describe('the image', () => {
  it('carries the four blocks and a QR that the verify page reads back', () => {
    const labels = certificateLines(cert()).map((l) => l.label);
    expect(labels).toEqual(expect.arrayContaining(['姓名', '证件', '志愿者编号', '服务时长', '服务内容', '出具单位', '负责人', '经办人', '联系电话', '证明编号', '出具日期', '计时规则']));
    const url = verifyUrl(cert());
    expect(verifyTarget(url)).toEqual({ communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' });
    expect(verifyTarget({ q: encodeURIComponent(url) })).toEqual({ communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' });
    const modules = qrModules(url);
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.every((r) => r.length === modules.length)).toBe(true);
  });
});
