import { fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/volunteer-records/index');

const writeFileSync = jest.fn();
const w = wxMock as unknown as Record<string, unknown>;
beforeEach(() => {
  jest.clearAllMocks();
  w.env = { USER_DATA_PATH: 'wxfile://usr' };
  w.getFileSystemManager = jest.fn(() => ({ writeFileSync }));
  w.openDocument = jest.fn();
  writeFileSync.mockImplementation(() => undefined);
});

describe('a grid worker exports a volunteer’s ledger', () => {
  it('saves the xlsx, says the ID numbers were hidden, and cannot issue', async () => {
    const send = fakeBackend({
      'member.me': meReply(['hours.export', 'hours.certificates']),
      'hours.certificates': ok({ items: [] }),
      'hours.export': ok({ fileName: 'linli-ledger-person-2026-11-28.xlsx', base64: 'UEsDBA==', rows: 3, truncated: false, idsMasked: true }),
    });
    const page = render(pageId);
    page.instance.onLoad({ memberId: 'm_1' });
    await flush();
    expect(page.exists('#issue-btn')).toBe(false);
    expect(page.text('#import-note')).toContain('邻里不是民政部指定的志愿服务信息系统');
    await page.tap('#export-person');
    expect(sent(send, 'hours.export')[0].data).toEqual({ kind: 'person', memberId: 'm_1' });
    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linli-ledger-person-2026-11-28.xlsx', 'UEsDBA==', 'base64');
    expect(page.text('#export-summary')).toContain('证件号码已隐去');
    expect(w.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://usr/linli-ledger-person-2026-11-28.xlsx', fileType: 'xlsx' }));
  });
});

describe('an admin issues a certificate', () => {
  it('sends the form with one idempotency key and shows the number', async () => {
    const send = fakeBackend({
      'member.me': meReply(['hours.export', 'hours.certificates', 'hours.certificate', 'hours.revokeCertificate']),
      'hours.certificates': ok({ items: [] }),
      'hours.certificate': ok({
        id: 'cert_1', number: '幸福里-2026-0001', issuedOn: '2026-11-28',
        snapshot: { name: '刘阿姨', idType: null, idNumberMasked: null, volunteerNumber: 'V0001', minutes: 300, content: [], period: { from: '2026-10-03', to: '2026-11-20' }, issuer: '幸福里社区居民委员会', personInCharge: '王书记', handler: '王书记', contact: '010-66668888', rounding: '按实际分钟计', ruleVersion: 'v1' },
        verify: { communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' }, revoked: null,
      }),
    });
    const page = render(pageId);
    page.instance.onLoad({ memberId: 'm_1' });
    await flush();
    await page.input('#person-in-charge', '王书记');
    await page.input('#contact', '010-66668888');
    await page.tap('#issue-btn');
    const [req] = sent(send, 'hours.certificate');
    expect(req.data).toEqual({ memberId: 'm_1', personInCharge: '王书记', contact: '010-66668888' });
    expect(req.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#issued')).toContain('已开具 幸福里-2026-0001');
  });
});
