import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { HourEntryView, MyHoursView } from '../../../../miniprogram/core/hours/contract';

const pageId = loadPage('pages/volunteer/hours/index');

const entry = (id: string, extra: Partial<HourEntryView> = {}): HourEntryView => ({
  id, content: '助老探访：每周上门问候', serviceDate: '2026-04-26', kind: 'attendance', kindLabel: '签到签退', minutes: 120, hoursText: '2.0小时',
  status: 'verified', statusLabel: '已核验', flags: [], flagLabels: [], reason: null, awaitingSecond: false, allowedActions: ['hours.dispute'], ...extra,
});
const view = (extra: Partial<MyHoursView> = {}): MyHoursView => ({
  verified: { minutes: 6240, hoursText: '104.0小时' },
  pending: { minutes: 80, hoursText: '1.3小时' },
  byTeam: [{ teamName: '助老探访队', minutes: 6240, hoursText: '104.0小时' }],
  byYear: [{ year: '2026', minutes: 2400, hoursText: '40.0小时' }, { year: '2025', minutes: 3840, hoursText: '64.0小时' }],
  entries: [
    entry('p', { status: 'pending', statusLabel: '待核验', minutes: 80, hoursText: '1.3小时', content: '植绿护绿：春季补种', flagLabels: ['签到不在时间窗口内'] }),
    entry('v'),
    entry('d', { dispute: { statusLabel: '异议已答复', text: '少算了半小时', answer: '已核实，另做更正记录' }, allowedActions: [] }),
  ],
  ...extra,
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'hours.mine': ok(view()), ...replies });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a volunteer opens 我的服务时长', () => {
  it('shows the verified total with the 100-hour milestone as this community’s record, pending apart', async () => {
    const { page } = await open();
    expect(page.text('#verified')).toBe('104.0小时');
    expect(page.text('#pending')).toBe('1.3小时');
    expect(page.text('#totals')).toContain('待核验（未计入）');
    expect(page.text()).toContain('本社区记录：服务满100小时');
    expect(page.text('#by-team')).toContain('助老探访队');
    expect(page.text('#by-year')).toContain('2025年');
  });

  it('lists each entry with its status, date and flags; an answered dispute shows the answer', async () => {
    const { page } = await open();
    expect(page.count('.entry-row')).toBe(3);
    expect(page.text('#entry-p')).toContain('待核验');
    expect(page.text('#entry-p')).toContain('签到不在时间窗口内');
    expect(page.text('#entry-v')).toContain('2026年4月26日');
    expect(page.text('#entry-d')).toContain('社区答复：已核实，另做更正记录');
    expect(page.exists('#dispute-d')).toBe(false);
  });

  it('links to 我的志愿服务记录证明', async () => {
    const { page } = await open();
    await page.tap('#go-certificates');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/certificates/index' });
  });

  it('with no entries yet, says how hours come and offers the activities', async () => {
    const { page } = await open({ 'hours.mine': ok(view({ verified: { minutes: 0, hoursText: '0.0小时' }, pending: { minutes: 0, hoursText: '0.0小时' }, byTeam: [], byYear: [], entries: [] })) });
    expect(page.text('#empty')).toContain('扫码签到、签退后');
    expect(page.text()).toContain('尚未满100小时');
  });

  it('shows the server’s words when the hours cannot load', async () => {
    const { page } = await open({ 'hours.mine': fail('INTERNAL', '服务暂时不可用') });
    expect(page.text('#error')).toContain('服务暂时不可用');
  });
});

describe('有异议 on an entry', () => {
  it('asks what is wrong, sends hours.dispute and the entry then waits for the answer', async () => {
    const { page, send } = await open({
      'hours.dispute': ok({ id: 'hd_v', entry: entry('v'), text: '那天服务到11点半', dueAt: 0, late: false, status: 'open', statusLabel: '待答复', answer: null, allowedActions: [] }),
    });
    await page.tap('#dispute-v');
    await page.tap('#dispute-submit');
    expect(page.text('#text-error')).toContain('异议内容');
    expect(sent(send, 'hours.dispute')).toHaveLength(0);
    await page.input('#dispute-text', '那天服务到11点半');
    await page.tap('#dispute-submit');
    expect(sent(send, 'hours.dispute')[0].data).toEqual({ entryId: 'v', text: '那天服务到11点半' });
    expect(page.text('#entry-v')).toContain('异议待答复');
    expect(page.text('#entry-v')).toContain('我的异议：那天服务到11点半');
    expect(page.exists('#dispute-v')).toBe(false);
  });

  it('a refused word is said next to the button and the text stays to be changed', async () => {
    const { page } = await open({ 'hours.dispute': fail('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再提交', { issues: [{ path: 'text', message: '内容含有不适宜发布的信息，请修改后再提交' }] }) });
    await page.tap('#dispute-v');
    await page.input('#dispute-text', '这段文字会被拒绝');
    await page.tap('#dispute-submit');
    expect(page.text('#row-error')).toContain('不适宜发布');
    expect(page.exists('#dispute-panel')).toBe(true);
  });
});
