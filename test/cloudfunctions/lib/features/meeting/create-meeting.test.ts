/**
 * Convening: the body's notice period, its rules and rolls, the roll frozen when the notice
 * goes out, the notice itself sent to the roll by the sweep, once.
 */
import type { MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addFamily, addHouseholds } from '../../../../support/polls';
import { DAY, inbox, makeMeeting, meetingInput, meetingRecord } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** The field a refusal names. */
const fieldOf = (res: { ok: boolean }) => (res as { error?: { details?: { issues?: { path: string }[] } } }).error?.details?.issues?.[0]?.path;

describe('a start inside the notice period', () => {
  it('is refused on startsAt, naming the body and its days', async () => {
    const res = await h.call('demo-admin', 'meeting.create', meetingInput(h, { body: 'residentsMeeting', startsIn: 9 * DAY }), key());
    expect(!res.ok && res.error.code).toBe('VALIDATION_ERROR');
    expect(fieldOf(res)).toBe('startsAt');
    expect(!res.ok && res.error.message).toMatch(/^居民会议须提前10天通知，开会时间最早为12月8日/);
    expect((await h.call('demo-admin', 'meeting.create', meetingInput(h, { body: 'residentsMeeting', startsIn: 10 * DAY }), key())).ok).toBe(true);
  });
  it('counts a longer notice the community chose, never a shorter one', async () => {
    const longer = await h.call('demo-admin', 'meeting.create', meetingInput(h, { noticeDays: 5, startsIn: 4 * DAY }), key());
    expect(!longer.ok && longer.error.message).toMatch(/^小区（楼栋）协商会须提前5天通知/);
    const shorter = await h.call('demo-admin', 'meeting.create', meetingInput(h, { body: 'ownersAssembly', rule: { id: 'CivilCode-278' }, roll: { kind: 'ownerUnit' }, noticeDays: 3, startsIn: 14 * DAY }), key());
    expect(!shorter.ok && shorter.error.message).toMatch(/^业主大会须提前15天通知/);
  });
});

describe('a rule or roll the body does not meet under', () => {
  it('is refused on the field', async () => {
    const rule = await h.call('demo-admin', 'meeting.create', meetingInput(h, { body: 'ownersAssembly', startsIn: 20 * DAY, roll: { kind: 'ownerUnit' } }), key());
    expect(fieldOf(rule)).toBe('rule.id');
    const roll = await h.call('demo-admin', 'meeting.create', meetingInput(h, { body: 'representatives', rule: { id: 'Representatives' }, startsIn: 5 * DAY }), key());
    expect(fieldOf(roll)).toBe('roll.kind');
  });
});

describe('who convenes', () => {
  it('takes admins only, and a secretary from the staff', async () => {
    const grid = await h.call('demo-grid-1', 'meeting.create', meetingInput(h), key());
    expect(!grid.ok && grid.error.code).toBe('FORBIDDEN');
    const secretary = await h.call('demo-admin', 'meeting.create', meetingInput(h, { secretary: 'demo-resident-1' }), key());
    expect(fieldOf(secretary)).toBe('secretaryId');
  });
  it('makes one meeting of a retried request', async () => {
    const k = key();
    const [a, b] = await Promise.all([makeMeeting(h, { key: k }), makeMeeting(h, { key: k })]);
    expect(a.id).toBe(b.id);
    expect(a.rollHash).toBe(b.rollHash);
    const list = await h.ok<{ items: MeetingView[] }>('demo-admin', 'meeting.list', {});
    expect(list.items.map((m) => m.id)).toEqual([a.id]);
    const rolls = await h.deps.store.query('meetingRolls', { where: { communityId: 'demo', meetingId: a.id }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 });
    expect(rolls.items.map((r) => r.freezeId)).toEqual([(await meetingRecord(h, a.id)).roll.freezeId]);
  });
});

describe('the roll, frozen at notice', () => {
  it('leaves out a household bound after the notice, and keeps its hash', async () => {
    const m = await makeMeeting(h);
    await addFamily(h, 'demo-late-1', '102');
    const again = await h.ok<MeetingView>('demo-admin', 'meeting.get', { meetingId: m.id });
    expect([again.rollSize, again.rollHash]).toEqual([m.rollSize, m.rollHash]);
    const late = await h.ok<MeetingView>('demo-late-1', 'meeting.get', { meetingId: m.id });
    expect(late.myAttendance).toBeNull();
    expect(late.allowedActions).not.toContain('meeting.signIn');
    // A meeting convened now does take them in: the freeze, not the census, kept them out.
    const later = await makeMeeting(h);
    expect(later.rollSize).toBe(m.rollSize + 1);
    expect(later.rollHash).not.toBe(m.rollHash);
    expect((await h.ok<MeetingView>('demo-late-1', 'meeting.get', { meetingId: later.id })).myAttendance?.label).toBe('1号楼 1单元 102室');
  });
  it('names each invitee as their own entry', async () => {
    const m = await makeMeeting(h, { body: 'representatives', rule: { id: 'Representatives' }, startsIn: 4 * DAY, roll: { kind: 'invitees', inviteeIds: [member('demo-resident-1'), member('demo-resident-2'), member('demo-grid-1b')] } });
    expect(m.rollSize).toBe(3);
    expect((await h.ok<MeetingView>('demo-grid-1b', 'meeting.get', { meetingId: m.id })).myAttendance?.label).toBe('赵丽');
    expect((await h.ok<MeetingView>('demo-volunteer-1', 'meeting.get', { meetingId: m.id })).myAttendance).toBeNull();
  });
});

describe('the notice', () => {
  it('reaches everyone on the roll through the sweep, once', async () => {
    const m = await makeMeeting(h);
    expect((await inbox(h, 'demo-resident-1')).filter((n) => n.kind === 'meeting.noticed')).toHaveLength(0);
    await runSweep(h.deps);
    await runSweep(h.deps);
    for (const openid of ['demo-resident-1', 'demo-resident-2']) {
      const notes = (await inbox(h, openid)).filter((n) => n.kind === 'meeting.noticed');
      expect(notes.map((n) => n.title)).toEqual([`会议通知：${m.title}`]);
    }
    expect((await inbox(h, 'demo-volunteer-1')).filter((n) => n.kind === 'meeting.noticed')).toHaveLength(0);
    expect((await meetingRecord(h, m.id)).fanout).toBeNull();
  });
  it('goes out a roll bucket at a time, to a roll of hundreds', async () => {
    const crowd = await addHouseholds(h, Array.from({ length: 450 }, (_, i) => ({ building: '4号楼', room: String(1001 + i), people: 1 })), 'meeting-many');
    const m = await makeMeeting(h);
    const r = await meetingRecord(h, m.id);
    expect([r.roll.size, r.roll.buckets, r.fanout]).toEqual([m.rollSize, 3, { kind: 'notice', next: 0 }]);
    await runSweep(h.deps);
    for (const openid of [crowd[0].openids[0], crowd[449].openids[0], 'demo-resident-1']) {
      expect((await inbox(h, openid)).filter((n) => n.kind === 'meeting.noticed')).toHaveLength(1);
    }
    expect((await meetingRecord(h, m.id)).fanout).toBeNull();
  });
  it('is followed by a reminder the day before', async () => {
    const m = await makeMeeting(h, { startsIn: 3 * DAY });
    await runSweep(h.deps);
    h.clock.advance(2 * DAY + 60_000);
    await runSweep(h.deps);
    expect((await inbox(h, 'demo-resident-1')).filter((n) => n.kind === 'meeting.reminder').map((n) => n.title)).toEqual([`明天开会：${m.title}`]);
  });
});

describe('an owners\' assembly is never put to a show of hands', () => {
  it('refuses hands on the item, since hands carry no area', async () => {
    const h = await createHarness();
    try {
      const res = await h.call('demo-admin', 'meeting.create', meetingInput(h, {
        body: 'ownersAssembly', roll: { kind: 'ownerUnit' }, rule: { id: 'CivilCode-278' }, startsIn: 16 * DAY,
        agenda: [{ title: '续聘物业服务企业', voteMode: 'hands', matter: 4 }],
      }), key());
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
      expect(JSON.stringify(res)).toContain('agenda.0.voteMode');
    } finally {
      h.close();
    }
  });
});
