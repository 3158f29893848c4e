import type { MeetingView, ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { MyBallotView, PollView } from '../../../../../miniprogram/core/poll/contract';
import { meetingRule } from '../../../../../miniprogram/core/council/quorum';
import { itemRule } from '../../../../../cloudfunctions/lib/features/meeting/open-vote';
import type { MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addNeighbours, inbox, item, meetingNow, P, seedMeeting, signIn, unitKeyOf } from '../../../../support/meeting-votes';

let h: Harness;
let m: MeetingRecord;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  await addNeighbours(h);
  m = await seedMeeting(h);
});
afterEach(() => h.close());

const open = (itemId: string, who = 'demo-admin') => h.call<MeetingView>(who, 'meeting.openVote', { meetingId: m._id, itemId });
const close = (itemId: string, extra: Record<string, unknown> = {}) => h.call<MeetingView>('demo-admin', 'meeting.closeVote', { meetingId: m._id, itemId, ...extra });
const itemOf = (v: MeetingView, itemId: string) => v.agenda.find((i) => i.itemId === itemId) as MeetingView['agenda'][number];
const vote = (openid: string, pollId: string, optionId: string, unitKey?: string) =>
  h.ok<MyBallotView>(openid, 'poll.vote', { pollId, choice: { optionIds: [optionId] }, ...(unitKey ? { unitKey } : {}) });

async function handOver(principal: string, agent: string): Promise<ProxyView> {
  const offered = await h.ok<ProxyView>(principal, 'meeting.grantProxy', { meetingId: m._id });
  return h.ok<ProxyView>(agent, 'meeting.acceptProxy', { meetingId: m._id, code: offered.code });
}

describe('a vote is refused to open below quorum', () => {
  it('refuses with the quorum counted from the sign-ins: 2 of 5 households, more than 2.5 needed', async () => {
    await signIn(h, P.a, m);
    await signIn(h, P.c, m);
    const res = await open('i1');
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toBe('不足法定人数：到会2户（本人2，委托0）/ 应到5户，需>2.5户 → 未达法定人数');
    expect((await meetingNow(h, m)).votingItemId).toBeNull();
    await signIn(h, P.d, m);
    const opened = await open('i1');
    expect(opened.ok && itemOf(opened.data, 'i1')).toMatchObject({ status: 'voting', quorumAtOpen: { present: 3, met: true } });
  });

  it('counts a proxy toward the quorum', async () => {
    await handOver(P.a, P.c);
    await signIn(h, P.c, m);
    await signIn(h, P.d, m);
    const opened = await open('i1');
    expect(opened.ok && itemOf(opened.data, 'i1').quorumAtOpen).toMatchObject({ present: 3, inPerson: 2, byProxy: 1 });
  });
});

describe('quorum is never typed in: after markLeft the vote cannot open', () => {
  it('refuses once a household is marked as left, and opens when it is back', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    await h.ok('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.d) });
    const res = await open('i1');
    expect(!res.ok && res.error.message).toMatch(/^不足法定人数：到会2户/);
    await h.ok('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.d), back: true });
    expect((await open('i1')).ok).toBe(true);
  });

  it('makes the vote void when quorum is lost before it closes', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    const opened = await open('i1');
    const pollId = opened.ok ? (itemOf(opened.data, 'i1').pollId as string) : '';
    await vote(P.a, pollId, 'o1');
    await h.ok('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.d) });
    const closed = await close('i1');
    expect(closed.ok && itemOf(closed.data, 'i1')).toMatchObject({ status: 'void', statusLabel: '表决无效（不足法定人数）', decision: { adopted: false } });
    expect(closed.ok && itemOf(closed.data, 'i1').decision?.explanation).toMatch(/^结束表决时不足法定人数：到会2户/);
    expect((await h.deps.store.get('polls', pollId))?.status).toBe('closed');
  });
});

describe('one vote at a time', () => {
  it('refuses to open a second item while one is being voted, and opens it after', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    await open('i1');
    const second = await open('i2');
    expect(!second.ok && second.error.message).toBe('正在表决「增设快递柜」，请先结束该项表决');
    await close('i1');
    expect((await open('i2')).ok).toBe(true);
  });

  it('opens one poll when the same item is opened twice at once', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    const [x, y] = await Promise.all([open('i1'), open('i1')]);
    expect(x.ok && y.ok).toBe(true);
    expect(x.ok && y.ok && itemOf(x.data, 'i1').pollId).toBe(y.ok ? itemOf(y.data, 'i1').pollId : '');
  });
});

describe('a per-person vote is decided by a majority of those present', () => {
  it('rejects an item two of four present approve (more than two needed), saying why', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.b1, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    const opened = await open('i1');
    const pollId = opened.ok ? (itemOf(opened.data, 'i1').pollId as string) : '';
    // Only those present are on the vote's roll; the poll is not among the community's polls.
    const seen = await h.ok<PollView>(P.a, 'poll.get', { pollId });
    expect(seen.eligibility).toMatchObject({ scope: 'meeting', text: '2号楼居民协商会到会人员' });
    await vote(P.a, pollId, 'o1');
    await vote(P.b2, pollId, 'o1');
    await vote(P.c, pollId, 'o2');
    const closed = await close('i1');
    const decided = closed.ok ? itemOf(closed.data, 'i1') : null;
    expect(decided).toMatchObject({ status: 'rejected', decision: { adopted: false } });
    expect(decided?.decision?.explanation).toContain('到会4户');
    expect(decided?.decision?.explanation).toContain('同意2户（需>2户） → 未通过');
    expect(decided?.decision?.counts).toEqual([{ label: '同意', count: 2 }, { label: '不同意', count: 1 }, { label: '到会未表决', count: 1 }]);
  });
});

describe('a show of hands is decided under the meeting’s rule, with the explanation', () => {
  it('takes the hands per option in order and adopts the item', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    await open('i2');
    const tooMany = await close('i2', { hands: { counts: [3, 1], abstain: 0 } });
    expect(!tooMany.ok && tooMany.error.code).toBe('VALIDATION_ERROR');
    expect(!tooMany.ok && tooMany.error.message).toBe('举手总数4超过了到会人数3');
    const closed = await close('i2', { hands: { counts: [2, 1], abstain: 0 } });
    const decided = closed.ok ? itemOf(closed.data, 'i2') : null;
    expect(decided).toMatchObject({ status: 'adopted', statusLabel: '表决通过', quorumAtClose: { present: 3, met: true } });
    expect(decided?.decision?.explanation).toBe(`应到5户；到会3户（需>2.5户）；同意2户（需>1.5户） → 通过（${meetingRule('URC-2018').name}）`);
    expect(closed.ok && closed.data.allowedActions).not.toContain('meeting.closeVote');
    expect((await meetingNow(h, m)).votingItemId).toBeNull();
    const handsEvents = (await h.deps.store.query('events', { where: { communityId: 'demo', subject: `poll:${decided?.pollId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items.filter((e) => e.type === 'poll.handsRecorded');
    expect(handsEvents.map((e) => e.note)).toEqual(['到会3']);
  });

  it('records the hands\' event with the close\'s, and again on a retry whose events were lost', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    const opened = await open('i2');
    const pollId = opened.ok ? itemOf(opened.data, 'i2').pollId : null;
    const typesOf = async (subject: string) =>
      (await h.deps.store.query('events', { where: { communityId: 'demo', subject }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items.map((e) => e.type);
    // The hands on the poll as a close that died right after recording them leaves it.
    const poll = (await h.deps.store.get('polls', pollId!))!;
    await h.deps.store.update('polls', poll._id, { hands: { present: 3, counts: { [poll.options[0].id]: 2, [poll.options[1].id]: 1 }, abstain: 0, by: member('demo-admin'), at: h.clock.now() }, participation: 3, version: poll.version + 1 }, { version: poll.version });
    expect(await typesOf(`poll:${pollId}`)).not.toContain('poll.handsRecorded');
    const closed = await close('i2', { hands: { counts: [2, 1], abstain: 0 } });
    expect(closed.ok && itemOf(closed.data, 'i2').status).toBe('adopted');
    expect((await typesOf(`poll:${pollId}`)).filter((t) => t === 'poll.handsRecorded')).toHaveLength(1);
    expect(await typesOf(`meeting:${m._id}`)).toContain('meeting.voteClosed');
  });

  it('asks for the hands when none were given', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    await open('i2');
    const res = await close('i2');
    expect(!res.ok && res.error.message).toBe('举手表决请填写各选项的举手人数');
  });
});

describe('a principal is told how the proxy was used', () => {
  it('tells 501 their agent chose 同意 on an open ballot, and logs it on the proxy', async () => {
    const proxy = await handOver(P.a, P.c);
    await signIn(h, P.c, m);
    await signIn(h, P.d, m);
    const opened = await open('i1');
    const pollId = opened.ok ? (itemOf(opened.data, 'i1').pollId as string) : '';
    // The agent votes for 501 (not for their own 503, which they vote for apart), known to them as they were told it.
    const mine = await h.ok<MyBallotView>(P.c, 'poll.myBallot', { pollId });
    expect(mine.units.map((u) => u.label).sort()).toEqual(['2号楼 5单元 501室（邻某）', '2号楼 5单元 503室']);
    await vote(P.c, pollId, 'o1', await unitKeyOf(h, P.a));
    await vote(P.c, pollId, 'o2', await unitKeyOf(h, P.c));
    const ownVote = await h.call(P.a, 'poll.vote', { pollId, choice: { optionIds: ['o2'] } });
    expect(!ownVote.ok && ownVote.error.code).toBe('FORBIDDEN');
    await close('i1');
    const told = (await inbox(h, P.a)).find((n) => n.kind === 'meeting.proxyUsed');
    expect(told?.body).toBe('邻居4号受您委托，对「增设快递柜」投了「同意」。表决结果：未通过。');
    const stored = await h.deps.store.get('meetingProxies', proxy.proxyId);
    expect(stored?.uses.map((u) => u.text)).toEqual(['代为签到', '代为表决：增设快递柜（同意）']);
  });

  it('says no choice on a secret ballot', async () => {
    m = await seedMeeting(h, { agenda: [item({ itemId: 'i1', secret: true })] });
    await handOver(P.a, P.c);
    await signIn(h, P.c, m);
    await signIn(h, P.d, m);
    const opened = await open('i1');
    const pollId = opened.ok ? (itemOf(opened.data, 'i1').pollId as string) : '';
    await vote(P.c, pollId, 'o1', await unitKeyOf(h, P.a));
    await close('i1');
    const told = (await inbox(h, P.a)).find((n) => n.kind === 'meeting.proxyUsed');
    expect(told?.body).toBe('邻居4号受您委托，参加了「增设快递柜」的不记名表决。表决结果：未通过。');
    expect(told?.body).not.toContain('同意」');
  });
});

describe('items without a vote, and the tier of an owners’ matter', () => {
  it('marks an item that is only discussed as discussed', async () => {
    m = await seedMeeting(h, { agenda: [item({ itemId: 'i1', voteMode: 'none' })] });
    await signIn(h, P.a, m);
    const res = await open('i1');
    expect(res.ok && itemOf(res.data, 'i1').status).toBe('discussed');
  });

  it('freezes a 业主大会 item’s own matter: 改建 needs three quarters', () => {
    const owners = { ...m, rule: meetingRule('CivilCode-278') };
    expect(itemRule(owners, item({ itemId: 'x', matter: 7 })).approval[0].fraction).toEqual({ num: 3, den: 4, cmp: '>=' });
    expect(itemRule(owners, item({ itemId: 'x', matter: 4 })).approval[0].fraction).toEqual({ num: 1, den: 2, cmp: '>' });
    expect(itemRule(m, item({ itemId: 'x', matter: 7 }))).toBe(m.rule);
  });
});

describe('who may run a vote', () => {
  it('refuses a grid worker who is not the convener or the secretary', async () => {
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    const res = await open('i1', 'demo-grid-1b');
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    expect((await open('i1', 'demo-grid-1')).ok).toBe(true);
  });
});
