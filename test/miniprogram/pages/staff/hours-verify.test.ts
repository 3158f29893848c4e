import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, type Replies } from '../../harness';
import type { AnomalyView, DisputeView, HourEntryView } from '../../../../miniprogram/core/hours/contract';
import type { ActivityView } from '../../../../miniprogram/core/volunteer/contract';

const pageId = loadPage('staff/hours-verify/index');

const H = 3600_000;
const NOW = Date.UTC(2026, 4, 6, 2, 0);

const entry = (id: string, extra: Partial<HourEntryView> = {}): HourEntryView => ({
  id, content: '植绿护绿：春季补种', serviceDate: '2026-05-01', kind: 'attendance', kindLabel: '签到签退', minutes: 125, hoursText: '2.1小时',
  status: 'pending', statusLabel: '待核验', flags: [], flagLabels: [], reason: null, awaitingSecond: false, volunteerName: '刘阿姨',
  allowedActions: ['hours.verify', 'hours.adjust'], ...extra,
});
const long = entry('long', { volunteerName: '马大爷', minutes: 540, hoursText: '9.0小时', flags: ['overThreshold'], flagLabels: ['时长较长，需第二人核验'] });
const second = entry('second', { volunteerName: '陈志愿', awaitingSecond: true, statusLabel: '待第二人核验' });
const dispute = (extra: Partial<DisputeView> = {}): DisputeView => ({
  id: 'hd1', entry: entry('e9', { status: 'verified', statusLabel: '已核验', minutes: 90, hoursText: '1.5小时', allowedActions: ['hours.adjust'] }), text: '记录少了半小时',
  dueAt: NOW + 3 * 24 * H, late: false, status: 'open', statusLabel: '待答复', answer: null, allowedActions: ['hours.answerDispute'], ...extra,
});

async function open(replies: Replies = {}, query: Record<string, string> = {}, admin = true) {
  const send = fakeBackend({
    'member.me': meReply(admin ? ['hours.pending', 'hours.disputes'] : ['hours.pending']),
    'hours.pending': ok({ items: [entry('a'), long, second] }),
    'hours.disputes': ok({ items: [dispute(), dispute({ id: 'hd2', late: true, statusLabel: '已逾期，待答复', dueAt: NOW - H })] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the lead’s entries to verify', () => {
  it('lists whose hours, how long, the flags and who still needs a second verifier', async () => {
    const { page } = await open();
    expect(page.count('.entry-row')).toBe(3);
    expect(page.text('#entry-a')).toContain('刘阿姨');
    expect(page.text('#entry-a')).toContain('2026年5月1日');
    expect(page.text('#entry-long')).toContain('时长较长，需第二人核验');
    expect(page.text('#entry-second')).toContain('需另一位负责人再核验');
    expect(page.text('#verify-second')).toBe('再核验通过');
  });

  it('通过 sends hours.verify and the entry leaves the queue; a first of two stays, marked', async () => {
    const { page, send } = await open({
      'hours.verify': (d) => ok(d.entryId === 'a' ? entry('a', { status: 'verified', statusLabel: '已核验', allowedActions: ['hours.adjust'] }) : { ...long, awaitingSecond: true, statusLabel: '待第二人核验', allowedActions: ['hours.adjust'] }),
    });
    await page.tap('#verify-a');
    expect(sent(send, 'hours.verify')[0].data).toEqual({ entryId: 'a', decision: 'verify' });
    expect(page.exists('#entry-a')).toBe(false);
    expect(page.text('#done')).toContain('已核验通过：刘阿姨 2.1小时');
    await page.tap('#verify-long');
    expect(page.text('#entry-long')).toContain('待第二人核验');
    expect(page.exists('#verify-long')).toBe(false);
    expect(page.text('#done')).toContain('等待另一位负责人再核验');
  });

  it('不通过 asks for the reason the volunteer will read', async () => {
    const { page, send } = await open({ 'hours.verify': ok(entry('a', { status: 'declined', statusLabel: '未通过', reason: '当天未到场', allowedActions: [] })) });
    await page.tap('#decline-a');
    await page.tap('#decline-submit');
    expect(page.text('#reason-error')).toContain('原因');
    expect(sent(send, 'hours.verify')).toHaveLength(0);
    await page.input('#decline-reason', '当天未到场');
    await page.tap('#decline-submit');
    expect(sent(send, 'hours.verify')[0].data).toEqual({ entryId: 'a', decision: 'decline', reason: '当天未到场' });
    expect(page.exists('#entry-a')).toBe(false);
    expect(page.text('#done')).toContain('刘阿姨会收到原因');
  });

  it('更正 adds a correction in minutes with a reason; the original stays', async () => {
    const { page, send } = await open({ 'hours.adjust': ok(entry('adj', { kind: 'adjustment', kindLabel: '更正', minutes: -30, hoursText: '-0.5小时', reason: '签到时间记早了', allowedActions: ['hours.verify'] })) });
    await page.tap('#adjust-a');
    await page.tap('#adjust-submit');
    expect(page.text('#minutes-error')).toContain('小时');
    await page.tap('#sign-minus');
    await page.input('#adjust-hours', '0.5');
    await page.input('#adjust-reason', '签到时间记早了');
    await page.tap('#adjust-submit');
    expect(sent(send, 'hours.adjust')[0].data).toEqual({ entryId: 'a', minutes: -30, reason: '签到时间记早了' });
    expect(sent(send, 'hours.adjust')[0].idempotencyKey).toBeTruthy();
    expect(page.exists('#entry-a')).toBe(true);
    expect(page.exists('#entry-adj')).toBe(true);
  });

  it('says when nothing waits', async () => {
    const { page } = await open({ 'hours.pending': ok({ items: [] }) });
    expect(page.text('#empty')).toBe('没有待核验的服务时长');
  });
});

describe('the admins’ dispute queue (?tab=disputes, as the notices open it)', () => {
  it('shows each dispute with its due date, the late one marked, and sends the answer', async () => {
    const { page, send } = await open({ 'hours.answerDispute': ok(dispute({ status: 'answered', statusLabel: '已答复', answer: '已核实，另做更正记录', allowedActions: [] })) }, { tab: 'disputes' });
    expect(page.text('#dispute-hd1')).toContain('记录少了半小时');
    expect(page.text('#dispute-hd1')).toContain('剩3天');
    expect(page.text('#dispute-hd2')).toContain('已逾期');
    await page.tap('#answer-hd1');
    await page.input('#answer-text', '已核实，另做更正记录');
    await page.tap('#answer-submit');
    expect(sent(send, 'hours.answerDispute')[0].data).toEqual({ disputeId: 'hd1', answer: '已核实，另做更正记录' });
    expect(page.exists('#dispute-hd1')).toBe(false);
  });

  it('更正时长 from a dispute corrects the disputed entry', async () => {
    const { page, send } = await open({ 'hours.adjust': ok(entry('adj', { kind: 'adjustment', minutes: 30, hoursText: '0.5小时' })) }, { tab: 'disputes' });
    await page.tap('#adjust-hd1');
    await page.input('#adjust-hours', '0.5');
    await page.input('#adjust-reason', '签退扫码失败');
    await page.tap('#adjust-submit');
    expect(sent(send, 'hours.adjust')[0].data).toEqual({ entryId: 'e9', minutes: 30, reason: '签退扫码失败' });
  });

  it('a lead who is not an admin has no dispute tab, even opened with ?tab=disputes', async () => {
    const { page, send } = await open({}, { tab: 'disputes' }, false);
    expect(page.exists('#tab-disputes')).toBe(false);
    expect(page.exists('#pending-list')).toBe(true);
    expect(sent(send, 'hours.disputes')).toHaveLength(0);
  });
});

describe('the anomaly list per activity', () => {
  const act = (id: string, title: string) => ({ id, title, startAt: NOW - 5 * 24 * H, allowedActions: ['activity.get', 'activity.roster'] }) as unknown as ActivityView;
  const anomalies: AnomalyView[] = [{ kind: 'sharedDevice', kindLabel: '同一部手机为多人签到', people: ['马大爷', '刘阿姨'], shiftStartAt: NOW - 5 * 24 * H, serviceDate: '2026-05-01', count: 2, at: NOW - 5 * 24 * H }];

  it('shows the first activity’s anomalies by name, and another’s when picked', async () => {
    const { page, send } = await open({
      'activity.list': ok({ items: [act('a1', '植绿护绿：春季补种'), act('a2', '助老探访')] }),
      'hours.anomalies': (d) => ok({ items: d.activityId === 'a1' ? anomalies : [] }),
    });
    await page.tap('#tab-anomalies');
    expect(sent(send, 'activity.list')[0].data).toMatchObject({ view: 'manage' });
    expect(page.text('#anomaly-list')).toContain('同一部手机为多人签到');
    expect(page.text('#anomaly-list')).toContain('马大爷、刘阿姨');
    expect(page.text('#anomaly-list')).toContain('共2次');
    await page.trigger('#activity-pick', 'change', { value: 1 });
    expect(sent(send, 'hours.anomalies')[1].data).toEqual({ activityId: 'a2' });
    expect(page.text('#no-anomalies')).toBe('这个活动没有异常情况');
  });

  it('shows the server’s words when it fails', async () => {
    const { page } = await open({ 'activity.list': fail('INTERNAL', '服务暂时不可用') });
    await page.tap('#tab-anomalies');
    expect(page.text('#error')).toContain('服务暂时不可用');
  });
});
