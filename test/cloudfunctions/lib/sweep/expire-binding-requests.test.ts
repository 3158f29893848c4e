import { runSweep } from '../../../../cloudfunctions/lib/sweep/run-sweep';
import type { MeView } from '../../../../miniprogram/core/member/contract';
import { createHarness, member, type Harness } from '../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DAY = 24 * 3600 * 1000;

describe('unreviewed binding requests expire after 14 days', () => {
  it('leaves a fresh request alone', async () => {
    h.clock.advance(13 * DAY);
    const report = await runSweep(h.deps);
    expect(report.jobs.expireBindingRequests).toEqual({ expired: 0 });
    expect((await h.ok<MeView>('demo-visitor-1', 'member.me')).pendingRequest?.status).toBe('pending');
  });
  it('expires an old one, tells the applicant, and lets them apply again', async () => {
    h.clock.advance(15 * DAY);
    expect((await runSweep(h.deps)).jobs.expireBindingRequests).toEqual({ expired: 1 });
    const me = await h.ok<MeView>('demo-visitor-1', 'member.me');
    expect(me.pendingRequest?.status).toBe('expired');
    expect(me.allowedActions).toContain('member.requestBinding');
    const inbox = await h.deps.store.query<{ _id: string; title: string }>('inbox', {
      where: { communityId: 'demo', recipientId: member('demo-visitor-1') },
      orderBy: { field: 'createdAt', dir: 'desc' },
      limit: 5,
    });
    expect(inbox.items.map((m) => m.title)).toContain('住户绑定申请已失效');
  });
  it('changes nothing on a second run, nor when two runs overlap', async () => {
    h.clock.advance(15 * DAY);
    const [a, b] = await Promise.all([runSweep(h.deps), runSweep(h.deps)]);
    const total = [a, b].reduce((n, r) => n + (r.jobs.expireBindingRequests as { expired: number }).expired, 0);
    expect(total).toBe(1);
    expect((await runSweep(h.deps)).jobs.expireBindingRequests).toEqual({ expired: 0 });
  });
});
