/**
 * A 2号楼 协商会 as its residents and staff live it, from the door to the decisions: 501 cannot
 * come and gives her vote to 503 in the app; the screen shows the code and residents scan
 * it; 503 signs in for 501 too, and 501 is told; the grid worker signs in the old man of 201
 * who has no phone; the first item is voted in the app and decided by the majority of those
 * present, with its explanation; 501 learns how her vote was cast; the second item is a show
 * of hands; the secretary declares the end.
 */
import type { MeetingView, ProxyView, SignInCodeView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, type Harness } from '../../../../support/harness';
import { DAY, HOUR, makeMeeting } from '../../../../support/meetings';
import { addNeighbours, inbox, P, unitKeyOf, type SignedIn } from '../../../../support/meeting-votes';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  await addNeighbours(h);
});
afterEach(() => h.close());

it('runs a meeting’s votes from the door to the decisions', async () => {
  const made = await makeMeeting(h, {
    roll: { kind: 'household', scope: 'buildings', ids: [h.ids['2号楼']] },
    agenda: [
      { title: '在2号楼东侧加装快递柜', text: '快递公司承担费用', voteMode: 'perPerson' },
      { title: '更换楼道声控灯', voteMode: 'hands' },
    ],
  });
  expect(made.rollSize).toBe(5);
  const [parcel, lights] = made.agenda.map((i) => i.itemId);
  await runSweep(h.deps);

  // The day before: 501 will be away and gives her vote to her neighbour in 503.
  h.clock.advance(DAY);
  const offered = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: made.id });
  const taken = await h.ok<ProxyView>(P.c, 'meeting.acceptProxy', { meetingId: made.id, code: offered.code });
  expect(taken.principalLabel).toBe('2号楼 5单元 501室（邻某）');

  // Half an hour before the start the screen at the door shows the code.
  h.clock.advance(DAY - HOUR / 2);
  const screen = await h.ok<SignInCodeView>('demo-grid-1', 'meeting.signInCode', { meetingId: made.id });
  const scan = (openid: string) => h.ok<SignedIn>(openid, 'meeting.signIn', { meetingId: made.id, code: screen.code });
  const agent = await scan(P.c);
  expect(agent.alsoForPrincipals).toEqual(['2号楼 5单元 501室（邻某）']);
  expect((await inbox(h, P.a)).map((n) => n.title)).toContain('受托人已代您签到');
  await scan(P.b1);
  const roll = await h.ok<{ items: { unitKey: string; label: string }[] }>('demo-grid-1', 'meeting.attendance', { meetingId: made.id, search: '201' });
  const door = await h.ok<SignedIn>('demo-grid-1', 'meeting.signIn', { meetingId: made.id, unitKey: roll.items[0].unitKey, reason: '老人没有手机' });
  expect(door.quorum).toMatchObject({ present: 4, inPerson: 3, byProxy: 1, met: true });

  // The first item, voted in the app by each entry present: 503 for 501 and for themselves.
  h.clock.advance(HOUR);
  const voting = await h.ok<MeetingView>('demo-admin', 'meeting.openVote', { meetingId: made.id, itemId: parcel });
  const pollId = voting.agenda[0].pollId as string;
  expect(voting.agenda[0].quorumAtOpen?.text).toBe('到会4户（本人3，委托1）/ 应到5户，需>2.5户 → 已达法定人数');
  await h.ok(P.c, 'poll.vote', { pollId, choice: { optionIds: ['o1'] }, unitKey: await unitKeyOf(h, P.a) });
  await h.ok(P.c, 'poll.vote', { pollId, choice: { optionIds: ['o1'] }, unitKey: await unitKeyOf(h, P.c) });
  await h.ok(P.b2, 'poll.vote', { pollId, choice: { optionIds: ['o1'] } });
  // 201's paper slip, entered by staff at the meeting: counted as entered.
  await h.ok('demo-grid-1', 'poll.enterPaperBallot', { pollId, unitKey: roll.items[0].unitKey, channel: 'meeting', choice: { optionIds: ['o2'] } });
  const first = await h.ok<MeetingView>('demo-admin', 'meeting.closeVote', { meetingId: made.id, itemId: parcel });
  expect(first.agenda[0]).toMatchObject({ status: 'adopted', decision: { adopted: true, counts: [{ label: '同意', count: 3 }, { label: '不同意', count: 1 }] } });
  expect(first.agenda[0].decision?.explanation).toMatch(/^应到5户；到会4户（需>2.5户）；同意3户（需>2户） → 通过（/);
  expect((await inbox(h, P.a)).find((n) => n.kind === 'meeting.proxyUsed')?.body).toBe('邻居4号受您委托，对「在2号楼东侧加装快递柜」投了「同意」。表决结果：通过。');

  // The second, by a show of hands counted by the secretary.
  await h.ok('demo-grid-1', 'meeting.openVote', { meetingId: made.id, itemId: lights });
  const second = await h.ok<MeetingView>('demo-grid-1', 'meeting.closeVote', { meetingId: made.id, itemId: lights, hands: { counts: [4, 0], abstain: 0 } });
  expect(second.agenda[1]).toMatchObject({ status: 'adopted', voteModeLabel: '举手表决' });

  // 501 sees on her page how her proxy was used; nobody's choice but the one made for her.
  const mine = await h.ok<MeetingView>(P.a, 'meeting.get', { meetingId: made.id });
  expect(mine.myProxies[0].uses.map((u) => u.replace(/ \d+月\d+日 \d\d:\d\d$/, ''))).toEqual(['代为签到', '代为表决：在2号楼东侧加装快递柜（同意）', '代为表决：更换楼道声控灯']);
  const ended = await h.ok<MeetingView>('demo-grid-1', 'meeting.end', { meetingId: made.id });
  expect(ended.status).toBe('ended');
});
