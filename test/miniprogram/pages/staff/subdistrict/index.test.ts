import type { CommunityFigures, SubdistrictOverview } from '../../../../../miniprogram/core/subdistrict/contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/subdistrict/index');

const figures = (extra: Partial<CommunityFigures>): CommunityFigures => ({
  communityId: 'demo', name: '幸福里社区', awaitingAdmin: false, concerns: 24,
  response: { percent: 91, sample: 23, text: '91%（n=23）' }, resolution: { percent: 80, sample: 15, text: '80%（n=15）' },
  satisfaction: { percent: null, sample: 4, text: '样本不足（n=4）' }, disclosureText: '1/1（100%）', escalated: 0, ...extra,
});
const overview = (communities: CommunityFigures[]): SubdistrictOverview => ({ subdistrict: '和平街道', month: '2026-12', communities });

async function open(view: SubdistrictOverview, escalations = ok({ items: [] as never[] })) {
  const send = fakeBackend({ 'subdistrict.overview': ok(view), 'subdistrict.escalations': escalations });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a subdistrict admin reads each community’s month', () => {
  it('shows the three rates with their samples, the on-time rate and who still waits for an admin', async () => {
    const { page } = await open(overview([figures({}), figures({ communityId: 'c2', name: '光明社区', awaitingAdmin: true, concerns: 0, escalated: 2 })]));
    expect(page.text('#subdistrict')).toBe('和平街道');
    expect(page.text('#community-0')).toContain('91%（n=23）');
    expect(page.text('#community-0')).toContain('样本不足（n=4）');
    expect(page.text('#community-0')).toContain('公开及时率 1/1（100%）');
    expect(page.text('#community-1')).toContain('等待管理员加入');
    expect(page.text('#community-1')).toContain('报街道2项');
    await page.tap('#community-1 .ll-cell');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/reports/index?communityId=c2' });
  });

  it('steps back a month, never past the current one', async () => {
    const { page, send } = await open(overview([figures({})]));
    await page.tap('#next');
    expect(sent(send, 'subdistrict.overview')).toHaveLength(1);
    await page.tap('#prev');
    await flush();
    const months = sent(send, 'subdistrict.overview').map((e) => (e.data as { month: string }).month);
    expect(months[1] < months[0]).toBe(true);
  });

  it('lists what the communities escalated, with the community', async () => {
    const { page } = await open(overview([figures({})]), ok({ items: [{ kind: 'disclosure', communityId: 'demo', communityName: '幸福里社区', title: '2026年第四季度 财务收支', reason: '逾期未公开（应于1月15日前）', dueAt: 0 }] as never[] }));
    expect(page.text('#escalations')).toContain('2026年第四季度 财务收支');
    expect(page.text('#escalations')).toContain('幸福里社区');
    expect(page.text('#escalations')).toContain('逾期未公开（应于1月15日前）');
  });

  it('says so when nothing was escalated, leads to 新建社区, and offers a retry on failure', async () => {
    const { page } = await open(overview([]));
    expect(page.text('#no-escalations')).toContain('暂无');
    expect(page.text('#empty')).toContain('还没有社区');
    await page.tap('#create');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/community-new/index' });
    fakeBackend({ 'subdistrict.overview': fail('NETWORK_ERROR'), 'subdistrict.escalations': fail('NETWORK_ERROR') });
    const again = render(pageId);
    again.instance.onShow();
    await flush();
    expect(again.exists('#error')).toBe(true);
  });
});
