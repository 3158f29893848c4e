/** Calling a meeting off: before it starts, seats closed, everyone on the roll told by the sweep. */
import type { MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { DAY, inbox, makeMeeting } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('a meeting called off before it starts', () => {
  it('tells everyone on the roll, once, with the reason, and closes registration', async () => {
    const m = await makeMeeting(h, { seats: 10 });
    await runSweep(h.deps);
    await h.ok('demo-resident-1', 'meeting.register', { meetingId: m.id }, key());
    const v = await h.ok<MeetingView>('demo-admin', 'meeting.cancel', { meetingId: m.id, reason: '会议室临时停电' });
    expect([v.status, v.statusLabel, v.allowedActions]).toEqual(['cancelled', '已取消', ['meeting.get']]);
    await runSweep(h.deps);
    await runSweep(h.deps);
    for (const openid of ['demo-resident-1', 'demo-resident-2']) {
      const told = (await inbox(h, openid)).filter((n) => n.kind === 'meeting.cancelled');
      expect(told).toHaveLength(1);
      expect(told[0].body).toContain('原因：会议室临时停电');
    }
    const again = await h.call('demo-resident-2', 'meeting.register', { meetingId: m.id }, key());
    expect(!again.ok && again.error.code).toBe('CLOSED');
  });
  it('is refused once the meeting has started, and to anyone but an admin', async () => {
    const m = await makeMeeting(h);
    const grid = await h.call('demo-grid-1', 'meeting.cancel', { meetingId: m.id, reason: '不开了' });
    expect(!grid.ok && grid.error.code).toBe('FORBIDDEN');
    h.clock.advance(2 * DAY);
    const late = await h.call('demo-admin', 'meeting.cancel', { meetingId: m.id, reason: '不开了' });
    expect(!late.ok && late.error.code).toBe('CLOSED');
  });
});
