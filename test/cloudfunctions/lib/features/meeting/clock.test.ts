/** A meeting's own clock: in session at its start, ended when declared (never mid-vote) or 6 hours after its planned end. */
import type { MeetingView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, type Harness } from '../../../../support/harness';
import { DAY, HOUR, makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
let m: MeetingView;
beforeEach(async () => {
  h = await createHarness();
  m = await makeMeeting(h);
});
afterEach(() => h.close());

const status = async () => (await h.ok<MeetingView>('demo-admin', 'meeting.get', { meetingId: m.id })).status;

describe('the sweep', () => {
  it('opens the session at the start and ends a meeting nobody ended 6 hours after its end', async () => {
    await runSweep(h.deps);
    expect(await status()).toBe('noticed');
    h.clock.advance(2 * DAY);
    await runSweep(h.deps);
    expect(await status()).toBe('inSession');
    h.clock.advance(2 * HOUR + 6 * HOUR - 60_000);
    await runSweep(h.deps);
    expect(await status()).toBe('inSession');
    h.clock.advance(60_000);
    await runSweep(h.deps);
    expect(await status()).toBe('ended');
    expect((await meetingRecord(h, m.id)).wakeAt).toBeNull();
  });
});

describe('declaring the end', () => {
  it('is refused while an item is being voted', async () => {
    h.clock.advance(2 * DAY);
    await runSweep(h.deps);
    const r = await meetingRecord(h, m.id);
    await h.deps.store.update('meetings', m.id, { votingItemId: 'i1', agenda: r.agenda.map((i) => ({ ...i, status: 'voting' })), version: r.version + 1 }, { version: r.version });
    const res = await h.call('demo-admin', 'meeting.end', { meetingId: m.id });
    expect(!res.ok && [res.error.code, res.error.message]).toEqual(['CONFLICT', '有议程正在表决，请先结束表决再散会']);
    expect(await status()).toBe('inSession');
  });
  it('is for the convener, the secretary and admins, not other staff', async () => {
    h.clock.advance(2 * DAY);
    const other = await h.call('demo-grid-2', 'meeting.end', { meetingId: m.id });
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const v = await h.ok<MeetingView>('demo-grid-1', 'meeting.end', { meetingId: m.id });
    expect(v.status).toBe('ended');
    expect(v.allowedActions).toContain('meeting.saveMinutes');
  });
});
