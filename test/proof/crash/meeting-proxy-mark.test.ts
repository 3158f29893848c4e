/**
 * meeting.grantProxy writes the proxy and the meeting's mark that it may have proxies side by
 * side. A call that dies with the proxy in and the mark not leaves a proxy the meeting says
 * cannot exist: the code must still work, the binding must mark the meeting before the proxy
 * counts (a sign-in looks for proxies only on a marked meeting), and a retry marks it too.
 */
import type { MeetingView, ProxyView } from '../../../miniprogram/core/council/meeting-contract';
import { createHarness, key, type Harness } from '../../support/harness';
import { makeMeeting, meetingRecord } from '../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
});
afterEach(() => h.close());

/** The state a grant leaves when it dies after its proxy's insert and before the mark's update. */
async function grantCutShort(meetingId: string, k: string): Promise<ProxyView> {
  const offered = await h.ok<ProxyView>('demo-resident-1', 'meeting.grantProxy', { meetingId }, k);
  await h.deps.store.update('meetings', meetingId, { proxiesMade: false }, { proxiesMade: true });
  expect((await meetingRecord(h, meetingId)).proxiesMade).toBe(false);
  return offered;
}

describe('a grant cut short between its proxy and the meeting’s mark', () => {
  it('the agent’s code still works, and the meeting is marked before the proxy counts', async () => {
    const m = await makeMeeting(h);
    const offered = await grantCutShort(m.id, key());
    const taken = await h.ok<ProxyView>('demo-resident-2', 'meeting.acceptProxy', { meetingId: m.id, code: offered.code });
    expect(taken.status).toBe('active');
    expect((await meetingRecord(h, m.id)).proxiesMade).toBe(true);
    const agent = await h.ok<MeetingView>('demo-resident-2', 'meeting.get', { meetingId: m.id });
    expect(agent.proxiesToMe.map((p) => p.status)).toEqual(['active']);
    const principal = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(principal.myProxies.map((p) => p.status)).toEqual(['active']);
  });

  it('the retry marks the meeting and gives back the same proxy', async () => {
    const m = await makeMeeting(h);
    const k = key();
    const offered = await grantCutShort(m.id, k);
    const again = await h.ok<ProxyView>('demo-resident-1', 'meeting.grantProxy', { meetingId: m.id }, k);
    expect([again.proxyId, again.code]).toEqual([offered.proxyId, offered.code]);
    expect((await meetingRecord(h, m.id)).proxiesMade).toBe(true);
    const principal = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
    expect(principal.myProxies.map((p) => p.status)).toEqual(['offered']);
  });
});
