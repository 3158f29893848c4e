import type { Page } from '../../../../../miniprogram/core/action';
import type { ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addNeighbours, inbox, P, paperPhoto, seedMeeting, signIn, unitKeyOf } from '../../../../support/meeting-votes';
import type { MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';

let h: Harness;
let m: MeetingRecord;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  await addNeighbours(h);
  m = await seedMeeting(h);
});
afterEach(() => h.close());

const grant = (openid: string, extra: Record<string, unknown> = {}) => h.ok<ProxyView>(openid, 'meeting.grantProxy', { meetingId: m._id, ...extra });
const accept = (openid: string, code: string | null) => h.call<ProxyView>(openid, 'meeting.acceptProxy', { meetingId: m._id, code });

async function handOver(principal: string, agent: string): Promise<ProxyView> {
  const offered = await grant(principal);
  const res = await accept(agent, offered.code);
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

describe('the agent is another person on the roll, told whom they stand for and no more', () => {
  it('gives the principal a 6-character code without ambiguous characters, and the agent 「2号楼 5单元 501室（邻某）」', async () => {
    const offered = await grant(P.a);
    expect(offered.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(offered).toMatchObject({ status: 'offered', scopeText: '整场会议', agentName: null });
    const taken = await accept(P.c, offered.code);
    expect(taken.ok && taken.data).toMatchObject({ status: 'active', principalLabel: '2号楼 5单元 501室（邻某）', agentName: '邻居4号', code: null });
    expect(JSON.stringify(taken.ok && taken.data)).not.toContain('邻居1号');
    expect((await inbox(h, P.a)).map((n) => n.title)).toContain('委托已被接受');
  });

  it('refuses someone of the principal’s own household', async () => {
    const offered = await grant(P.b1);
    const res = await accept(P.b2, offered.code);
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    expect(!res.ok && res.error.message).toBe('不能委托给本户（本人）的人，请委托名册上的其他人');
  });

  it('refuses someone not on the roll', async () => {
    const offered = await grant(P.a);
    const res = await accept('demo-resident-1', offered.code);
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    expect(!res.ok && res.error.message).toBe('受托人须是本次会议名册上的人');
  });

  it('refuses a wrong code with NOT_FOUND on the code field', async () => {
    await grant(P.a);
    const res = await accept(P.c, 'ZZZZ22');
    expect(!res.ok && res.error.code).toBe('NOT_FOUND');
  });
});

describe('a second principal for one agent is refused', () => {
  it('refuses 503’s agent a second proxy under the default cap of one', async () => {
    await handOver(P.a, P.c);
    const second = await grant(P.b1);
    const res = await accept(P.c, second.code);
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toBe('受托人已接受了一份委托，每位受托人只能代表一位委托人');
    expect((await h.deps.store.get('meetingProxies', second.proxyId))?.status).toBe('offered');
  });

  it('lets only one of two principals racing for one agent through', async () => {
    const [x, y] = [await grant(P.a), await grant(P.b1)];
    const answers = await Promise.all([accept(P.c, x.code), accept(P.c, y.code)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const held = await h.deps.store.get('meetingProxyAgents', `pa_${m._id}_${member(P.c)}`);
    expect(held?.proxyIds).toHaveLength(1);
  });

  it('allows as many as the meeting sets', async () => {
    m = await seedMeeting(h, { proxiesPerAgent: 2 });
    await handOver(P.a, P.c);
    await handOver(P.b1, P.c);
    const third = await grant(P.d);
    const res = await accept(P.c, third.code);
    expect(!res.ok && res.error.message).toBe('受托人已接受2份委托，每位受托人最多代表2位委托人');
  });
});

describe('a chain is refused', () => {
  it('refuses an agent holding a proxy who tries to give their own vote away', async () => {
    await handOver(P.a, P.c);
    const res = await h.call(P.c, 'meeting.grantProxy', { meetingId: m._id });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toMatch(/不能转委托/);
  });

  it('refuses as agent someone who gave their own vote away', async () => {
    await handOver(P.a, P.c);
    const other = await grant(P.d);
    const res = await accept(P.a, other.code);
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toBe('受托人已把自己的表决权委托给他人，不能再接受委托（不能转委托）');
  });

  it('refuses a principal whose code was offered before they became an agent', async () => {
    const fromC = await grant(P.c);
    await handOver(P.a, P.c);
    const res = await accept(P.d, fromC.code);
    expect(!res.ok && res.error.message).toBe('委托人已接受他人的委托，不能再把自己的表决权委托出去（不能转委托）');
  });

  it('lets at most one of two crossing acceptances through (501 takes 503’s as 503 takes 501’s)', async () => {
    const [fromA, fromC] = [await grant(P.a), await grant(P.c)];
    const answers = await Promise.all([accept(P.c, fromA.code), accept(P.a, fromC.code)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const active = (await h.deps.store.query('meetingProxies', { where: { communityId: 'demo', meetingId: m._id, status: 'active' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 10 })).items;
    expect(active).toHaveLength(1);
  });
});

describe('a paper 委托书 stands only once a second staff member has checked it', () => {
  it('records it pending, refuses the recorder’s own check, and activates it for another', async () => {
    const photo = await paperPhoto(h, 'demo-grid-1');
    const recorded = await h.ok<ProxyView>('demo-grid-1', 'meeting.recordPaperProxy', { meetingId: m._id, principalUnitKey: await unitKeyOf(h, P.d), agentMemberId: member(P.c), photo });
    expect(recorded).toMatchObject({ status: 'pendingConfirm', via: 'paper', principalLabel: '2号楼 5单元 504室（邻某）', recordedByName: '李秀英' });
    const own = await h.call('demo-grid-1', 'meeting.confirmProxy', { proxyId: recorded.proxyId });
    expect(!own.ok && own.error.code).toBe('FORBIDDEN');
    const done = await h.ok<ProxyView>('demo-admin', 'meeting.confirmProxy', { proxyId: recorded.proxyId });
    expect(done).toMatchObject({ status: 'active', confirmedByName: '王书记' });
    expect((await inbox(h, P.c)).map((n) => n.title)).toContain('您已受托出席会议');
    const byAgent = await signIn(h, P.c, m);
    expect(byAgent.alsoForPrincipals).toEqual(['2号楼 5单元 504室（邻某）']);
  });

  it('holds the agent’s place while pending: an app proxy to the same agent is refused', async () => {
    const photo = await paperPhoto(h, 'demo-grid-1');
    await h.ok('demo-grid-1', 'meeting.recordPaperProxy', { meetingId: m._id, principalUnitKey: await unitKeyOf(h, P.d), agentMemberId: member(P.c), photo });
    const offered = await grant(P.a);
    const res = await accept(P.c, offered.code);
    expect(!res.ok && res.error.code).toBe('CONFLICT');
  });

  it('is refused with a reason and then stands for nothing', async () => {
    const photo = await paperPhoto(h, 'demo-grid-1');
    const recorded = await h.ok<ProxyView>('demo-grid-1', 'meeting.recordPaperProxy', { meetingId: m._id, principalUnitKey: await unitKeyOf(h, P.d), agentMemberId: member(P.c), photo });
    const refused = await h.ok<ProxyView>('demo-admin', 'meeting.confirmProxy', { proxyId: recorded.proxyId, reject: '委托书没有签名' });
    expect(refused.status).toBe('refused');
    expect((await signIn(h, P.c, m)).alsoForPrincipals).toEqual([]);
  });

  it('is listed first to staff, and not at all to residents', async () => {
    await handOver(P.a, P.c);
    const photo = await paperPhoto(h, 'demo-grid-1');
    await h.ok('demo-grid-1', 'meeting.recordPaperProxy', { meetingId: m._id, principalUnitKey: await unitKeyOf(h, P.d), agentMemberId: member(P.b1), photo });
    const page = await h.ok<Page<ProxyView>>('demo-admin', 'meeting.proxies', { meetingId: m._id });
    expect(page.items.map((p) => p.status)).toEqual(['pendingConfirm', 'active']);
    expect(page.items[0].allowedActions).toContain('meeting.confirmProxy');
    const resident = await h.call(P.a, 'meeting.proxies', { meetingId: m._id });
    expect(!resident.ok && resident.error.code).toBe('FORBIDDEN');
  });
});

describe('a proxy is revocable until the vote of its scope opens', () => {
  it('revokes, grants again in the same record, and the revoked agent is told', async () => {
    const first = await handOver(P.a, P.c);
    const revoked = await h.ok<ProxyView>(P.a, 'meeting.revokeProxy', { proxyId: first.proxyId });
    expect(revoked.status).toBe('revoked');
    expect((await inbox(h, P.c)).map((n) => n.title)).toContain('委托已撤销');
    const again = await grant(P.a);
    expect(again).toMatchObject({ proxyId: first.proxyId, status: 'offered' });
    expect(again.code).not.toBe(first.code);
    expect((await accept(P.d, again.code)).ok).toBe(true);
  });

  it('takes back an entry its agent had already signed in', async () => {
    const first = await handOver(P.a, P.c);
    expect((await signIn(h, P.c, m)).quorum.present).toBe(2);
    await h.ok(P.a, 'meeting.revokeProxy', { proxyId: first.proxyId });
    const after = await signIn(h, P.c, m);
    expect(after.quorum).toMatchObject({ present: 1, byProxy: 0 });
  });

  it('refuses someone else’s proxy as missing, and staff an app proxy', async () => {
    const first = await handOver(P.a, P.c);
    const agent = await h.call(P.c, 'meeting.revokeProxy', { proxyId: first.proxyId });
    expect(!agent.ok && agent.error.code).toBe('NOT_FOUND');
    const staff = await h.call('demo-admin', 'meeting.revokeProxy', { proxyId: first.proxyId });
    expect(!staff.ok && staff.error.code).toBe('FORBIDDEN');
  });

  it('is CLOSED for the whole meeting once the first vote opened, while an item’s proxy waits for its own', async () => {
    const whole = await handOver(P.a, P.c);
    const forItem2 = await h.ok<ProxyView>(P.d, 'meeting.grantProxy', { meetingId: m._id, itemId: 'i2' });
    expect(forItem2.scopeText).toBe('议题：更换楼道灯');
    await Promise.all([signIn(h, P.b1, m), signIn(h, P.c, m), signIn(h, P.d, m)]);
    await h.ok('demo-admin', 'meeting.openVote', { meetingId: m._id, itemId: 'i1' });
    const late = await h.call(P.a, 'meeting.revokeProxy', { proxyId: whole.proxyId });
    expect(!late.ok && late.error.code).toBe('CLOSED');
    const lateGrant = await h.call(P.b1, 'meeting.grantProxy', { meetingId: m._id });
    expect(!lateGrant.ok && lateGrant.error.code).toBe('CLOSED');
    expect((await h.call(P.d, 'meeting.revokeProxy', { proxyId: forItem2.proxyId })).ok).toBe(true);
  });
});
