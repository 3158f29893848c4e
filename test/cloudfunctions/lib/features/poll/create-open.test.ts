/**
 * A poll that starts now is made open in one insert, its roll frozen first: both its events
 * are recorded, a retry after a crash before them puts them back, and a repeated request
 * leaves one roll.
 */
import type { PollView } from '../../../../../miniprogram/core/poll/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addFamily, DAY } from '../../../../support/polls';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await addFamily(h);
});
afterEach(() => h.close());

const input = (h: Harness) => {
  const now = h.clock.now();
  return {
    title: '是否同意在小区东门加装快递柜', description: '费用由快递公司承担。', options: ['赞成', '反对'], minPicks: 1, maxPicks: 1, openTextLabel: null,
    unit: 'household', eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app'], opensAt: now, closesAt: now + 7 * DAY,
  };
};

async function eventsOf(pollId: string) {
  const page = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `poll:${pollId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
  return page.items.map((e) => e.type).sort();
}

async function rollsOf(pollId: string) {
  return (await h.deps.store.query('pollRolls', { where: { communityId: 'demo', pollId }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 })).items;
}

it('is open with its roll and both events, and a resident can vote at once', async () => {
  const poll = await h.ok<PollView>('demo-admin', 'poll.create', input(h), key());
  expect(poll.status).toBe('open');
  expect(await eventsOf(poll.id)).toEqual(['poll.created', 'poll.opened']);
  expect((await h.call('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } })).ok).toBe(true);
});

it('answers a repeated request with the same poll and one roll', async () => {
  const k = key();
  const data = input(h);
  const [a, b] = await Promise.all([h.ok<PollView>('demo-admin', 'poll.create', data, k), h.ok<PollView>('demo-admin', 'poll.create', data, k)]);
  expect(a.id).toBe(b.id);
  const again = await h.ok<PollView>('demo-admin', 'poll.create', data, k);
  expect(again.id).toBe(a.id);
  const stored = await h.deps.store.get('polls', a.id);
  const rolls = await rollsOf(a.id);
  expect(rolls.every((r) => r.freezeId === stored?.roll?.freezeId)).toBe(true);
  expect(await eventsOf(a.id)).toEqual(['poll.created', 'poll.opened']);
});

it('puts back both events on a retry when the first call died before them', async () => {
  const k = key();
  const data = input(h);
  const poll = await h.ok<PollView>('demo-admin', 'poll.create', data, k);
  // As if the instance died right after the poll's insert.
  await h.deps.store.remove('events', `poll:${poll.id}:created`);
  await h.deps.store.remove('events', `poll:${poll.id}:opened`);
  expect(await eventsOf(poll.id)).toEqual([]);
  await h.ok<PollView>('demo-admin', 'poll.create', data, k);
  expect(await eventsOf(poll.id)).toEqual(['poll.created', 'poll.opened']);
});
