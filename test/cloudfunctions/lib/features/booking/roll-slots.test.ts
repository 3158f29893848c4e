/**
 * Rolling slots forward under the sweep's round-trip budget: a run rolls the services it can
 * pay for, earliest horizon first, and the next run goes on with the rest; a service
 * without a schedule moves its horizon too, so it cannot hold the front of the line.
 */
import { rollSlots } from '../../../../../cloudfunctions/lib/features/booking/clocks';
import type { ServiceRecord } from '../../../../../cloudfunctions/lib/features/booking/records';
import type { Deps } from '../../../../../cloudfunctions/lib/kernel/deps';
import { BudgetStore } from '../../../../../cloudfunctions/lib/kernel/sweep-budget';
import { createHarness, type Harness } from '../../../../support/harness';

const DAY = 24 * 3600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function services(): Promise<ServiceRecord[]> {
  return (await h.deps.store.query('services', { where: { active: true }, orderBy: { field: 'slotsUntil', dir: 'asc' }, limit: 100 })).items;
}

function budgeted(job: number): Deps {
  const store = new BudgetStore(h.deps.store, 100_000);
  store.startJob(job);
  return { ...h.deps, store };
}

describe('rollSlots under a round-trip budget', () => {
  it('rolls what the budget pays for and the next run rolls the rest, each once', async () => {
    const before = await services();
    expect(before.length).toBeGreaterThanOrEqual(2);
    // An empty schedule, with the earliest horizon of all.
    await h.deps.store.update('services', before[0]._id, { schedule: [], slotsUntil: 0 });
    h.clock.advance(2 * DAY);
    const now = h.clock.now();

    // One query and one write for the empty one, then a few slot inserts: the next service stops it.
    const first = await rollSlots(budgeted(3), now, { services: 50 });
    expect(first.services).toBeGreaterThanOrEqual(1);
    expect(first.services).toBeLessThan(before.length);
    const rolledFirst = (await services()).filter((s) => s.slotsUntil >= now + 13 * DAY).map((s) => s._id);
    expect(rolledFirst).toContain(before[0]._id);
    expect(rolledFirst).toHaveLength(first.services);

    let runs = 1;
    let total = first.services;
    for (;;) {
      const next = await rollSlots(budgeted(400), now, { services: 50 });
      if (next.services === 0) break;
      total += next.services;
      runs += 1;
      expect(runs).toBeLessThan(50);
    }
    // Every service rolled, once: after its roll it is past the 13-day line and not picked again.
    expect(total).toBe(before.length);
    for (const s of await services()) expect(s.slotsUntil).toBeGreaterThanOrEqual(now + 13 * DAY);
  });

  it('without a budget rolls every due service in one run, as before', async () => {
    h.clock.advance(2 * DAY);
    const all = await services();
    expect((await rollSlots(h.deps, h.clock.now(), { services: 50 })).services).toBe(all.length);
  });
});
