/**
 * register, unregister and grantProxy read the record of the entry the caller most likely has
 * (on a household roll: their household) beside the roll, to save a wait. The roll decides:
 * someone who moved after the notice acts for the entry the roll froze them on, as before.
 */
import type { MeetingView, ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import { meetingOfProxyId } from '../../../../../cloudfunctions/lib/features/meeting/prefetch';
import type { RegistrationRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addHouseholds } from '../../../../support/polls';
import { makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const registrations = async (meetingId: string) =>
  (await h.deps.store.query<RegistrationRecord>('meetingRegistrations', { where: { communityId: 'demo', meetingId }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;

/** Two households; after the roll is frozen, the first one's resident moves into the second. */
async function movedAfterNotice(seats: number | null) {
  const [a, b] = await addHouseholds(h, [{ building: '2号楼', room: '1001', people: 1 }, { building: '2号楼', room: '1002', people: 1 }], 'moved');
  const m = await makeMeeting(h, { seats });
  const mover = a.openids[0];
  await h.deps.store.update('members', member(mover), { householdId: b.householdId, household: { id: b.householdId, buildingId: h.ids['2号楼'], buildingName: '2号楼', unit: '5', room: '1002' } });
  return { m, mover, stayer: b.openids[0], from: a.householdId, to: b.householdId };
}

describe('a resident who moved after the notice', () => {
  it('registers and withdraws for the household the roll froze them in, not the one they live in now', async () => {
    const { m, mover, stayer, from, to } = await movedAfterNotice(5);
    const mine = await h.ok<MeetingView>(mover, 'meeting.register', { meetingId: m.id }, key());
    expect(mine.myRegistration?.status).toBe('registered');
    expect((await registrations(m.id)).map((r) => r.unitKey)).toEqual([from]);
    // The household they moved into registers for itself: its own entry, its own seat.
    expect((await h.ok<MeetingView>(stayer, 'meeting.register', { meetingId: m.id }, key())).myRegistration?.status).toBe('registered');
    expect((await registrations(m.id)).map((r) => r.unitKey).sort()).toEqual([from, to].sort());
    const out = await h.ok<MeetingView>(mover, 'meeting.unregister', { meetingId: m.id }, key());
    expect(out.myRegistration?.status).toBe('withdrawn');
    const after = new Map((await registrations(m.id)).map((r) => [r.unitKey, r.status]));
    expect(after.get(from)).toBe('withdrawn');
    expect(after.get(to)).toBe('registered');
    expect(out.seats).toEqual({ total: 5, taken: 1, waitlist: 0 });
  });

  it('grants a proxy for the entry the roll froze them on', async () => {
    const { m, mover, from } = await movedAfterNotice(null);
    const p = await h.ok<ProxyView>(mover, 'meeting.grantProxy', { meetingId: m.id });
    expect(p.proxyId).toBe(`px_${m.id}_${from}_all`);
  });
});

describe('the roll read ahead as the meeting\'s first bucket', () => {
  it('is not taken for the roll when it belongs to a freeze that lost: a leftover sorting first is passed over', async () => {
    const [a] = await addHouseholds(h, [{ building: '2号楼', room: '1001', people: 1 }], 'leftover');
    const m = await makeMeeting(h, { seats: 5 });
    const meeting = await meetingRecord(h, m.id);
    // A freeze that lost the create race and died before removing its bucket: it names her under another entry.
    await h.deps.store.insert('meetingRolls', {
      _id: `mr_${m.id}_000000000000_0`, communityId: 'demo', meetingId: m.id, freezeId: '000000000000', bucket: 0,
      units: { stray: { label: '不在名册', areaCenti: 0, voterIds: [member(a.openids[0])], voterNames: {}, buildingId: null, gridId: null } },
      voters: { [member(a.openids[0])]: ['stray'] },
    });
    expect(meeting.roll.freezeId > '000000000000').toBe(true);
    const mine = await h.ok<MeetingView>(a.openids[0], 'meeting.register', { meetingId: m.id }, key());
    expect(mine.myRegistration?.status).toBe('registered');
    expect((await registrations(m.id)).map((r) => r.unitKey)).toEqual([a.householdId]);
  });

  it('finds the household\'s registration made by a housemate (read by its unit key): the second tap gets the same one', async () => {
    const [home] = await addHouseholds(h, [{ building: '2号楼', room: '1001', people: 2 }], 'housemates');
    const m = await makeMeeting(h, { seats: 5 });
    const first = await h.ok<MeetingView>(home.openids[0], 'meeting.register', { meetingId: m.id }, key());
    const second = await h.ok<MeetingView>(home.openids[1], 'meeting.register', { meetingId: m.id }, key());
    expect([first.myRegistration?.status, second.myRegistration?.status]).toEqual(['registered', 'registered']);
    expect(await registrations(m.id)).toHaveLength(1);
    expect(second.seats).toEqual({ total: 5, taken: 1, waitlist: 0 });
  });
});

describe('the meeting a proxy id names, read ahead', () => {
  it('is the part after px_, and nothing for an id of another shape', () => {
    expect(meetingOfProxyId('px_mt0123456789abcdef012345_h42_all')).toBe('mt0123456789abcdef012345');
    expect(meetingOfProxyId('mt0123')).toBeNull();
    expect(meetingOfProxyId('px_')).toBeNull();
  });
});
