/**
 * The sweep's jobs that walk long lists under the round-trip budget: a run stopped by its
 * budget leaves its place, the next run goes on from it, and over the runs every item is
 * handled once — none twice, none skipped. Poll close (its ballots counted over runs), the
 * motions' recount (its supports counted over runs), the insight clusters (communities in turn past the per-run cap) and the outbox.
 */
import type { Deps } from '../../../../cloudfunctions/lib/kernel/deps';
import { BudgetStore, readTally } from '../../../../cloudfunctions/lib/kernel/sweep-budget';
import { pollClock } from '../../../../cloudfunctions/lib/features/poll/close-poll';
import { clusterSweep } from '../../../../cloudfunctions/lib/features/insight/cluster';
import { sendOutbox } from '../../../../cloudfunctions/lib/features/notify/send-outbox';
import type { BallotRecord } from '../../../../cloudfunctions/lib/features/poll/records';
import { FEATURE_REGISTRY } from '../../../../cloudfunctions/lib/manifests';
import type { QuerySpec, Store } from '../../../../cloudfunctions/lib/ports/store';
import { runSweep } from '../../../../cloudfunctions/lib/sweep/run-sweep';
import { runMotionClock } from '../../../../cloudfunctions/lib/features/motion/clock';
import { propose } from '../features/motion/motions';
import { createHarness, type Harness } from '../../../support/harness';
import { addFamily, DAY, makePoll } from '../../../support/polls';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** deps whose store is one sweep run's budget, `job` round-trips for the job. */
function budgeted(job: number, store: Store = h.deps.store): { deps: Deps; budget: BudgetStore } {
  const budget = new BudgetStore(store, 10_000);
  budget.startJob(job);
  return { deps: { ...h.deps, store: budget }, budget };
}

describe('poll close counts its ballots over as many runs as it takes', () => {
  it('closes with every ballot counted once after runs the budget stopped', async () => {
    await addFamily(h);
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    const template = (await h.deps.store.query('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 })).items[0] as BallotRecord;
    // 449 more households' ballots (as a large community's poll holds), and a running count a crash left short.
    for (let i = 0; i < 449; i += 1) await h.deps.store.insert('ballots', { ...template, _id: `bl_many_${String(i).padStart(3, '0')}`, unitKey: `unit-${i}`, voterId: `m_voter_${i}`, at: template.at + 1 + i });
    await h.deps.store.update('polls', poll.id, { participation: 7 });
    h.clock.advance(DAY);

    const counts: number[] = [];
    let runs = 0;
    for (; runs < 20; runs += 1) {
      // A job share of 3 pages of ballots a run (plus the due query and the saved place).
      const { deps } = budgeted(6);
      await pollClock(deps, h.clock.now(), { pages: 5 });
      if ((await h.deps.store.get('polls', poll.id))!.status === 'closed') break;
      counts.push((await readTally(h.deps.store, `pollBallots:${poll.id}`)).n);
      if (runs === 0) {
        // A ballot that lands late (an in-flight vote) comes after where the count stopped.
        await h.deps.store.insert('ballots', { ...template, _id: 'bl_late', unitKey: 'unit-late', voterId: 'm_voter_late', at: h.clock.now() });
      }
    }
    expect(runs).toBeGreaterThan(1);
    // Each stopped run kept a whole number of pages, further each time.
    expect(counts.every((n, i) => n % 100 === 0 && (i === 0 || n > counts[i - 1]))).toBe(true);
    const closed = (await h.deps.store.get('polls', poll.id))!;
    expect(closed).toMatchObject({ status: 'closed', participation: 451, wakeAt: null });
    // The bookkeeping is gone once the poll is closed.
    expect(await h.deps.store.get('counters', `sweep:pollBallots:${poll.id}`)).toBeNull();
  });

  it('closes a small poll in one run as before', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    await runSweep(h.deps);
    expect(await h.deps.store.get('polls', poll.id)).toMatchObject({ status: 'closed', participation: 1 });
  });
});

describe('insight clusters take the communities in turn past the per-run cap', () => {
  it('scans each active community once a round, going on where the last run stopped', async () => {
    for (let i = 0; i < 5; i += 1) await h.ok('demo-subdistrict', 'subdistrict.createCommunity', { name: `测试社区${i}` }, `insight-community-${i}`);
    const active = (await h.deps.store.query('communities', { where: { active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: 100 })).items.map((c) => c._id);
    expect(active.length).toBeGreaterThan(5);
    const scanned: string[][] = [];
    for (let run = 0; run < 4; run += 1) {
      const seen = new Set<string>();
      // The settings read is the first thing a community's scan does.
      const spy: Store = new Proxy(h.deps.store as unknown as Store, {
        get(target, prop, receiver) {
          if (prop === 'get') return (c: string, id: string) => (c === 'insightSettings' && seen.add(id), target.get(c as never, id));
          if (prop === 'query') return (c: string, spec: QuerySpec) => target.query(c as never, spec);
          return Reflect.get(target, prop, receiver);
        },
      });
      const { deps } = budgeted(10_000, spy);
      const result = await clusterSweep(deps, h.clock.now(), FEATURE_REGISTRY, { communities: 2 });
      expect(result.communities).toBe(2);
      scanned.push([...seen]);
    }
    const all = scanned.flat();
    // Four runs of two: the first round covers every community once before any comes again.
    const firstRound = all.slice(0, active.length);
    expect(new Set(firstRound).size).toBe(active.length);
    expect(all.slice(active.length)).toEqual(firstRound.slice(0, all.length - active.length));
  });
});

describe('the outbox stops at the budget and the next run sends the rest', () => {
  it('sends every pending message once over the runs', async () => {
    const now = h.clock.now();
    for (let i = 0; i < 12; i += 1) {
      await h.deps.notifier.notify({ id: `outbox-test-${i}`, communityId: 'demo', recipientId: 'm_nobody', kind: 'concern.dispatched', title: `消息${i}`, body: '正文' });
    }
    const pending = async () => (await h.deps.store.query('inbox', { where: { pushStatus: { $in: ['pending', 'sending'] }, pushDueAt: { $lte: now + DAY } }, orderBy: { field: 'pushDueAt', dir: 'asc' }, limit: 100 })).items.length;
    const before = await pending();
    let handled = 0;
    let runs = 0;
    while ((await pending()) > 0 && runs < 20) {
      const { deps } = budgeted(8);
      const c = await sendOutbox(deps, h.deps.sender, h.clock.now(), { messages: 100 });
      handled += c.sent + c.inAppOnly + c.retried + c.failed;
      runs += 1;
    }
    expect(before).toBeGreaterThan(0);
    expect(runs).toBeGreaterThan(1);
    expect(handled).toBe(before);
  });
});

describe('the motions\' recount goes on over runs', () => {
  it('counts every support once though the budget stops it, then sets the count', async () => {
    const m = await propose(h);
    const t = h.clock.now();
    // 330 supports whose increments a crash lost (a motion of a large community).
    for (let i = 0; i < 330; i += 1) {
      await h.deps.store.insert('motionSupports', { _id: `ms_${m.id}_u${String(i).padStart(3, '0')}`, communityId: 'demo', motionId: m.id, unitKey: `u${i}`, householdId: `h_u${i}`, memberId: `m_u${i}`, memberName: null, createdAt: t + i } as never);
    }
    h.clock.advance(6 * 3600_000);
    let runs = 0;
    let recounted = 0;
    for (; runs < 20 && recounted === 0; runs += 1) {
      const { deps } = budgeted(4);
      recounted = (await runMotionClock(deps, h.clock.now(), { pages: 4 })).recounted;
    }
    expect(runs).toBeGreaterThan(1);
    expect((await h.deps.store.get('motions', m.id))!.supports).toBe(330);
    expect(await h.deps.store.get('counters', `sweep:motionSupports:${m.id}`)).toBeNull();
  });
});
