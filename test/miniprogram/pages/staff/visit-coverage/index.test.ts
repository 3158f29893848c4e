import type { CoverageView, UncontactedHousehold } from '../../../../../miniprogram/core/visit/contract';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';

const pageId = loadPage('staff/visit-coverage/index');

const NOW = Date.now();
const DAY = 24 * 3600_000;
const care = (householdId: string, elderly = false, specialCare = false) => ({
  householdId, elderly, specialCare, text: [elderly ? '高龄/独居' : '', specialCare ? '特殊关爱' : ''].filter(Boolean).join('、'), updatedAt: null, updatedByName: null,
});
const silent: UncontactedHousehold = { householdId: 'h201', address: '2号楼 1单元 201室', lastContactAt: NOW - 95 * DAY, reason: '95天未联系', care: care('h201') };
const old: UncontactedHousehold = { householdId: 'h202', address: '1号楼 2单元 202室', lastContactAt: NOW - 40 * DAY, reason: '40天未联系', care: care('h202', true) };
const coverage = (extra: Partial<CoverageView> = {}): CoverageView => ({
  gridId: 'g1', gridName: '第一网格', month: '2026-11', visited: 2, households: 5, percent: 40, rateText: '2/5（40%）', visits: 3, asOf: NOW,
  noContact: [silent], care: [old], truncated: false, ...extra,
});

async function open(replies: Replies = {}, roles: Array<'gridWorker' | 'admin'> = ['gridWorker'], gridIds = ['g1']) {
  const send = fakeBackend({
    'member.me': meReply(['visit.coverage', 'visit.setCare', 'visit.log', 'member.find'], { roles, gridIds }),
    'community.grids': ok({ items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] }),
    'visit.coverage': ok(coverage()),
    'visit.setCare': ok(care('h201', true)),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({});
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a grid worker reads her grid’s coverage', () => {
  it('shows the rate with both counts and the visits of the month, for her grid only', async () => {
    const { page, send } = await open();
    expect(page.text('#rate-text')).toBe('2/5（40%）');
    expect(page.text('#visits')).toBe('本月登记走访 3 次');
    expect(page.exists('#grids')).toBe(false);
    expect(sent(send, 'visit.coverage')[0].data).toMatchObject({ gridId: 'g1' });
    expect(page.text()).not.toContain('h201');
  });
  it('lists the silent households with a 走访 button that opens the log for that household', async () => {
    const { page } = await open();
    expect(page.text('#silent-0')).toContain('2号楼 1单元 201室');
    expect(page.text('#silent-0')).toContain('95天未联系');
    await page.tap('#visit-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: `/staff/visit-log/index?householdId=h201&label=${encodeURIComponent('2号楼 1单元 201室')}` });
  });
  it('shows the care households with their flags', async () => {
    const { page } = await open();
    expect(page.text('#care-0')).toContain('1号楼 2单元 202室');
    expect(page.text('#care-0')).toContain('高龄/独居');
    expect(page.text('#care-0')).toContain('40天未联系');
  });
  it('says so when nobody is silent and nobody is flagged', async () => {
    const { page } = await open({ 'visit.coverage': ok(coverage({ noContact: [], care: [] })) });
    expect(page.exists('#no-contact-empty')).toBe(true);
    expect(page.exists('#care-empty')).toBe(true);
  });
});

describe('staff set a household’s care flags', () => {
  it('ticks 高龄/独居 on a silent household, saves and reads the coverage again', async () => {
    const { page, send } = await open();
    await page.tap('#care-silent-0');
    expect(page.text('#editing-address')).toBe('2号楼 1单元 201室');
    await page.tap('#flag-elderly');
    await page.tap('#care-save');
    expect(sent(send, 'visit.setCare')[0].data).toEqual({ householdId: 'h201', elderly: true, specialCare: false });
    expect(sent(send, 'visit.coverage')).toHaveLength(2);
    expect(page.exists('#care-editor')).toBe(false);
  });
  it('shows a refusal and keeps the editor open', async () => {
    const { page } = await open({ 'visit.setCare': fail('NOT_FOUND', '住户不存在') });
    await page.tap('#care-edit-0');
    await page.tap('#flag-special');
    await page.tap('#care-save');
    expect(page.text('#care-error')).toBe('住户不存在');
    expect(page.exists('#care-editor')).toBe(true);
  });
});

describe('an admin switches between grids', () => {
  it('offers every grid and reads the one tapped', async () => {
    const { page, send } = await open({}, ['admin'], []);
    expect(page.count('#grids .ll-segment')).toBe(2);
    await page.tap('#grid-1');
    expect(sent(send, 'visit.coverage').map((e) => (e.data as { gridId: string }).gridId)).toEqual(['g1', 'g2']);
  });
});

describe('errors', () => {
  it('shows the error with a retry', async () => {
    const { page } = await open({ 'visit.coverage': fail('INTERNAL') });
    expect(page.exists('#error')).toBe(true);
  });
});

describe('another month', () => {
  it('reads the month picked and names it in words', async () => {
    const { page, send } = await open();
    await page.change('#month', '2026-10');
    expect(page.text('#month-value')).toBe('2026年10月');
    expect(sent(send, 'visit.coverage').map((e) => (e.data as { month: string }).month)).toEqual([expect.stringMatching(/^\d{4}-\d{2}$/), '2026-10']);
  });
});
