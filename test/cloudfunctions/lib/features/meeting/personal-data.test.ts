/** A person's meetings in "download my data", and forgotten when their account is deleted: the counts stay. */
import type { MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { DAY, makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('download my data', () => {
  it('lists my registrations with the meeting, and nobody else’s', async () => {
    const m = await makeMeeting(h, { seats: 5 });
    await h.ok('demo-resident-1', 'meeting.register', { meetingId: m.id }, key());
    await h.ok('demo-resident-2', 'meeting.register', { meetingId: m.id }, key());
    const data = await h.ok<Record<string, unknown>>('demo-resident-1', 'privacy.export');
    expect(data.meetingRegistrations).toEqual([{ meeting: m.title, status: '已报名', at: h.clock.now() }]);
    expect(JSON.stringify(data)).not.toContain('3号楼 2单元 302室');
  });
});

describe('deleting my account', () => {
  it('takes my name off the registration and the frozen roll, and keeps the meeting’s numbers', async () => {
    const m = await makeMeeting(h, { seats: 5 });
    await h.ok('demo-resident-1', 'meeting.register', { meetingId: m.id }, key());
    await h.ok('demo-resident-1', 'privacy.requestDeletion', { confirm: true });
    h.clock.advance(8 * DAY);
    await runSweep(h.deps);
    const r = await meetingRecord(h, m.id);
    const regs = await h.deps.store.query('meetingRegistrations', { where: { communityId: 'demo', meetingId: m.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(regs.items).toHaveLength(1);
    expect(regs.items[0].memberId).not.toBe(member('demo-resident-1'));
    const rolls = await h.deps.store.query('meetingRolls', { where: { communityId: 'demo', meetingId: m.id }, orderBy: { field: '_id', dir: 'asc' }, limit: 10 });
    expect(JSON.stringify(rolls.items)).not.toMatch(/刘阿姨/);
    expect(JSON.stringify(rolls.items)).not.toContain(member('demo-resident-1'));
    const v = await h.ok<MeetingView>('demo-admin', 'meeting.get', { meetingId: m.id });
    expect([v.rollSize, v.seats?.taken]).toEqual([r.roll.size, 1]);
  });
});
