/**
 * Subscription messages: pushed only with consent (one accept = one message), sent by the
 * sweep's outbox exactly once even when the sender dies mid-batch, and always in the inbox.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { InboxRecord } from '../../../../../cloudfunctions/lib/features/notify/records';
import { sendOutbox, CLAIM_MS } from '../../../../../cloudfunctions/lib/features/notify/send-outbox';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import type { Store } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { residents } from '../../../../support/fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function resolvedConcern(who: string): Promise<ConcernView> {
  const c = await h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道灯坏了，晚上很黑' }, key());
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  return h.ok<ConcernView>('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已更换灯泡' });
}
const resolvedMessages = async (who: string) =>
  (await h.deps.store.query<InboxRecord>('inbox', { where: { communityId: 'demo', recipientId: member(who) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 })).items.filter((m) => m.kind === 'concern.resolved');

describe('the consent balance decides what is pushed', () => {
  it('gives a resident who accepted one 办结 template exactly one pushed message', async () => {
    const balances = await h.ok<{ balances: Record<string, number> }>('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept', concernProgress: 'reject' } });
    expect(balances.balances).toEqual({ concernResolved: 1, concernProgress: 0 });
    await resolvedConcern('demo-resident-1');
    await resolvedConcern('demo-resident-1');
    await runSweep(h.deps);
    expect(h.deps.sender.delivered.filter((m) => m.templateId === 'demo-tmpl-concern-resolved')).toHaveLength(1);
    const statuses = (await resolvedMessages('demo-resident-1')).map((m) => m.pushStatus).sort();
    expect(statuses).toEqual(['inAppOnly', 'sent']);
    // Nothing was pushed for the template the resident refused.
    expect(h.deps.sender.delivered.filter((m) => m.templateId === 'demo-tmpl-concern-progress')).toHaveLength(0);
  });
  it('fills template fields within WeChat’s limits', async () => {
    await h.ok('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept' } });
    await resolvedConcern('demo-resident-1');
    await runSweep(h.deps);
    const [m] = h.deps.sender.delivered;
    expect(m.openid).toBe('demo-resident-1');
    expect(Array.from(m.data.thing2.value).length).toBeLessThanOrEqual(20);
    expect(m.data.time3.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
  it('stops pushing when WeChat says the consent is gone', async () => {
    await h.ok('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept' } });
    await h.ok('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept' } });
    h.deps.sender.refuse.add('demo-resident-1');
    await resolvedConcern('demo-resident-1');
    await runSweep(h.deps);
    expect((await resolvedMessages('demo-resident-1'))[0].pushStatus).toBe('inAppOnly');
    const after = await h.ok<{ balances: Record<string, number> }>('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'reject' } });
    expect(after.balances.concernResolved).toBe(0);
  });
  it('asks for the configured templates at each tap', async () => {
    const t = await h.ok<{ templates: Array<{ key: string; templateId: string }> }>('demo-resident-1', 'notify.templates', { moment: 'concern.submit' });
    expect(t.templates.map((x) => x.key)).toEqual(['concernProgress', 'concernResolved']);
  });
});

describe('the outbox survives a sender that dies mid-batch', () => {
  it('sends every message exactly once after restart', async () => {
    const people = await residents(h, 6);
    for (const p of people) {
      await h.ok(p, 'notify.recordConsent', { results: { concernResolved: 'accept' } });
      await resolvedConcern(p);
    }
    // The process dies right after WeChat accepted the third message, before recording it.
    let sentMarks = 0;
    const dying: Store = Object.create(h.deps.store);
    dying.update = async (c, id, patch, where) => {
      if (c === 'inbox' && (patch as { pushStatus?: string }).pushStatus === 'sent' && (sentMarks += 1) === 3) throw new Error('SIGKILL');
      return h.deps.store.update(c, id, patch, where);
    };
    await expect(sendOutbox({ ...h.deps, store: dying }, h.deps.sender, h.clock.now(), { messages: 100 })).rejects.toThrow('SIGKILL');
    expect(h.deps.sender.delivered).toHaveLength(3);

    // Restarted: the dead sender's claim runs out and the rest go out.
    h.clock.advance(CLAIM_MS + 1);
    await sendOutbox(h.deps, h.deps.sender, h.clock.now(), { messages: 100 });
    await sendOutbox(h.deps, h.deps.sender, h.clock.now(), { messages: 100 });
    const keys = h.deps.sender.delivered.map((m) => m.idempotencyKey);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    for (const p of people) expect((await resolvedMessages(p))[0]).toMatchObject({ pushStatus: 'sent' });
    // Each message consumed exactly one unit of consent.
    for (const p of people) {
      const b = await h.ok<{ balances: Record<string, number> }>(p, 'notify.recordConsent', { results: { concernResolved: 'reject' } });
      expect(b.balances.concernResolved).toBe(0);
    }
  });
  it('retries transient failures with backoff, then gives up', async () => {
    await h.ok('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept' } });
    await resolvedConcern('demo-resident-1');
    h.deps.sender.failNext = 1;
    expect(await sendOutbox(h.deps, h.deps.sender, h.clock.now(), { messages: 10 })).toMatchObject({ retried: 1 });
    h.clock.advance(3 * 60_000);
    expect(await sendOutbox(h.deps, h.deps.sender, h.clock.now(), { messages: 10 })).toMatchObject({ sent: 1 });
  });
  it('runs concurrently without sending anything twice', async () => {
    const people = await residents(h, 5);
    for (const p of people) {
      await h.ok(p, 'notify.recordConsent', { results: { concernResolved: 'accept' } });
      await resolvedConcern(p);
    }
    await Promise.all([1, 2, 3].map(() => sendOutbox(h.deps, h.deps.sender, h.clock.now(), { messages: 100 })));
    expect(h.deps.sender.attempts).toBe(5);
    expect(h.deps.sender.delivered).toHaveLength(5);
  });
});
