/**
 * What a meeting shows to whom: everyone of the community the agenda, time, place and the
 * quorum numbers; their own entry to those on the roll; the roll itself and who came only
 * to meeting staff.
 */
import type { AttendanceEntryView, MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { QuorumView } from '../../../../../miniprogram/core/council/quorum';
import { attendanceId, proxyId } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addFamily } from '../../../../support/polls';
import { DAY, makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

type AttendancePage = { items: AttendanceEntryView[]; total: number; quorum: QuorumView; next?: string };

/** 刘阿姨's household signed in at the door, as the sign-in use case records it. */
async function signedIn(m: MeetingView): Promise<void> {
  const r = await meetingRecord(h, m.id);
  const unitKey = (await h.ok<AttendancePage>('demo-admin', 'meeting.attendance', { meetingId: m.id, search: '1号楼 1单元 101室' })).items[0].unitKey;
  await h.deps.store.insert('meetingAttendance', {
    _id: attendanceId(m.id, unitKey), communityId: 'demo', meetingId: m.id, unitKey, label: '1号楼 1单元 101室', areaCenti: 0, via: 'self',
    memberId: member('demo-resident-1'), agentId: null, proxyId: null, byStaffId: null, reason: '', at: h.clock.now(), left: false, leftAt: null, version: 1,
  });
  await h.deps.store.update('meetings', m.id, { status: 'inSession', version: r.version + 1 }, { version: r.version });
}

describe('a resident opens a meeting', () => {
  it('sees the agenda and the quorum numbers, their own entry, and nobody else', async () => {
    await addFamily(h);
    const m = await makeMeeting(h);
    h.clock.advance(2 * DAY);
    await signedIn(m);
    const v = await h.ok<MeetingView>('demo-resident-2', 'meeting.get', { meetingId: m.id });
    expect(v.agenda.map((i) => i.title)).toEqual(['快递柜放在东门内侧还是北门']);
    expect(v.quorum).toMatchObject({ base: m.rollSize, present: 1, inPerson: 1, met: false });
    expect(v.quorum?.text).toContain(`到会1户（本人1，委托0）/ 应到${m.rollSize}户`);
    expect(v.myAttendance).toMatchObject({ label: '3号楼 2单元 302室', present: false });
    const said = JSON.stringify(v);
    for (const other of ['刘阿姨', '1号楼 1单元 101室', 'unitKey', 'people', member('demo-resident-1')]) expect(said).not.toContain(other);
    expect(v.allowedActions).not.toContain('meeting.attendance');
    const own = await h.ok<MeetingView>('demo-family-1', 'meeting.get', { meetingId: m.id });
    expect(own.myAttendance).toMatchObject({ label: '1号楼 1单元 101室', present: true, viaLabel: '扫码签到' });
  });
  it('finds it in the list, upcoming until it ends', async () => {
    const m = await makeMeeting(h);
    const upcoming = await h.ok<{ items: MeetingView[] }>('demo-resident-1', 'meeting.list', { when: 'upcoming' });
    expect(upcoming.items.map((x) => [x.id, x.quorum?.base])).toEqual([[m.id, m.rollSize]]);
    h.clock.advance(2 * DAY);
    await h.ok('demo-admin', 'meeting.end', { meetingId: m.id });
    expect((await h.ok<{ items: MeetingView[] }>('demo-resident-1', 'meeting.list', { when: 'upcoming' })).items).toEqual([]);
    expect((await h.ok<{ items: MeetingView[] }>('demo-resident-1', 'meeting.list', { when: 'past' })).items.map((x) => x.statusLabel)).toEqual(['会议已结束，纪要待审定']);
  });
  it('is NOT_FOUND for another community’s meeting', async () => {
    const m = await makeMeeting(h);
    await h.deps.store.update('meetings', m.id, { communityId: 'other' });
    const res = await h.call('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(!res.ok && res.error.code).toBe('NOT_FOUND');
  });
});

describe('the attendance list', () => {
  it('lists every entry with its people to meeting staff, searched by room or name', async () => {
    await addFamily(h);
    const m = await makeMeeting(h);
    const all = await h.ok<AttendancePage>('demo-admin', 'meeting.attendance', { meetingId: m.id, limit: 50 });
    expect(all.total).toBe(m.rollSize);
    expect(all.quorum.base).toBe(m.rollSize);
    const liu = await h.ok<AttendancePage>('demo-grid-2', 'meeting.attendance', { meetingId: m.id, search: '刘阿姨' });
    expect(liu.items.map((e) => [e.label, e.people.length, e.present])).toEqual([['1号楼 1单元 101室', 2, false]]);
    expect(liu.items[0].people.map((p) => p.name)).toContain('刘阿姨');
    expect((await h.ok<AttendancePage>('demo-grid-1', 'meeting.attendance', { meetingId: m.id, search: '3号楼' })).items.every((e) => e.label.startsWith('3号楼'))).toBe(true);
  });
  it('says who is present and how, who stands in, and can list only those still absent', async () => {
    const m = await makeMeeting(h, { seats: 10 });
    await h.ok('demo-resident-2', 'meeting.register', { meetingId: m.id }, key());
    h.clock.advance(2 * DAY);
    await signedIn(m);
    // 3号楼 2单元 302室 is here by proxy: its agent signed in for it.
    const entry = (await h.ok<AttendancePage>('demo-admin', 'meeting.attendance', { meetingId: m.id, search: '3号楼 2单元 302室' })).items[0];
    const px = proxyId(m.id, entry.unitKey, null);
    await h.deps.store.insert('meetingProxies', {
      _id: px, communityId: 'demo', meetingId: m.id, itemId: null, principalUnitKey: entry.unitKey, principalLabel: '3号楼 2单元 302室（马某）', areaCenti: 0,
      principalMemberId: member('demo-resident-2'), agentMemberId: member('demo-resident-1'), agentName: '刘阿姨', agentUnitKey: null, status: 'active', via: 'app',
      code: null, photo: null, recordedBy: null, recordedByName: null, confirmedBy: null, confirmedByName: null, uses: [], createdAt: h.clock.now(), updatedAt: h.clock.now(), version: 1,
    });
    await h.deps.store.insert('meetingAttendance', {
      _id: attendanceId(m.id, entry.unitKey), communityId: 'demo', meetingId: m.id, unitKey: entry.unitKey, label: entry.label, areaCenti: 0, via: 'proxy',
      memberId: member('demo-resident-1'), agentId: member('demo-resident-1'), proxyId: px, byStaffId: null, reason: '', at: h.clock.now(), left: false, leftAt: null, version: 1,
    });
    const page = await h.ok<AttendancePage>('demo-admin', 'meeting.attendance', { meetingId: m.id, search: '3号楼 2单元 302室' });
    expect(page.items.map((e) => [e.present, e.viaLabel, e.agentName, e.registration])).toEqual([[true, '委托出席', '刘阿姨', 'registered']]);
    expect(page.quorum).toMatchObject({ present: 2, inPerson: 1, byProxy: 1 });
    const absent = await h.ok<AttendancePage>('demo-admin', 'meeting.attendance', { meetingId: m.id, onlyAbsent: true, limit: 50 });
    expect(absent.total).toBe(m.rollSize - 2);
    expect(absent.items.some((e) => e.present)).toBe(false);
  });
  it('is refused to residents, volunteers and grid workers outside the roll’s grids', async () => {
    const m = await makeMeeting(h, { secretary: 'demo-leader', roll: { kind: 'household', scope: 'buildings', ids: [h.ids['3号楼']] } });
    for (const openid of ['demo-resident-1', 'demo-volunteer-1', 'demo-grid-1']) {
      const res = await h.call(openid, 'meeting.attendance', { meetingId: m.id });
      expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    }
    expect((await h.call('demo-grid-2', 'meeting.attendance', { meetingId: m.id })).ok).toBe(true);
    // The secretary is staff of this meeting wherever their grid is.
    expect((await h.call('demo-grid-1', 'meeting.attendance', { meetingId: (await makeMeeting(h, { secretary: 'demo-grid-1', roll: { kind: 'household', scope: 'buildings', ids: [h.ids['4号楼']] } })).id })).ok).toBe(true);
  });
});
