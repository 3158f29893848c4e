/**
 * Registration when seats are limited: exact seats whatever the crowd, a waitlist in order of
 * arrival told its place, and a freed seat passed to the head of the waitlist at once.
 */
import type { MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { RegistrationRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addHouseholds } from '../../../../support/polls';
import { DAY, inbox, makeMeeting } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const register = (openid: string, m: MeetingView) => h.call<MeetingView>(openid, 'meeting.register', { meetingId: m.id }, key());
const registrations = async (m: MeetingView) =>
  (await h.deps.store.query<RegistrationRecord>('meetingRegistrations', { where: { communityId: 'demo', meetingId: m.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;
const pool = async (m: MeetingView) => (await h.deps.store.get('meetingSeats', `mseat_${m.id}`))!;

async function crowd(n: number): Promise<string[]> {
  const households = await addHouseholds(h, Array.from({ length: n }, (_, i) => ({ building: '2号楼', room: String(1001 + i), people: 1 })), 'meeting-neighbour');
  return households.flatMap((x) => x.openids);
}

describe('40 households register at once for 5 seats', () => {
  it('registers exactly 5 and waitlists the other 35, each told a different place', async () => {
    const people = await crowd(40);
    const m = await makeMeeting(h, { seats: 5 });
    const views = await Promise.all(people.map((p) => register(p, m)));
    expect(views.every((v) => v.ok)).toBe(true);
    const regs = await registrations(m);
    expect(regs.filter((r) => r.status === 'registered')).toHaveLength(5);
    expect(regs.filter((r) => r.status === 'waitlisted')).toHaveLength(35);
    const p = await pool(m);
    expect([p.seatsLeft, p.waitlist.length, Object.keys(p.holders).length]).toEqual([0, 35, 5]);
    // The waitlist's order is the order each was told: 第1位 … 第35位, nobody twice.
    const places = await Promise.all(people.map(async (openid) => (await h.ok<MeetingView>(openid, 'meeting.get', { meetingId: m.id })).myRegistration));
    const waiting = places.filter((r) => r?.status === 'waitlisted').map((r) => r?.positionText);
    expect(new Set(waiting).size).toBe(35);
    for (let i = 1; i <= 35; i += 1) expect(waiting).toContain(`候补第${i}位，共35人`);
    const admin = await h.ok<MeetingView>('demo-admin', 'meeting.get', { meetingId: m.id });
    expect(admin.seats).toEqual({ total: 5, taken: 5, waitlist: 35 });
  });
});

describe('a registered household withdraws', () => {
  it('promotes the head of the waitlist once, and tells them', async () => {
    const people = await crowd(8);
    const m = await makeMeeting(h, { seats: 5 });
    for (const p of people) expect((await register(p, m)).ok).toBe(true);
    const [first] = people;
    const head = people[5];
    const second = people[6];
    expect((await h.ok<MeetingView>(head, 'meeting.get', { meetingId: m.id })).myRegistration?.positionText).toBe('候补第1位，共3人');
    const out = await h.ok<MeetingView>(first, 'meeting.unregister', { meetingId: m.id });
    expect(out.myRegistration?.status).toBe('withdrawn');
    expect(out.allowedActions).toContain('meeting.register');
    const promoted = await h.ok<MeetingView>(head, 'meeting.get', { meetingId: m.id });
    expect([promoted.myRegistration?.status, promoted.myRegistration?.positionText]).toEqual(['registered', null]);
    expect((await inbox(h, head)).filter((n) => n.kind === 'meeting.promoted').map((n) => n.title)).toEqual([`候补转正：${m.title}`]);
    expect((await h.ok<MeetingView>(second, 'meeting.get', { meetingId: m.id })).myRegistration?.positionText).toBe('候补第1位，共2人');
    // Withdrawing again changes nothing: the seat was given once.
    await h.ok(first, 'meeting.unregister', { meetingId: m.id });
    const regs = await registrations(m);
    expect(regs.filter((r) => r.status === 'registered').map((r) => r.memberId).sort()).toEqual(people.slice(1, 6).map((p) => member(p)).sort());
    expect((await pool(m)).waitlist).toHaveLength(2);
    // Back again: at the end of the line.
    expect((await h.ok<MeetingView>(first, 'meeting.register', { meetingId: m.id }, key())).myRegistration?.positionText).toBe('候补第3位，共3人');
  });
});

describe('a withdrawal cut short after its record said withdrawn', () => {
  it('gives the seat back on the retry, and the head of the waitlist gets it', async () => {
    const people = await crowd(6);
    const m = await makeMeeting(h, { seats: 5 });
    for (const p of people) expect((await register(p, m)).ok).toBe(true);
    const [first] = people;
    const head = people[5];
    const mine = (await registrations(m)).find((r) => r.memberId === member(first))!;
    // The record moved, the place not yet given back (the call died between the two).
    await h.deps.store.update('meetingRegistrations', mine._id, { status: 'withdrawn', version: mine.version + 1 }, { version: mine.version });
    expect((await pool(m)).holders[mine._id]).toBe(mine.claim);
    const out = await h.ok<MeetingView>(first, 'meeting.unregister', { meetingId: m.id });
    expect(out.myRegistration?.status).toBe('withdrawn');
    expect((await pool(m)).holders[mine._id]).toBeUndefined();
    expect((await h.ok<MeetingView>(head, 'meeting.get', { meetingId: m.id })).myRegistration?.status).toBe('registered');
  });
});

describe('who may register', () => {
  it('refuses someone not on the roll, a meeting without seats, and after the start', async () => {
    const m = await makeMeeting(h, { seats: 5, roll: { kind: 'household', scope: 'buildings', ids: [h.ids['3号楼']] } });
    const outside = await register('demo-resident-1', m);
    expect(!outside.ok && outside.error.code).toBe('FORBIDDEN');
    expect((await register('demo-resident-2', m)).ok).toBe(true);
    const open = await makeMeeting(h);
    const unlimited = await register('demo-resident-1', open);
    expect(!unlimited.ok && unlimited.error.code).toBe('CONFLICT');
    const soon = await makeMeeting(h, { seats: 3, startsIn: DAY });
    h.clock.advance(DAY);
    const late = await register('demo-resident-2', soon);
    expect(!late.ok && late.error.code).toBe('CLOSED');
  });
});

describe('a withdrawal while nobody waits', () => {
  it('frees the seat without looking at the pool again, and shows the counts as they now stand', async () => {
    const people = await crowd(3);
    const m = await makeMeeting(h, { seats: 5 });
    for (const p of people) expect((await register(p, m)).ok).toBe(true);
    const [first] = people;
    const out = await h.ok<MeetingView>(first, 'meeting.unregister', { meetingId: m.id });
    expect(out.myRegistration?.status).toBe('withdrawn');
    expect(out.seats).toEqual((await h.ok<MeetingView>('demo-admin', 'meeting.get', { meetingId: m.id })).seats);
    const p = await pool(m);
    expect([p.seatsLeft, Object.keys(p.holders).length, p.waitlist.length]).toEqual([3, 2, 0]);
    // A retry gives nothing back twice.
    await h.ok(first, 'meeting.unregister', { meetingId: m.id });
    expect((await pool(m)).seatsLeft).toBe(3);
  });

  it('still promotes someone who joined the waitlist after the pool was read', async () => {
    const people = await crowd(6);
    const m = await makeMeeting(h, { seats: 5 });
    for (const p of people.slice(0, 5)) expect((await register(p, m)).ok).toBe(true);
    const [first] = people;
    const late = people[5];
    // The sixth household joins the waitlist between the withdrawal's read of the pool (nobody
    // waiting) and its giving the seat back.
    const store = h.deps.store;
    const update = store.update.bind(store);
    let joined = false;
    jest.spyOn(store, 'update').mockImplementation(async (collection, id, patch, where) => {
      if (!joined && collection === 'meetingSeats' && where && 'waitlistCount' in where && where.waitlistCount === 0 && Object.keys(where).some((f) => f.startsWith('holders.'))) {
        joined = true;
        expect((await register(late, m)).ok).toBe(true);
      }
      return update(collection, id, patch, where);
    });
    expect((await h.ok<MeetingView>(first, 'meeting.unregister', { meetingId: m.id })).myRegistration?.status).toBe('withdrawn');
    expect(joined).toBe(true);
    expect((await h.ok<MeetingView>(late, 'meeting.get', { meetingId: m.id })).myRegistration?.status).toBe('registered');
    const p = await pool(m);
    expect([p.seatsLeft, Object.keys(p.holders).length, p.waitlist.length]).toEqual([0, 5, 0]);
  });
});
