/**
 * A scheduled poll whose time came before the sweep did is opened by the first resident's
 * call: its roll frozen and the poll open in that call, its opening event carried on the
 * poll and put in `events` by the next sweep (or beside the poll's close, whichever comes
 * first), exactly once.
 */
import type { PollView } from '../../../../../miniprogram/core/poll/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addFamily, DAY } from '../../../../support/polls';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await addFamily(h);
});
afterEach(() => h.close());

const HOUR = 3600_000;
async function scheduled(): Promise<PollView> {
  const now = h.clock.now();
  return h.ok<PollView>('demo-admin', 'poll.create', {
    title: '是否同意在小区东门加装快递柜', description: '费用由快递公司承担。', options: ['赞成', '反对'], minPicks: 1, maxPicks: 1, openTextLabel: null,
    unit: 'household', eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app'], opensAt: now + HOUR, closesAt: now + 7 * DAY,
  }, key());
}
async function eventsOf(pollId: string) {
  const page = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `poll:${pollId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
  return page.items.map((e) => e.type).sort();
}

it('opens on a resident’s read, and the sweep records the opening once and sets the wake to the close', async () => {
  const poll = await scheduled();
  h.clock.advance(2 * HOUR);
  const seen = await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id });
  expect(seen.status).toBe('open');
  expect((await h.call('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } })).ok).toBe(true);
  expect(await eventsOf(poll.id)).toEqual(['poll.created', 'poll.voted']);
  await runSweep(h.deps);
  expect(await eventsOf(poll.id)).toEqual(['poll.created', 'poll.opened', 'poll.voted']);
  expect((await h.deps.store.get('polls', poll.id))?.wakeAt).toBe(poll.closesAt);
  await runSweep(h.deps);
  expect(await eventsOf(poll.id)).toEqual(['poll.created', 'poll.opened', 'poll.voted']);
});

it('records the opening beside the close when no sweep came by in between', async () => {
  const poll = await scheduled();
  h.clock.advance(2 * HOUR);
  await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id });
  h.clock.advance(7 * DAY);
  expect((await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id })).status).toBe('closed');
  expect(await eventsOf(poll.id)).toEqual(['poll.closed', 'poll.created', 'poll.opened']);
});

it('records the opening when one read finds the poll past both its opening and its close', async () => {
  const poll = await scheduled();
  h.clock.advance(8 * DAY);
  expect((await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id })).status).toBe('closed');
  expect(await eventsOf(poll.id)).toEqual(['poll.closed', 'poll.created', 'poll.opened']);
});

/** The collections the database is asked to read from while `run` runs (alone or as parts of a read together). */
async function collectionsRead(run: () => Promise<unknown>): Promise<string[]> {
  const store = h.deps.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const seen: string[] = [];
  const originals = { get: store.get, getMany: store.getMany, query: store.query, readTogether: store.readTogether };
  const watch = (name: keyof typeof originals, names: (args: unknown[]) => string[]) => {
    store[name] = (...args: unknown[]) => {
      seen.push(...names(args));
      return originals[name].apply(h.deps.store, args);
    };
  };
  watch('get', (a) => [a[0] as string]);
  watch('getMany', (a) => [a[0] as string]);
  watch('query', (a) => [a[0] as string]);
  watch('readTogether', (a) => [(a[0] as { collection: string }).collection, ...Object.values(a[1] as Record<string, { collection: string }>).map((p) => p.collection)]);
  try {
    await run();
  } finally {
    Object.assign(store, originals);
  }
  return seen;
}

it('does not read back the roll it has just frozen, nor look for ballots against it', async () => {
  const poll = await scheduled();
  h.clock.advance(2 * HOUR);
  let seen: PollView | undefined;
  const read = await collectionsRead(async () => {
    seen = await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id });
  });
  expect(seen?.status).toBe('open');
  // Her household is on the roll this very call froze: known from the buckets it wrote.
  expect(seen?.myBallot?.units.length).toBeGreaterThan(0);
  expect(read).not.toContain('pollRolls');
  expect(read).not.toContain('ballots');
});
