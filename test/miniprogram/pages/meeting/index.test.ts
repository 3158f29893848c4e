import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies, type ReplyEnvelope } from '../../harness';
import { meetingQrText, type MeetingView } from '../../../../miniprogram/core/council/meeting-contract';
import type { MyBallotView, PollView } from '../../../../miniprogram/core/poll/contract';
import { ballot, poll } from '../poll/fixtures';
import { bj, item, meeting, NOW, proxy, quorum } from '../council/fixtures';
import { meetingRule, quorumOf } from '../../../../miniprogram/core/council/quorum';

const pageId = loadPage('pages/meeting/index');

async function open(m: MeetingView = meeting(), replies: Replies = {}, query: Record<string, string> = { meetingId: m.id }) {
  const send = fakeBackend({ 'meeting.get': ok(m), ...replies });
  const page = render(pageId);
  page.instance.onLoad(query);
  page.instance.onShow();
  await flush();
  return { page, send };
}

const inSession = (extra: Partial<MeetingView> = {}) => meeting({ status: 'inSession', statusLabel: '会议进行中', quorum: quorum(120, 8), ...extra });
const signedIn = { label: '1号楼1单元101', present: true, via: 'self' as const, viaLabel: '扫码签到', at: bj(2026, 12, 2, 9, 5) };

type ScanOpts = { success?: (r: { result: string }) => void; fail?: (e: { errMsg: string }) => void };
function scans(result: string) {
  wxMock.scanCode = jest.fn((o: ScanOpts) => o.success?.({ result }));
}

const signInReply = (alsoForPrincipals: string[] = []): ReplyEnvelope<'meeting.signIn'> =>
  ok({
    entry: { unitKey: 'u1', label: '1号楼1单元101', people: [], present: true, via: 'self', viaLabel: '扫码签到', at: bj(2026, 12, 2, 9, 5), left: false, agentName: null, registration: null },
    quorum: quorum(121, 8),
    alsoForPrincipals,
  });

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('a resident on the roll opens a meeting that has been noticed', () => {
  it('shows the body, when and where, the agenda with each item, and their own roll entry, with no id on screen', async () => {
    const { page, send } = await open();
    expect(sent(send, 'meeting.get')[0].data).toEqual({ meetingId: 'meeting_1' });
    expect(page.text('#title')).toBe('幸福里社区2026年第四季度居民会议');
    expect(page.text('#body-label')).toBe('居民会议');
    expect(page.text('#status')).toBe('已发通知');
    expect(page.text('#when')).toBe('时间今天 09:00–11:30');
    expect(page.text('#place')).toContain('社区党群服务中心二楼会议室');
    expect(page.text('#notice')).toContain('11月20日发出通知');
    expect(page.text('#item-0')).toContain('1. 加装电动车充电桩');
    expect(page.text('#item-0')).toContain('待审议');
    expect(page.text('#item-1')).toContain('只讨论，不表决');
    expect(page.text('#entry')).toBe('1号楼1单元101');
    expect(page.text('#roll')).toBe('每户派一名代表，应到250户');
    // Before the meeting opens there is no quorum to show.
    expect(page.exists('#quorum')).toBe(false);
    expect(page.text()).not.toMatch(/meeting_1|item_1|motion_1/);
  });

  it('offers sign-in only from an hour before the start, and says from when', async () => {
    const { page } = await open(meeting({ startsAt: bj(2026, 12, 9, 9, 0), endsAt: bj(2026, 12, 9, 11, 0) }));
    expect(page.exists('#scan')).toBe(false);
    expect(page.text('#sign-in-later')).toBe('12月9日 08:00起可以在本页签到');
  });

  it('says so to someone not on the roll, and offers no sign-in', async () => {
    const { page } = await open(meeting({ myAttendance: null, allowedActions: ['meeting.get'] }));
    expect(page.text('#not-on-roll')).toContain('您不在本次会议的参会名单上');
    expect(page.exists('#scan')).toBe(false);
  });
});

describe('signing in with the 6-digit code', () => {
  it('sends the code once and says 签到成功 with the time, and for whom it also signed in', async () => {
    let signed = false;
    const { page, send } = await open(inSession(), {
      'meeting.get': () => ok(signed ? inSession({ myAttendance: signedIn, quorum: quorum(121, 8) }) : inSession()),
      'meeting.signIn': () => {
        signed = true;
        return signInReply(['1号楼2单元202']);
      },
    });
    await page.tap('#type-code');
    await page.input('#code', '12a34 56');
    expect(page.instance.data.code).toBe('123456');
    await page.tap('#submit-code');
    expect(sent(send, 'meeting.signIn').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1', code: '123456' }]);
    expect(page.text('#sign-in-result')).toContain('签到成功 09:05');
    expect(page.text('#sign-in-result')).toContain('同时为委托人 1号楼2单元202 签到');
    expect(page.text('#mine-text')).toBe('已签到 今天 09:05（扫码签到）');
    expect(page.exists('#scan')).toBe(false);
  });

  it('refuses a short code at its field without sending', async () => {
    const { page, send } = await open(inSession());
    await page.tap('#type-code');
    await page.input('#code', '1234');
    await page.tap('#submit-code');
    expect(page.text('#code-error')).toBe('签到码是会场屏幕上二维码下方的6位数字');
    expect(sent(send, 'meeting.signIn')).toHaveLength(0);
  });

  it('shows the server refusing a stale code under the code box', async () => {
    const { page, send } = await open(inSession(), { 'meeting.signIn': fail('CONFLICT', '签到码已更换，请输入屏幕上现在显示的6位数字') });
    await page.tap('#type-code');
    await page.input('#code', '123456');
    await page.tap('#submit-code');
    expect(sent(send, 'meeting.signIn').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1', code: '123456' }]);
    expect(page.text('#code-error')).toBe('签到码已更换，请输入屏幕上现在显示的6位数字');
    expect(page.exists('#sign-in-result')).toBe(false);
  });
});

describe('signing in by scanning the screen', () => {
  it('reads the QR of this meeting and signs in with its code', async () => {
    const { page, send } = await open(inSession(), { 'meeting.signIn': signInReply() });
    scans(meetingQrText('meeting_1', '654321'));
    await page.tap('#scan');
    expect(sent(send, 'meeting.signIn').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1', code: '654321' }]);
    expect(page.text('#sign-in-result')).toContain('签到成功');
  });

  it('refuses the QR of another meeting, or one that is not a sign-in code, without sending', async () => {
    const { page, send } = await open(inSession());
    scans(meetingQrText('meeting_9', '654321'));
    await page.tap('#scan');
    expect(page.text('#sign-in-error')).toBe('这是另一场会议的签到码，请扫本次会议会场上的二维码');
    scans('https://example.com/');
    await page.tap('#scan');
    expect(page.text('#sign-in-error')).toBe('这不是会议签到二维码，请扫会场屏幕上的二维码');
    expect(sent(send, 'meeting.signIn')).toHaveLength(0);
  });
});

describe('the quorum line while the meeting is in session', () => {
  it('shows 到会 / 应到 / 需到会 and whether quorum is met', async () => {
    const { page } = await open(inSession());
    expect(page.text('#q-present')).toBe('128户');
    expect(page.text('#q-base')).toBe('250户');
    expect(page.text('#q-required')).toBe('126户');
    expect(page.text('#q-split')).toBe('本人120，委托8');
    expect(page.text('#q-verdict')).toBe('已达法定人数');
  });

  it('at an owners’ assembly also lists the area test beside the head count', async () => {
    const owners = quorumOf(meetingRule('CivilCode-278', { matter: 5 }), 'ownerUnit', { units: 200, areaCenti: 2_000_000 }, { inPerson: 140, byProxy: 0, areaCenti: 1_200_000 });
    const { page } = await open(inSession({ body: 'ownersAssembly', bodyLabel: '业主大会', rollKind: 'ownerUnit', quorum: owners }));
    expect(page.count('.q-line')).toBe(2);
    expect(page.text('#quorum')).toContain(owners.lines[1].text);
    expect(page.text('#q-verdict')).toBe('未达法定人数');
  });

  it('says how many are still missing below quorum', async () => {
    const { page } = await open(inSession({ quorum: quorum(90, 10) }));
    expect(page.text('#q-verdict')).toBe('未达法定人数，还差26户');
  });

  it('is read again every 10 seconds while the page is shown, and not once it is hidden', async () => {
    jest.useFakeTimers({ doNotFake: ['Date', 'setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
    let present = 120;
    const { page, send } = await open(inSession(), { 'meeting.get': () => ok(inSession({ quorum: quorum(present, 8) })) });
    expect(sent(send, 'meeting.get')).toHaveLength(1);
    present = 130;
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(sent(send, 'meeting.get')).toHaveLength(2);
    expect(page.text('#q-present')).toBe('138户');
    page.instance.onHide();
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(sent(send, 'meeting.get')).toHaveLength(2);
    page.instance.onShow();
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(sent(send, 'meeting.get')).toHaveLength(3);
  });

  it('is not polled for a meeting that is not in session', async () => {
    jest.useFakeTimers({ doNotFake: ['Date', 'setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
    const { send } = await open(meeting());
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(sent(send, 'meeting.get')).toHaveLength(1);
  });
});

describe('voting on the item being voted', () => {
  const voting = inSession({
    myAttendance: signedIn,
    agenda: [item({ status: 'voting', statusLabel: '表决中', pollId: 'poll_m1' })],
  });
  const meetingPoll = (b: MyBallotView): PollView =>
    poll({ id: 'poll_m1', title: '加装电动车充电桩', secret: false, options: [{ id: 'opt_yes', label: '同意' }, { id: 'opt_no', label: '不同意' }], myBallot: b });

  it('for someone who also holds a proxy: picks 本人 or 代委托人, then the choice, confirms and sends with that unit', async () => {
    const units = [
      { unitKey: 'u_self', label: '本人（1号楼1单元101）', voted: false },
      { unitKey: 'u_principal', label: '代委托人（1号楼2单元202）', voted: false },
    ];
    const { page, send } = await open(voting, {
      'poll.get': ok(meetingPoll(ballot({ pollId: 'poll_m1', units }))),
      'poll.vote': ok(ballot({ pollId: 'poll_m1', voted: true, byMe: true, counted: true, receipt: 'AB12-CD', choiceLabels: ['同意'], units: [{ ...units[0], voted: true }, units[1]] })),
    });
    expect(sent(send, 'poll.get')[0].data).toEqual({ pollId: 'poll_m1' });
    expect(page.text('#voting')).toContain('第1项：加装电动车充电桩');
    expect(page.text('#unit-0')).toContain('本人（1号楼1单元101）');
    expect(page.text('#unit-1')).toContain('代委托人（1号楼2单元202）');
    await page.tap('#unit-1');
    expect(page.text('#chosen-unit')).toContain('代委托人（1号楼2单元202）');
    await page.tap('#vote-submit');
    expect(page.text('#choice-error')).toBe('请选择一项，或选择弃权');
    await page.tap('#option-0');
    await page.tap('#vote-submit');
    expect(page.text('#vote-confirm')).toContain('您的选择：同意');
    expect(sent(send, 'poll.vote')).toHaveLength(0);
    await page.tap('#vote-confirm-submit');
    expect(sent(send, 'poll.vote').map((e) => e.data)).toEqual([{ pollId: 'poll_m1', choice: { optionIds: ['opt_yes'] }, unitKey: 'u_principal' }]);
    // One unit left: the chooser comes back for it.
    expect(page.text('#unit-0')).toContain('已表决');
    expect(page.text('#unit-1')).toContain('去表决');
  });

  it('asks someone on the roll who has not signed in to sign in first, and opens no ballot', async () => {
    const { page, send } = await open(inSession({ agenda: [item({ status: 'voting', statusLabel: '表决中', pollId: 'poll_m1' })] }));
    expect(page.text('#vote-cannot')).toBe('签到后才能参加表决');
    expect(page.exists('#options')).toBe(false);
    expect(sent(send, 'poll.get')).toHaveLength(0);
  });

  it('for a show of hands says to raise a hand in the room, with nothing to tap', async () => {
    const { page, send } = await open(inSession({ agenda: [item({ status: 'voting', statusLabel: '表决中', voteMode: 'hands', voteModeLabel: '举手表决' })] }));
    expect(page.text('#hands')).toContain('请在会场举手');
    expect(page.exists('#options')).toBe(false);
    expect(sent(send, 'poll.get')).toHaveLength(0);
  });

  it('shows a decided item with its explanation and a link to its resolution', async () => {
    const { page } = await open(
      meeting({
        status: 'ended',
        statusLabel: '会议已结束，纪要待审定',
        quorum: quorum(150, 10),
        agenda: [item({ status: 'adopted', statusLabel: '表决通过', resolutionId: 'resolution_1', decision: { adopted: true, explanation: '应到250户，到会160户（需>125户）；同意120（需>80）→ 通过', counts: [] } })],
      }),
    );
    expect(page.text('#decision-0')).toBe('应到250户，到会160户（需>125户）；同意120（需>80）→ 通过');
    expect(page.text('#q-verdict')).toBe('已达法定人数');
    await page.tap('#item-resolution-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/resolution/index?resolutionId=resolution_1' });
  });
});

describe('entrusting someone else (委托他人)', () => {
  it('asks for a code, shows it big with a share button, and the shared card opens this meeting with the code filled in', async () => {
    let granted = false;
    const { page, send } = await open(meeting(), {
      // The read after the grant is lost: the code still shows, from the grant's own answer.
      'meeting.get': () => (granted ? fail('NETWORK_ERROR') : ok(meeting())),
      'meeting.grantProxy': () => {
        granted = true;
        return ok(proxy());
      },
    });
    await page.tap('#grant');
    expect(sent(send, 'meeting.grantProxy').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1' }]);
    expect(page.text('#proxy-code-0')).toBe('K7Q2MF');
    expect(page.text('#my-proxy-0')).toContain('等待受托人接受');
    expect(page.exists('#share-0')).toBe(true);
    const share = page.instance.onShareAppMessage({ from: 'button', target: { dataset: { index: 0 } } }) as { path: string; title: string };
    expect(share.path).toBe('/pages/meeting/index?meetingId=meeting_1&proxyCode=K7Q2MF');
    expect(share.title).toContain('请您代我出席');
  });

  it('can entrust one agenda item only: the picker lists the items still to be voted', async () => {
    const two = meeting({ agenda: [item({ itemId: 'item_1', order: 1, title: '加装电动车充电桩' }), item({ itemId: 'item_2', order: 2, title: '居民公约修订' })] });
    const entrusted = proxy({ itemId: 'item_2', scopeText: '议题：居民公约修订' });
    let granted = false;
    const { page, send } = await open(two, {
      'meeting.get': () => ok(granted ? { ...two, myProxies: [entrusted] } : two),
      'meeting.grantProxy': () => {
        granted = true;
        return ok(entrusted);
      },
    });
    await page.change('#grant-item', 1);
    expect(sent(send, 'meeting.grantProxy').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1', itemId: 'item_2' }]);
    expect(page.text('#my-proxy-0')).toContain('议题：居民公约修订');
  });

  it('once accepted and used, names the agent and how it was used, and offers to revoke after a confirm', async () => {
    const { page, send } = await open(
      meeting({ myProxies: [proxy({ status: 'active', statusLabel: '委托有效', agentName: '赵大姐', code: null, uses: ['代为签到 12月2日 09:05', '代为表决：加装电动车充电桩'] })] }),
      { 'meeting.revokeProxy': ok(proxy({ status: 'revoked', statusLabel: '已撤销', allowedActions: [] })) },
    );
    expect(page.text('#my-proxy-0')).toContain('受托人：赵大姐');
    expect(page.text('#my-proxy-0')).toContain('代为表决：加装电动车充电桩');
    expect(page.exists('#proxy-code-0')).toBe(false);
    expect(page.exists('#share-0')).toBe(false);
    await page.tap('#revoke-0');
    expect(wxMock.showModal).toHaveBeenCalled();
    expect(sent(send, 'meeting.revokeProxy').map((e) => e.data)).toEqual([{ proxyId: 'proxy_1', reason: '' }]);
  });
});

describe('accepting a proxy (接受委托)', () => {
  it('opened from the shared card, has the code filled in and accepts it in one tap', async () => {
    const { page, send } = await open(meeting(), { 'meeting.acceptProxy': ok(proxy({ status: 'active', statusLabel: '委托有效', agentName: '刘阿姨', code: null })) }, { meetingId: 'meeting_1', proxyCode: 'k7q2mf' });
    expect(page.instance.data.acceptCode).toBe('K7Q2MF');
    await page.tap('#accept');
    expect(sent(send, 'meeting.acceptProxy').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1', code: 'K7Q2MF' }]);
    expect(page.text('#accept-done')).toContain('您已接受1号楼1单元101（刘某）的委托（整场会议）');
  });

  it('shows a refusal under the code box', async () => {
    const { page } = await open(meeting(), { 'meeting.acceptProxy': fail('CONFLICT', '您已为一位委托人代为出席，不能再接受委托') });
    await page.tap('#open-accept');
    await page.input('#accept-code', 'ab23cd');
    await page.tap('#accept');
    expect(page.text('#accept-error')).toBe('您已为一位委托人代为出席，不能再接受委托');
  });
});

describe('a meeting with limited seats', () => {
  it('shows the seats and the waitlist place, and registers with one tap', async () => {
    const { page, send } = await open(
      meeting({ seats: { total: 60, taken: 60, waitlist: 5 }, allowedActions: ['meeting.get', 'meeting.register'] }),
      { 'meeting.register': ok(meeting({ seats: { total: 60, taken: 60, waitlist: 6 }, myRegistration: { status: 'waitlisted', statusLabel: '候补', positionText: '候补第6位，共6人' }, allowedActions: ['meeting.get', 'meeting.unregister'] })) },
    );
    expect(page.text('#seats')).toBe('名额60个，已报名60户，候补5户');
    expect(page.text('#mine-text')).toBe('您在参会名单上，名额有限，请先报名');
    await page.tap('#register');
    expect(sent(send, 'meeting.register').map((e) => e.data)).toEqual([{ meetingId: 'meeting_1' }]);
    expect(page.text('#mine-text')).toBe('候补第6位，共6人');
    expect(page.exists('#register')).toBe(false);
    expect(page.exists('#unregister')).toBe(true);
  });
});

describe('a meeting whose minutes are approved', () => {
  it('leads to the minutes', async () => {
    const { page } = await open(meeting({ status: 'minutesApproved', statusLabel: '纪要已审定', minutes: 'approved', quorum: quorum(150, 10) }));
    await page.tap('#go-minutes');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/minutes/index?meetingId=meeting_1' });
  });
});
