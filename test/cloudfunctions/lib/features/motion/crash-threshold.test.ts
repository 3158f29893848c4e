/**
 * The supporter who crosses the threshold moves the motion, then sends the event, the
 * concern's copy and the messages in one wave, and leaves marking them sent to the sweep.
 * An instance dying right after the move is repaired by the same supporter's retry, and
 * else by the sweep; neither sends anything twice.
 */
import type { Store } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, type Harness } from '../../../../support/harness';
import { adminTitles, motionClock, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: 2 }, supportDays: 30, answerDays: 15 });
});
afterEach(() => h.close());

const thresholdEvents = async (id: string) =>
  (await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `motion:${id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items.filter((e) => e.type === 'motion.thresholdMet');
const tasks = async (title: string) => (await adminTitles(h)).filter((t) => t === `须上会或答复：${title}`);

/** Dies at the first write after the motion's move: the event's insert or the inbox's. */
function dieAfterMove(store: Store): () => void {
  const s = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const saved = { insert: s.insert, insertMany: s.insertMany };
  const die = (name: 'insert' | 'insertMany') =>
    async function (this: unknown, collection: unknown, ...rest: unknown[]) {
      if (collection === 'events' || collection === 'inbox') throw new Error('instance died');
      return saved[name].call(this, collection, ...rest);
    };
  s.insert = die('insert');
  s.insertMany = die('insertMany');
  return () => Object.assign(s, saved);
}

describe('a crash right after the threshold is crossed', () => {
  it('is repaired by the retry of the supporter who crossed it, and the sweep only marks it told', async () => {
    const m = await propose(h);
    await h.ok('demo-resident-1', 'motion.support', { motionId: m.id });
    const heal = dieAfterMove(h.deps.store);
    const crashed = await h.call('demo-resident-2', 'motion.support', { motionId: m.id });
    heal();
    expect(crashed.ok).toBe(false);
    expect(await h.deps.store.get('motions', m.id)).toMatchObject({ status: 'thresholdMet', supports: 2, metNoticed: false });
    expect(await thresholdEvents(m.id)).toHaveLength(0);

    const retry = await h.ok('demo-resident-2', 'motion.support', { motionId: m.id });
    expect(retry).toMatchObject({ status: 'thresholdMet', supports: 2 });
    expect(await thresholdEvents(m.id)).toHaveLength(1);
    expect(await tasks(m.title)).toHaveLength(1);

    expect((await motionClock(h)).noticed).toBe(1);
    expect(await h.deps.store.get('motions', m.id)).toMatchObject({ metNoticed: true });
    expect((await motionClock(h)).noticed).toBe(0);
    expect(await thresholdEvents(m.id)).toHaveLength(1);
    expect(await tasks(m.title)).toHaveLength(1);
  });
  it('is repaired by the sweep when nobody retries', async () => {
    const m = await propose(h);
    await h.ok('demo-resident-1', 'motion.support', { motionId: m.id });
    const heal = dieAfterMove(h.deps.store);
    expect((await h.call('demo-resident-2', 'motion.support', { motionId: m.id })).ok).toBe(false);
    heal();
    expect((await motionClock(h)).noticed).toBe(1);
    expect(await thresholdEvents(m.id)).toHaveLength(1);
    expect(await tasks(m.title)).toHaveLength(1);
    expect(await h.deps.store.get('motions', m.id)).toMatchObject({ metNoticed: true });
  });
});
