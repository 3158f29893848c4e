/**
 * The council's records written by a versioned insert (the audit event riding in the record
 * as `lastEvent`, then put into `events`), the meeting's `proxiesMade` mark, and records
 * written before either: a retry puts a lost event back, a meeting says it has no proxies
 * only while none can exist, and older records (no mark, no embedded event) work as before.
 */
import type { MeetingView, ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { registrationId } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { op } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
});
afterEach(() => h.close());

const eventIds = async (subject: string) =>
  (await h.deps.store.query('events', { where: { communityId: 'demo', subject }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 })).items.map((e) => e._id).sort();

describe('a retry puts back the event a crash kept out of events', () => {
  it('meeting.create', async () => {
    const k = key();
    const m = await makeMeeting(h, { key: k });
    const id = `meeting:${m.id}:noticed`;
    expect(await eventIds(`meeting:${m.id}`)).toEqual([id]);
    // The first call died after the meeting's insert, before its event's.
    await h.deps.store.remove('events', id);
    await makeMeeting(h, { key: k });
    expect(await eventIds(`meeting:${m.id}`)).toEqual([id]);
  });
  it('motion.propose', async () => {
    const k = key();
    const input = { title: '在小区东门加装非机动车充电桩', body: '电动车在楼道里充电很危险，希望在东门内侧空地安装集中充电桩，由物业统一管理。' };
    const first = await h.ok<MotionView>('demo-resident-1', 'motion.propose', input, k);
    const id = `motion:${first.id}:proposed`;
    await h.deps.store.remove('events', id);
    const again = await h.ok<MotionView>('demo-resident-1', 'motion.propose', input, k);
    expect(again.id).toBe(first.id);
    expect(await eventIds(`motion:${first.id}`)).toEqual([id]);
  });
});

describe('a meeting says it has no proxies only while none can exist', () => {
  it('is marked before the first proxy is written, and the proxy shows to both sides', async () => {
    const m = await makeMeeting(h);
    expect((await meetingRecord(h, m.id)).proxiesMade).toBe(false);
    const offered = await h.ok<ProxyView>('demo-resident-1', 'meeting.grantProxy', { meetingId: m.id });
    expect((await meetingRecord(h, m.id)).proxiesMade).toBe(true);
    const principal = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(principal.myProxies.map((p) => p.status)).toEqual(['offered']);
    await h.ok<ProxyView>('demo-resident-2', 'meeting.acceptProxy', { meetingId: m.id, code: offered.code });
    const agent = await h.ok<MeetingView>('demo-resident-2', 'meeting.get', { meetingId: m.id });
    expect(agent.proxiesToMe.map((p) => p.status)).toEqual(['active']);
  });
  it('an older meeting without the mark reads its proxies as before', async () => {
    const m = await makeMeeting(h);
    await h.deps.store.update('meetings', m.id, { proxiesMade: op.unset() });
    await h.ok<ProxyView>('demo-resident-1', 'meeting.grantProxy', { meetingId: m.id });
    // Not marked by the grant (it has no mark to turn), and still read.
    expect((await meetingRecord(h, m.id)).proxiesMade).toBeUndefined();
    const v = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(v.myProxies.map((p) => p.status)).toEqual(['offered']);
    expect((await h.ok<{ items: ProxyView[] }>('demo-admin', 'meeting.proxies', { meetingId: m.id })).items).toHaveLength(1);
  });
});

describe('a registration written before its event rode in it', () => {
  it('is withdrawn and registered again, each step with its event', async () => {
    const m = await makeMeeting(h, { seats: 5 });
    await h.ok<MeetingView>('demo-resident-1', 'meeting.register', { meetingId: m.id }, key());
    const v = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(v.myRegistration?.status).toBe('registered');
    const regs = (await h.deps.store.query('meetingRegistrations', { where: { communityId: 'demo', meetingId: m.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 5 })).items;
    expect(regs).toHaveLength(1);
    const id = regs[0]._id;
    expect(id).toBe(registrationId(m.id, regs[0].unitKey));
    // As an older registration is stored: no embedded event.
    await h.deps.store.update('meetingRegistrations', id, { lastEvent: op.unset() });
    const out = await h.ok<MeetingView>('demo-resident-1', 'meeting.unregister', { meetingId: m.id }, key());
    expect(out.myRegistration?.status).toBe('withdrawn');
    expect(out.seats).toMatchObject({ taken: 0 });
    const back = await h.ok<MeetingView>('demo-resident-1', 'meeting.register', { meetingId: m.id }, key());
    expect(back.myRegistration?.status).toBe('registered');
    expect(back.seats).toMatchObject({ taken: 1 });
    expect(await eventIds(`mreg:${id}`)).toEqual([`mreg:${id}:v1:meeting.registered`, `mreg:${id}:v2:meeting.unregistered`, `mreg:${id}:v3:meeting.registered`]);
  });
});
