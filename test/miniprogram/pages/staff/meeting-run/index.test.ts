import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { setUploader } from '../../../../../miniprogram/services/upload';
import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { entry, item, meeting, NOW, proxy, quorum } from '../council-fixtures';

const pageId = loadPage('staff/meeting-run/index');

const roll = (items = [entry(), entry({ unitKey: 'unit-b3-2-301', label: '3号楼2单元301', people: [{ memberId: 'm-ma', name: '马大爷' }, { memberId: 'm-ma2', name: '马阿姨' }], present: true, via: 'self', viaLabel: '扫码签到', at: NOW - 600_000 })], q = quorum(120, 8)) =>
  ok({ items, quorum: q, total: 250 });

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'meeting.get': ok(meeting()),
    'member.me': meReply(['meeting.attendance'], { memberId: 'm-staff', roles: ['gridWorker'] }),
    'meeting.attendance': roll(),
    'meeting.proxies': ok({ items: [proxy()] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({ meetingId: 'meeting-1' });
  page.instance.onShow();
  await flush();
  return { page, send };
}

/** The page's own timers (a second or more), held here to run by hand. */
let timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
let now = NOW;
const realSetTimeout = global.setTimeout;
beforeEach(() => {
  jest.clearAllMocks();
  timers = [];
  now = NOW;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    if ((ms ?? 0) < 1000) return realSetTimeout(fn, ms);
    const t = { fn, ms: ms ?? 0, cleared: false };
    timers.push(t);
    return t as unknown as NodeJS.Timeout;
  }) as typeof setTimeout);
  jest.spyOn(global, 'clearTimeout').mockImplementation(((t: { cleared?: boolean }) => {
    if (t && typeof t === 'object' && 'cleared' in t) t.cleared = true;
  }) as typeof clearTimeout);
  wxMock.setKeepScreenOn = jest.fn();
});
afterEach(() => {
  jest.restoreAllMocks();
  setUploader(undefined);
});
const live = () => timers.filter((t) => !t.cleared);
async function runTimer(ms: number) {
  const t = live().find((x) => x.ms === ms);
  if (!t) throw new Error(`no live timer of ${ms} ms`);
  t.cleared = true;
  t.fn();
  await flush();
}

describe('the live quorum gauge', () => {
  it('shows 到会 (本人/委托), 应到 and 需 in big numbers, met, and keeps the screen on', async () => {
    const { page } = await open();
    expect(page.text('#title')).toBe('2026年第四次居民会议');
    expect(page.text('#gauge-present')).toBe('128');
    expect(page.text('#gauge-base')).toBe('250');
    expect(page.text('#gauge-required')).toBe('126');
    expect(page.text('#gauge-split')).toBe('本人 120，委托 8');
    expect(page.text('#gauge-verdict')).toContain('已达法定人数');
    expect(wxMock.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
  });

  it('says how many are still missing when below quorum', async () => {
    const { page } = await open({ 'meeting.get': ok(meeting({ quorum: quorum(100, 10) })), 'meeting.attendance': roll(undefined, quorum(100, 10)) });
    expect(page.text('#gauge-verdict')).toContain('未达法定人数，还差16');
  });

  it('asks for the count every 5 seconds while shown, and stops when hidden', async () => {
    let present = 120;
    const { page, send } = await open({ 'meeting.attendance': () => roll(undefined, quorum(present, 8)) });
    const before = sent(send, 'meeting.attendance').length;
    present = 130;
    await runTimer(5000);
    expect(sent(send, 'meeting.attendance')).toHaveLength(before + 1);
    expect(sent(send, 'meeting.attendance').at(-1)?.data).toMatchObject({ meetingId: 'meeting-1', limit: 1 });
    expect(page.text('#gauge-present')).toBe('138');
    expect(live().some((t) => t.ms === 5000)).toBe(true);
    page.instance.onHide();
    expect(live()).toHaveLength(0);
    expect(wxMock.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
  });
});

describe('the sign-in screen', () => {
  it('shows the six digits, asks for the next code when it changes', async () => {
    const code = (c: string, at: number) => ok({ code: c, qrText: `linli-mi:meeting-1:${c}`, changesAt: at, periodSeconds: 30, quorum: quorum(121, 8) });
    let next = code('123456', NOW + 20_000);
    const { page, send } = await open({ 'meeting.signInCode': () => next });
    await page.tap('#tab-screen');
    expect(sent(send, 'meeting.signInCode')[0].data).toEqual({ meetingId: 'meeting-1' });
    expect(page.text('#code')).toBe('123456');
    expect(page.text('#code-changes')).toContain('每30秒一换');
    expect(page.text('#gauge-present')).toBe('129');
    next = code('654321', NOW + 50_000);
    await runTimer(20_300);
    expect(page.text('#code')).toBe('654321');
  });

  it('says plainly when the code may not be served (outside the sign-in hours)', async () => {
    const { page } = await open({ 'meeting.signInCode': fail('FORBIDDEN', '会议开始前1小时才能签到') });
    await page.tap('#tab-screen');
    expect(page.text('#code-error')).toBe('会议开始前1小时才能签到');
    expect(page.exists('#code')).toBe(false);
  });
});

describe('the roll at the door', () => {
  it('finds an entry by room or name and signs it in for the resident (代签), principals too', async () => {
    const signed = entry({ present: true, via: 'staff', viaLabel: '工作人员代为签到', at: NOW });
    const { page, send } = await open({
      'meeting.signIn': ok({ entry: signed, quorum: quorum(121, 9), alsoForPrincipals: ['2号楼1单元202'] }),
    });
    await page.tap('#tab-roll');
    expect(page.text('#entry-0')).toContain('1号楼1单元101');
    expect(page.text('#entry-0')).toContain('刘阿姨');
    expect(page.text('#entry-0')).not.toContain('unit-b1');
    await page.input('#search', '101');
    await page.trigger('#search', 'confirm');
    expect(sent(send, 'meeting.attendance').at(-1)?.data).toMatchObject({ search: '101' });
    await page.tap('#sign-in-0');
    expect(sent(send, 'meeting.signIn')[0].data).toEqual({ meetingId: 'meeting-1', unitKey: 'unit-b1-1-101', reason: '' });
    expect(page.text('#entry-state-0')).toBe('已签到');
    expect(page.text('#entry-detail-0')).toContain('工作人员代为签到');
    expect(page.text('#notice')).toContain('同时为委托人签到：2号楼1单元202');
    expect(page.text('#gauge-present')).toBe('130');
  });

  it('records one who leaves, and the count drops', async () => {
    const left = entry({ unitKey: 'unit-b3-2-301', label: '3号楼2单元301', present: true, via: 'self', viaLabel: '扫码签到', left: true });
    const { page, send } = await open({ 'meeting.markLeft': ok({ entry: left, quorum: quorum(119, 8) }) });
    await page.tap('#tab-roll');
    await page.tap('#left-1');
    expect(sent(send, 'meeting.markLeft')[0].data).toEqual({ meetingId: 'meeting-1', unitKey: 'unit-b3-2-301', back: false });
    expect(page.text('#entry-state-1')).toBe('已离场');
    expect(page.text('#gauge-present')).toBe('127');
  });
});

describe('proxies', () => {
  it('confirms a paper proxy another worker recorded', async () => {
    const { page, send } = await open({ 'meeting.confirmProxy': ok(proxy({ status: 'active', statusLabel: '委托有效', confirmedByName: '王书记', allowedActions: [] })) });
    await page.tap('#tab-proxies');
    expect(page.text('#proxy-0')).toContain('3号楼2单元301（王某）');
    expect(page.text('#proxy-0')).toContain('纸质委托书待复核');
    await page.tap('#confirm-0');
    expect(sent(send, 'meeting.confirmProxy')[0].data).toEqual({ proxyId: 'proxy-1' });
    expect(page.text('#proxy-0')).toContain('委托有效');
    expect(page.exists('#confirm-0')).toBe(false);
  });

  it('rejects one with a reason', async () => {
    const { page, send } = await open({ 'meeting.confirmProxy': ok(proxy({ status: 'refused', statusLabel: '复核未通过', allowedActions: [] })) });
    await page.tap('#tab-proxies');
    await page.tap('#reject-0');
    await page.tap('#reject-submit');
    expect(page.text('#proxy-error')).toContain('不通过的原因');
    await page.input('#reject-reason', '没有委托人签字');
    await page.tap('#reject-submit');
    expect(sent(send, 'meeting.confirmProxy')[0].data).toEqual({ proxyId: 'proxy-1', reject: '没有委托人签字' });
  });

  it('records a paper proxy: principal and agent picked from the roll, the form photographed', async () => {
    wxMock.chooseMedia.mockImplementationOnce((opts: { success: (r: unknown) => void }) => opts.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/proxy.jpg' }] }));
    setUploader(async () => 'cloud://env-1.b/proxy/202612/proxy.jpg');
    const { page, send } = await open({ 'meeting.recordPaperProxy': ok(proxy({ principalLabel: '1号楼1单元101（刘阿姨）' })) });
    await page.tap('#tab-proxies');
    await page.tap('#paper-open');
    await page.tap('#paper-submit');
    expect(page.text('#principal-error')).toContain('设为委托人');
    expect(sent(send, 'meeting.recordPaperProxy')).toHaveLength(0);
    await page.tap('#principal-0');
    await page.tap('#agent-1-0');
    expect(page.text('#principal-text')).toBe('1号楼1单元101');
    expect(page.text('#agent-text')).toBe('马大爷（3号楼2单元301）');
    await page.tap('#paper-photo >>> #add-photo');
    await flush();
    await page.tap('#paper-submit');
    expect(sent(send, 'meeting.recordPaperProxy')[0].data).toEqual({ meetingId: 'meeting-1', principalUnitKey: 'unit-b1-1-101', agentMemberId: 'm-ma', photo: 'cloud://env-1.b/proxy/202612/proxy.jpg' });
    expect(page.text('#notice')).toContain('须另一位工作人员复核');
  });
});

describe('voting an agenda item', () => {
  it('shows a below-quorum refusal to open the vote plainly at the item', async () => {
    const { page, send } = await open({ 'meeting.openVote': fail('CONFLICT', '不足法定人数：到会110户，需126户') });
    await page.tap('#open-vote-0');
    expect(sent(send, 'meeting.openVote')[0].data).toEqual({ meetingId: 'meeting-1', itemId: 'item-1' });
    expect(page.text('#vote-error')).toBe('不足法定人数：到会110户，需126户');
    expect(page.text('#item-status-0')).toBe('待审议');
  });

  it('opens the vote and shows it running', async () => {
    const voting = item({ status: 'voting', statusLabel: '表决中', quorumAtOpen: quorum(120, 8), allowedActions: ['meeting.closeVote'] as ActionName[] });
    const { page } = await open({ 'meeting.openVote': ok(meeting({ agenda: [voting] })) });
    await page.tap('#open-vote-0');
    expect(page.text('#item-status-0')).toBe('表决中');
    expect(page.text('#item-0')).toContain('开始表决时：到会128户');
    expect(page.exists('#close-vote-0')).toBe(true);
  });

  it('closes a show of hands with a number per option and 弃权, and shows the decision explained', async () => {
    const voting = item({ status: 'voting', statusLabel: '表决中', allowedActions: ['meeting.closeVote'] as ActionName[] });
    const decided = item({ status: 'adopted', statusLabel: '表决通过', allowedActions: [], decision: { adopted: true, explanation: '应到250户，到会128户（需>125户）；同意100（需>64）→ 通过', counts: [{ label: '同意', count: 100 }, { label: '不同意', count: 20 }, { label: '弃权', count: 8 }] } });
    const { page, send } = await open({ 'meeting.get': ok(meeting({ agenda: [voting] })), 'meeting.closeVote': ok(meeting({ agenda: [decided] })) });
    await page.tap('#close-vote-0');
    await page.input('#hand-0', '100');
    await page.tap('#close-submit');
    expect(page.text('#hands-error')).toContain('请填写每个选项的举手人数');
    await page.input('#hand-1', '200');
    await page.tap('#close-submit');
    expect(page.text('#hands-error')).toContain('多于到会的128');
    await page.input('#hand-1', '20');
    await page.input('#abstain', '8');
    await page.tap('#close-submit');
    expect(sent(send, 'meeting.closeVote')[0].data).toEqual({ meetingId: 'meeting-1', itemId: 'item-1', hands: { counts: [100, 20], abstain: 8 } });
    expect(page.text('#item-status-0')).toBe('表决通过');
    expect(page.text('#item-explanation-0')).toContain('同意100（需>64）→ 通过');
  });

  it('leads to per-person entry on the paper page for a meeting poll', async () => {
    const voting = item({ voteMode: 'perPerson', voteModeLabel: '逐人表决（小程序或工作人员录入）', status: 'voting', statusLabel: '表决中', pollId: 'poll-m1', allowedActions: ['meeting.closeVote'] as ActionName[] });
    const { page } = await open({ 'meeting.get': ok(meeting({ agenda: [voting] })) });
    await page.tap('#per-person-0');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-paper/index?pollId=poll-m1' });
  });
});

describe('散会', () => {
  it('ends the meeting after a confirm, stops asking for the count, and leads to the minutes', async () => {
    const { page, send } = await open({ 'meeting.end': ok(meeting({ status: 'ended', statusLabel: '会议已结束，纪要待审定', allowedActions: ['meeting.get'] as ActionName[] })) });
    await page.tap('#end');
    expect(sent(send, 'meeting.end')[0].data).toEqual({ meetingId: 'meeting-1' });
    expect(page.text('#status')).toBe('会议已结束，纪要待审定');
    expect(page.exists('#end')).toBe(false);
    expect(live().some((t) => t.ms === 5000)).toBe(false);
    await page.tap('#open-minutes');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/minutes-edit/index?meetingId=meeting-1' });
  });
});
