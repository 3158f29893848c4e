/**
 * SLA clocks driven by an injected clock and the sweep: unsigned items move down the chain,
 * overdue ones escalate up it, paused ones wait, resolved ones archive, and a second sweep
 * finds nothing to do.
 */
import type { ConcernView, QueueItem } from '../../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { addDepartment } from '../../../../support/departments';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function submit(category = 'cat_demo_repair'): Promise<ConcernView> {
  return h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category, buildingId: h.ids['1号楼'], text: '单元门禁坏了，外人随便进出。' }, key());
}
const view = (id: string, who = 'demo-admin') => h.ok<ConcernView>(who, 'concern.get', { concernId: id });
const clocks = async () => (await runSweep(h.deps)).jobs.concernClocks as Record<string, number>;
const inboxTitles = async (openidOrRecipient: string) =>
  (await h.deps.store.query<{ _id: string; title: string }>('inbox', {
    where: { communityId: 'demo', recipientId: openidOrRecipient.startsWith('admins:') ? openidOrRecipient : member(openidOrRecipient) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 50,
  })).items.map((m) => m.title);

describe('a missed contact deadline moves the concern down the dispatch chain', () => {
  it('goes from A to B, to the grid leader, to the community pool, then chases the admins', async () => {
    const c = await submit(); // 设施维修: contact within 24 h
    h.clock.advance(23 * HOUR);
    expect((await clocks()).rerouted).toBe(0);
    h.clock.advance(2 * HOUR);
    // This one and the two concerns the demo seed filed at the same moment.
    expect((await clocks()).rerouted).toBe(3);
    expect((await view(c.id)).assignee?.memberId).toBe(member('demo-grid-1b'));
    expect(await inboxTitles('demo-grid-1b')).toContain('超时转交的诉求待签收：设施维修');
    expect(await inboxTitles('demo-grid-1')).toContain(`诉求 ${c.number} 超时未签收，已转交`);

    h.clock.advance(25 * HOUR);
    await clocks();
    expect((await view(c.id)).assignee?.memberId).toBe(member('demo-leader'));

    h.clock.advance(25 * HOUR);
    await clocks();
    const pooled = await view(c.id);
    expect(pooled.assignee).toBeUndefined();
    expect(pooled.overdue).toBe(true);
    const adminQueue = await h.ok<{ items: QueueItem[] }>('demo-admin', 'concern.queue', { overdue: true });
    expect(adminQueue.items.map((i) => i.id)).toContain(c.id);

    h.clock.advance(25 * HOUR);
    await clocks();
    expect(await inboxTitles(`admins:demo`)).toContain(`诉求 ${c.number} 超时未签收`);
  });
  it('counts a late signature against the response rate', async () => {
    const c = await submit();
    h.clock.advance(25 * HOUR);
    await clocks();
    await h.ok('demo-grid-1b', 'concern.accept', { concernId: c.id });
    const s = await h.ok<{ overall: { responseRate: number } }>('demo-admin', 'concern.stats', { from: T0, to: h.clock.now() + 1, groupBy: 'month' });
    expect(s.overall.responseRate).toBe(0);
  });
});

describe('a missed resolve deadline escalates up the chain', () => {
  it('chases the grid leader first, then the community admins, once per day', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    h.clock.advance(7 * DAY + HOUR);
    expect((await clocks()).escalated).toBe(1);
    let v = await view(c.id, 'demo-grid-1');
    expect(v).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(v.timeline.map((e) => e.note)).toContain('已超过办结时限，已提请网格长督办');
    expect(await inboxTitles('demo-leader')).toContain(`督办：诉求 ${c.number} 已超期`);
    expect((await clocks()).escalated).toBe(0);
    h.clock.advance(DAY);
    await clocks();
    v = await view(c.id, 'demo-grid-1');
    expect(v.escalationLevel).toBe(2);
    expect(await inboxTitles('admins:demo')).toContain(`督办：诉求 ${c.number} 已超期`);
  });
});

describe('paused clocks do not run', () => {
  it('neither escalates nor moves the deadline while waiting on the resident', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const asked = await h.ok<ConcernView>('demo-grid-1', 'concern.requestInfo', { concernId: c.id, question: '请问是哪个单元的门禁？' });
    expect(asked.status).toBe('waitingResident');
    // Past the resolve deadline (7 days) but within the category's wait for the resident (7 days).
    h.clock.advance(6 * DAY + HOUR);
    const outcome = await clocks();
    expect(outcome.escalated).toBe(0);
    expect(outcome.reminded).toBe(1);
    expect(await inboxTitles('demo-resident-1')).toContain('请补充诉求情况');
    const resumed = await h.ok<ConcernView>('demo-resident-1', 'concern.supplement', { concernId: c.id, text: '是1单元的门禁' });
    expect(resumed.status).toBe('accepted');
    expect(resumed.resolveDueAt).toBe(asked.resolveDueAt + 6 * DAY + HOUR);
    expect(resumed.overdue).toBe(false);
    expect((await clocks()).escalated).toBe(0);
  });
  it('chases a whistled department that is late, without escalating the handler', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: await addDepartment(h, '物业公司'), note: '门禁维保', replyDays: 2 });
    h.clock.advance(3 * DAY);
    const outcome = await clocks();
    expect(outcome).toMatchObject({ chased: 1, escalated: 0 });
    expect(await inboxTitles('demo-grid-1')).toContain(`诉求 ${c.number} 协办部门未按时回复`);
  });
});

describe('resolved concerns nobody rates are archived as unrated', () => {
  it('closes after the rating window and counts as unrated, not satisfied', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已修好门禁' });
    h.clock.advance(6 * DAY);
    expect((await clocks()).autoClosed).toBe(0);
    h.clock.advance(2 * DAY);
    expect((await clocks()).autoClosed).toBe(1);
    const v = await view(c.id, 'demo-resident-1');
    expect(v.status).toBe('closed');
    expect(v.allowedActions).toEqual(['concern.get']);
    const s = await h.ok<{ overall: { unrated: number; rated: number; satisfactionRate: number | null; resolutionRate: number } }>(
      'demo-admin', 'concern.stats', { from: T0, to: h.clock.now() + 1, groupBy: 'grid' },
    );
    expect(s.overall).toMatchObject({ unrated: 1, rated: 0, satisfactionRate: null, resolutionRate: 0 });
  });
});

describe('the sweep is idempotent', () => {
  it('changes nothing when run again, or when two runs overlap', async () => {
    const a = await submit();
    const b = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: b.id });
    h.clock.advance(8 * DAY);
    const [x, y] = await Promise.all([clocks(), clocks()]);
    const acted = (o: Record<string, number>) => o.rerouted + o.escalated + o.reminded + o.chased + o.autoClosed;
    // a (and the two seeded ones) rerouted once, b escalated once, whoever got there first.
    expect(acted(x) + acted(y)).toBe(4);
    const eventsBefore = (await view(a.id)).timeline.length;
    const again = await clocks();
    expect(acted(again)).toBe(0);
    expect((await view(a.id)).timeline.length).toBe(eventsBefore);
  });
});
