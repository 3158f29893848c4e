/**
 * 民主议事 as its people live it: 刘阿姨's concern about parking becomes a motion, her
 * neighbours support it, the committee puts it to a 居民会议, 马大爷 cannot come and gives
 * her his proxy, she signs in for both, the meeting adopts it under the law's quorum, the
 * minutes are approved by a second person and the resolution is carried out — and 刘阿姨
 * follows it from her own concern to done without ever seeing an internal id.
 */
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import type { MeetingView, MinutesView, ProxyView, SignInCodeView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import type { InboxItem } from '../../../../../miniprogram/core/notify/contract';
import type { Page } from '../../../../../miniprogram/core/action';

const DAY = 24 * 3600_000;
const LIU = 'demo-resident-1';
const MA = 'demo-resident-2';
const GRID1 = 'demo-grid-1';
const ADMIN = 'demo-admin';

async function inbox(h: Harness, who: string): Promise<string[]> {
  const page = await h.ok<Page<InboxItem>>(who, 'notify.inbox', { limit: 50 });
  return page.items.map((i) => `${i.title} ${i.body}`);
}

describe('a concern followed through a motion, a meeting and a resolution to done', () => {
  let h: Harness;
  let concern: ConcernView;
  let motion: MotionView;
  let meeting: MeetingView;
  let resolution: ResolutionView;

  beforeAll(async () => {
    h = await createHarness();
    await h.ok(ADMIN, 'member.setRoles', { memberId: member('demo-admin-2'), roles: ['admin'], name: '李主任' });
  });
  afterAll(() => h.close());

  it('刘阿姨 raises a concern the grid worker cannot settle alone, and he turns it into a motion', async () => {
    concern = await h.ok<ConcernView>(LIU, 'concern.submit', {
      category: 'cat_demo_environment', buildingId: h.ids['1号楼'],
      text: '小区东门口晚上车停得满满当当，消防通道都被堵住了，能不能大家商量一下划停车位？',
    }, key());
    await h.ok(GRID1, 'concern.accept', { concernId: concern.id });
    motion = await h.ok<MotionView>(GRID1, 'motion.propose', {
      title: '东门口划定夜间停车位', body: '东门口夜间乱停车堵塞消防通道，建议在东侧空地划定夜间停车位并设置消防通道标线。', fromConcernId: concern.id,
    }, key());
    expect(motion.source).toBe('concern');
    expect(motion.status).toBe('collecting');
    const mine = await h.ok<ConcernView & { motion: { title: string } | null }>(LIU, 'concern.get', { concernId: concern.id });
    expect(mine.motion?.title).toBe('东门口划定夜间停车位');
  });

  it('neighbours support it, one per household, until it passes the threshold', async () => {
    const once = await h.ok<MotionView>(MA, 'motion.support', { motionId: motion.id });
    const again = await h.ok<MotionView>(MA, 'motion.support', { motionId: motion.id });
    expect(again.supports).toBe(once.supports);
    motion = await h.ok<MotionView>(LIU, 'motion.support', { motionId: motion.id });
    expect(motion.supportedByMe).toBe(true);
    expect(motion.status).toBe('thresholdMet');
    expect(motion.answerDueAt).not.toBeNull();
    expect((await inbox(h, ADMIN)).some((t) => t.includes('东门口划定夜间停车位'))).toBe(true);
  });

  it('the committee convenes a 居民会议 with the motion on its agenda, after the notice period', async () => {
    const tooSoon = await h.call(ADMIN, 'meeting.create', {
      title: '幸福里社区居民会议', body: 'residentsMeeting', place: '社区服务站二楼会议室', startsAt: h.clock.now() + 3 * DAY, endsAt: h.clock.now() + 3 * DAY + 2 * 3600_000,
      roll: { kind: 'household' }, rule: { id: 'URC-2018' }, agenda: [{ motionId: motion.id, voteMode: 'hands' }], secretaryId: member(GRID1),
    }, key());
    expect(tooSoon.ok).toBe(false);
    if (!tooSoon.ok) expect(JSON.stringify(tooSoon.error)).toContain('startsAt');
    const startsAt = h.clock.now() + 11 * DAY;
    meeting = await h.ok<MeetingView>(ADMIN, 'meeting.create', {
      title: '幸福里社区居民会议', body: 'residentsMeeting', place: '社区服务站二楼会议室', startsAt, endsAt: startsAt + 2 * 3600_000,
      roll: { kind: 'household' }, rule: { id: 'URC-2018' }, agenda: [{ motionId: motion.id, voteMode: 'hands' }], secretaryId: member(GRID1),
    }, key());
    expect(meeting.rollSize).toBeGreaterThanOrEqual(2);
    expect((await h.ok<MotionView>(LIU, 'motion.get', { motionId: motion.id })).status).toBe('scheduled');
  });

  it('马大爷 cannot come and gives 刘阿姨 his proxy; she accepts it with his code', async () => {
    const granted = await h.ok<ProxyView>(MA, 'meeting.grantProxy', { meetingId: meeting.id });
    expect(granted.code).toMatch(/^[A-Z2-9]{6}$/);
    const accepted = await h.ok<ProxyView>(LIU, 'meeting.acceptProxy', { meetingId: meeting.id, code: granted.code });
    expect(accepted.status).toBe('active');
    // Neither is offered what the server would refuse: no chains, one principal per agent.
    const hers = await h.ok<MeetingView>(LIU, 'meeting.get', { meetingId: meeting.id });
    expect(hers.allowedActions).not.toContain('meeting.grantProxy');
    expect(hers.allowedActions).not.toContain('meeting.acceptProxy');
    // 马大爷 bound by an invite and never gave a name: his flat alone, no 「居某」.
    expect(hers.proxiesToMe[0].principalLabel).toBe('3号楼 2单元 302室');
    const his = await h.ok<MeetingView>(MA, 'meeting.get', { meetingId: meeting.id });
    expect(his.allowedActions).not.toContain('meeting.grantProxy');
    expect(his.myProxies[0].agentName).toBe('刘阿姨');
  });

  it('on the day 刘阿姨 scans in once and stands for both households; quorum is counted, not typed', async () => {
    h.clock.advance(11 * DAY);
    const code = await h.ok<SignInCodeView>(ADMIN, 'meeting.signInCode', { meetingId: meeting.id });
    const signed = await h.ok<{ quorum: { present: number; byProxy: number; met: boolean; base: number } }>(LIU, 'meeting.signIn', { meetingId: meeting.id, code: code.code });
    expect(signed.quorum.byProxy).toBe(1);
    expect(signed.quorum.present).toBe(2);
    // Four households on the roll: two is not more than half.
    expect(signed.quorum.base).toBe(4);
    expect(signed.quorum.met).toBe(false);
    expect((await inbox(h, MA)).some((t) => t.includes('签到'))).toBe(true);
  });

  it('a neighbour without a phone is signed in at the door by the grid worker, and quorum is reached', async () => {
    const roll = await h.ok<{ items: Array<{ unitKey: string; label: string; present: boolean }> }>(GRID1, 'meeting.attendance', { meetingId: meeting.id, search: '2号楼', onlyAbsent: true });
    const signed = await h.ok<{ quorum: { present: number; met: boolean; text: string } }>(GRID1, 'meeting.signIn', { meetingId: meeting.id, unitKey: roll.items[0].unitKey, reason: '居民未带手机，现场核对身份' });
    expect(signed.quorum.present).toBe(3);
    expect(signed.quorum.met).toBe(true);
    expect(signed.quorum.text).toBe('到会3户（本人2，委托1）/ 应到4户，需>2户 → 已达法定人数');
  });

  it('the motion is put to a show of hands and adopted under the meeting\'s rule', async () => {
    meeting = await h.ok<MeetingView>(ADMIN, 'meeting.openVote', { meetingId: meeting.id, itemId: meeting.agenda[0].itemId });
    meeting = await h.ok<MeetingView>(ADMIN, 'meeting.closeVote', { meetingId: meeting.id, itemId: meeting.agenda[0].itemId, hands: { counts: [3, 0], abstain: 0 } });
    const item = meeting.agenda[0];
    expect(item.status).toBe('adopted');
    expect(item.decision?.explanation).toContain('→ 通过');
    meeting = await h.ok<MeetingView>(ADMIN, 'meeting.end', { meetingId: meeting.id });
  });

  it('the secretary drafts the minutes, another admin approves them and names an owner', async () => {
    const draft = await h.ok<MinutesView>(GRID1, 'meeting.minutes', { meetingId: meeting.id });
    const saved = await h.ok<MinutesView>(GRID1, 'meeting.saveMinutes', {
      meetingId: meeting.id, version: draft.version, summary: '会议由王书记主持，刘阿姨（电话13800138000）介绍了东门口停车情况。',
      items: [{ itemId: meeting.agenda[0].itemId, discussion: '与会居民同意划定夜间停车位。' }],
    });
    const selfApprove = await h.call(GRID1, 'meeting.approveMinutes', { meetingId: meeting.id, version: saved.version, resolutions: [] });
    expect(selfApprove.ok).toBe(false);
    const approved = await h.ok<MinutesView>('demo-admin-2', 'meeting.approveMinutes', {
      meetingId: meeting.id, version: saved.version,
      resolutions: [{ itemId: meeting.agenda[0].itemId, ownerId: member(GRID1), dueAt: h.clock.now() + 30 * DAY }],
    });
    expect(approved.status).toBe('approved');
    const published = await h.ok<MinutesView>(LIU, 'meeting.minutes', { meetingId: meeting.id });
    expect(published.publicText).not.toContain('13800138000');
    expect(published.publicText).toContain('东门口');
  });

  it('刘阿姨 follows her concern to the resolution, and to done', async () => {
    const fromMotion = await h.ok<MotionView>(LIU, 'motion.get', { motionId: motion.id });
    expect(fromMotion.status).toBe('decided');
    expect(fromMotion.links.resolution).not.toBeNull();
    const resolutionId = fromMotion.links.resolution!.resolutionId;
    resolution = await h.ok<ResolutionView>(GRID1, 'resolution.progress', { resolutionId, percent: 60, text: '已完成东侧空地测量和标线设计，等待施工。' });
    expect(resolution.percent).toBe(60);
    const back = await h.call(GRID1, 'resolution.progress', { resolutionId, percent: 40, text: '进度回退的记录应当被拒绝。' });
    expect(back.ok).toBe(false);
    resolution = await h.ok<ResolutionView>(GRID1, 'resolution.progress', { resolutionId, percent: 100, text: '停车位和消防通道标线已施工完毕，投入使用。' });
    expect(resolution.status).toBe('done');
    const seen = await h.ok<ResolutionView>(LIU, 'resolution.get', { resolutionId });
    expect(seen.concerns.map((c) => c.concernId)).toEqual([concern.id]);
    expect(seen.motion?.title).toBe('东门口划定夜间停车位');
    expect((await inbox(h, LIU)).some((t) => t.includes('东门口划定夜间停车位'))).toBe(true);
  });
});
