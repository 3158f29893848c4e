import type { ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { startSession } from '../../../../../cloudfunctions/lib/features/meeting/session';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { HOUR } from '../../../../support/polls';
import { addNeighbours, codeOf, inbox, meetingNow, P, seedMeeting, signIn, unitKeyOf, type SignedIn } from '../../../../support/meeting-votes';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  await addNeighbours(h);
});
afterEach(() => h.close());

async function attendance(meetingId: string) {
  return (await h.deps.store.query('meetingAttendance', { where: { communityId: 'demo', meetingId }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;
}

describe('one attendance per roll entry, however many sign in at once', () => {
  it('turns 30 parallel sign-ins of one household (both its residents) into one attendance', async () => {
    const m = await seedMeeting(h);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => h.call<SignedIn>(i % 2 ? P.b1 : P.b2, 'meeting.signIn', { meetingId: m._id, code: codeOf(h, m) })));
    expect(answers.every((a) => a.ok)).toBe(true);
    const rows = await attendance(m._id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitKey: await unitKeyOf(h, P.b1), via: 'self', left: false });
    const last = await signIn(h, P.b1, m);
    expect(last.quorum).toMatchObject({ present: 1, inPerson: 1, byProxy: 0, base: 5 });
    expect(last.entry).toMatchObject({ label: '2号楼 5单元 502室', present: true, viaLabel: '扫码签到', people: [] });
  });

  it('starts the session with the first sign-in, once — even as the sweep starts it at the same moment', async () => {
    const m = await seedMeeting(h);
    await Promise.all([signIn(h, P.a, m), signIn(h, P.c, m), startSession(new ScopedStore(h.deps.store, 'demo'), 'system', m, h.clock.now())]);
    const now = await meetingNow(h, m);
    expect(now.status).toBe('inSession');
    const events = (await h.deps.store.query('events', { where: { communityId: 'demo', subject: `meeting:${m._id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;
    expect(events.filter((e) => e.type === 'meeting.started')).toHaveLength(1);
  });
});

describe('the session\'s start event rides with the first sign-in\'s', () => {
  const eventsOf = async (meetingId: string) =>
    (await h.deps.store.query('events', { where: { communityId: 'demo', subject: `meeting:${meetingId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items.map((e) => e.type).sort();

  it('records both when the first sign-in opens the session', async () => {
    const m = await seedMeeting(h);
    await signIn(h, P.a, m);
    expect(await eventsOf(m._id)).toEqual(['meeting.signedIn', 'meeting.started']);
  });

  it('records the start alone when the sign-in that opened it wrote no attendance of its own', async () => {
    const m = await seedMeeting(h);
    const unitKey = await unitKeyOf(h, P.a);
    // An attendance already there (as a crash after its insert leaves it): the sign-in finds it, inserts none.
    await h.deps.store.insert('meetingAttendance', {
      _id: `ma_${m._id}_${unitKey}`, communityId: 'demo', meetingId: m._id, unitKey, label: '2号楼 5单元 501室', areaCenti: 0, via: 'self',
      memberId: P.a, agentId: null, proxyId: null, byStaffId: null, reason: '', at: h.clock.now(), left: false, leftAt: null, version: 1,
    });
    await signIn(h, P.a, m);
    expect((await meetingNow(h, m)).status).toBe('inSession');
    expect(await eventsOf(m._id)).toEqual(['meeting.started']);
  });
});

describe('a sign-in by proxy and the principal in person count once', () => {
  it('counts 501 by proxy when its agent signs in, then in person when its resident comes', async () => {
    const m = await seedMeeting(h);
    const granted = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: m._id });
    await h.ok<ProxyView>(P.c, 'meeting.acceptProxy', { meetingId: m._id, code: granted.code });
    const byAgent = await signIn(h, P.c, m);
    expect(byAgent.alsoForPrincipals).toEqual(['2号楼 5单元 501室（邻某）']);
    expect(byAgent.quorum).toMatchObject({ present: 2, inPerson: 1, byProxy: 1 });
    expect((await inbox(h, P.a)).map((n) => n.title)).toContain('受托人已代您签到');

    const inPerson = await signIn(h, P.a, m);
    expect(inPerson.quorum).toMatchObject({ present: 2, inPerson: 2, byProxy: 0 });
    expect(inPerson.entry).toMatchObject({ via: 'self', agentName: null });
    const key501 = await unitKeyOf(h, P.a);
    expect((await attendance(m._id)).filter((a) => a.unitKey === key501)).toHaveLength(1);
    const proxy = await h.deps.store.get('meetingProxies', granted.proxyId);
    expect(proxy?.status).toBe('overridden');
    expect(proxy?.uses.map((u) => u.text)).toEqual(['代为签到']);
    expect((await inbox(h, P.c)).map((n) => n.title)).toContain('委托人已本人到会');

    // The agent signing in again stands for nobody now, and 501 is still counted once.
    const again = await signIn(h, P.c, m);
    expect(again.alsoForPrincipals).toEqual([]);
    expect(again.quorum.present).toBe(2);
  });

  it('keeps the principal in person when the agent signs in after them', async () => {
    const m = await seedMeeting(h);
    const granted = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: m._id });
    await h.ok(P.c, 'meeting.acceptProxy', { meetingId: m._id, code: granted.code });
    await signIn(h, P.a, m);
    const byAgent = await signIn(h, P.c, m);
    expect(byAgent.alsoForPrincipals).toEqual([]);
    expect(byAgent.quorum).toMatchObject({ present: 2, inPerson: 2, byProxy: 0 });
  });
});

describe('an agent already in the room', () => {
  it('signs the principal in by proxy as they accept', async () => {
    const m = await seedMeeting(h);
    await signIn(h, P.c, m);
    const granted = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: m._id });
    await h.ok(P.c, 'meeting.acceptProxy', { meetingId: m._id, code: granted.code });
    expect((await attendance(m._id)).map((a) => a.via).sort()).toEqual(['proxy', 'self']);
    expect((await inbox(h, P.a)).map((n) => n.title)).toContain('受托人已代您签到');
  });
});

describe('a principal who came and left, and then gave a proxy', () => {
  it('is present by proxy once the agent signs in', async () => {
    const m = await seedMeeting(h);
    await signIn(h, P.a, m);
    await h.ok('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.a) });
    const granted = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: m._id });
    await h.ok(P.c, 'meeting.acceptProxy', { meetingId: m._id, code: granted.code });
    const byAgent = await signIn(h, P.c, m);
    expect(byAgent.quorum).toMatchObject({ present: 2, inPerson: 1, byProxy: 1 });
    expect(byAgent.alsoForPrincipals).toEqual(['2号楼 5单元 501室（邻某）']);
  });
});

describe('sign-in by the code refuses what it should', () => {
  it('is CLOSED more than an hour before the start', async () => {
    const m = await seedMeeting(h, { startsIn: 2 * HOUR });
    const res = await h.call(P.a, 'meeting.signIn', { meetingId: m._id, code: codeOf(h, m) });
    expect(!res.ok && res.error.code).toBe('CLOSED');
    expect(!res.ok && res.error.message).toMatch(/^签到在会议开始前1小时开放/);
  });

  it('refuses a code of another meeting, and a code more than a minute old', async () => {
    const m = await seedMeeting(h);
    const other = await seedMeeting(h);
    const wrong = await h.call(P.a, 'meeting.signIn', { meetingId: m._id, code: codeOf(h, other) });
    expect(!wrong.ok && wrong.error.message).toBe('签到码不对，请确认扫的是本次会议的二维码');
    const old = codeOf(h, m);
    h.clock.advance(5 * 60_000);
    const expired = await h.call(P.a, 'meeting.signIn', { meetingId: m._id, code: old });
    expect(!expired.ok && expired.error.message).toMatch(/^签到码已过期/);
    expect(await attendance(m._id)).toHaveLength(0);
  });

  it('is FORBIDDEN to someone not on the roll', async () => {
    const m = await seedMeeting(h);
    const res = await h.call('demo-resident-1', 'meeting.signIn', { meetingId: m._id, code: codeOf(h, m) });
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
  });
});

describe('staff sign in an entry from the roll', () => {
  it('signs in 201 (nobody bound there) for a grid worker of its grid, with the reason', async () => {
    const m = await seedMeeting(h);
    const roll = await h.deps.store.query('meetingRolls', { where: { communityId: 'demo', meetingId: m._id }, orderBy: { field: '_id', dir: 'asc' }, limit: 10 });
    const key201 = Object.entries(roll.items[0].units).find(([, u]) => u.label.includes('201'))?.[0] as string;
    const res = await h.ok<SignedIn>('demo-grid-1', 'meeting.signIn', { meetingId: m._id, unitKey: key201, reason: '老人未带手机' });
    expect(res.entry).toMatchObject({ label: '2号楼 1单元 201室', viaLabel: '工作人员代为签到', present: true });
    expect((await attendance(m._id))[0]).toMatchObject({ byStaffId: member('demo-grid-1'), reason: '老人未带手机', memberId: null });
  });

  it('refuses the roll variant to a resident', async () => {
    const m = await seedMeeting(h);
    const key = await unitKeyOf(h, P.a);
    const resident = await h.call(P.c, 'meeting.signIn', { meetingId: m._id, unitKey: key, reason: '' });
    expect(!resident.ok && resident.error.code).toBe('FORBIDDEN');
    expect(await attendance(m._id)).toHaveLength(0);
  });
});

describe('markLeft changes the attendance, not a number', () => {
  it('takes a leaving agent’s principals with them and brings them back', async () => {
    const m = await seedMeeting(h);
    const granted = await h.ok<ProxyView>(P.a, 'meeting.grantProxy', { meetingId: m._id });
    await h.ok(P.c, 'meeting.acceptProxy', { meetingId: m._id, code: granted.code });
    await signIn(h, P.c, m);
    await signIn(h, P.d, m);
    const left = await h.ok<{ quorum: { present: number } }>('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.c) });
    expect(left.quorum.present).toBe(1);
    const back = await h.ok<{ quorum: { present: number }; entry: { left: boolean } }>('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.c), back: true });
    expect(back.quorum.present).toBe(3);
    expect(back.entry.left).toBe(false);
  });

  it('is refused before anyone signed the entry in', async () => {
    const m = await seedMeeting(h);
    await signIn(h, P.d, m);
    const res = await h.call('demo-grid-1', 'meeting.markLeft', { meetingId: m._id, unitKey: await unitKeyOf(h, P.c) });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
  });
});
