/**
 * forEachDue under the sweep's round-trip budget: a run stops where the budget ends and the
 * next run starts from what is still due, so over the runs every due document is handled
 * exactly once, earliest first, and none that is not due is touched.
 */
import { forEachDue } from '../../../../cloudfunctions/lib/kernel/due';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import type { Store } from '../../../../cloudfunctions/lib/ports/store';
import { BudgetStore } from '../../../../cloudfunctions/lib/kernel/sweep-budget';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

const NOW = 1_800_000_000_000;
let sqlite: SqliteStore;

beforeEach(async () => {
  sqlite = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  // 120 due hour disputes (wakeAt in the past, one a second) and 30 not yet due.
  for (let i = 0; i < 150; i += 1) {
    const wakeAt = i < 120 ? NOW - 1_000_000 + i * 1000 : NOW + 1000 + i;
    await sqlite.insert('hourDisputes', { _id: `d${String(i).padStart(3, '0')}`, communityId: 'demo', status: 'open', wakeAt });
  }
});
afterEach(() => sqlite.close());

/** One sweep run over the budget: each handled dispute is cleared with one write. */
async function run(budget: { run: number; job: number }, seen: string[]): Promise<number> {
  const store = new BudgetStore(sqlite as unknown as Store, budget.run);
  store.startJob(budget.job);
  let handled = 0;
  await forEachDue(store, 'hourDisputes', NOW, 10, async (d, db) => {
    seen.push(d._id);
    handled += 1;
    return db.update('hourDisputes', d._id, { wakeAt: null }, { wakeAt: d.wakeAt });
  });
  return handled;
}

describe('forEachDue under a round-trip budget', () => {
  it('handles as many as the budget pays for, then the next run goes on from there', async () => {
    const seen: string[] = [];
    // One query, then one write per dispute: a job share of 21 trips handles 20.
    expect(await run({ run: 1000, job: 21 }, seen)).toBe(20);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `d${String(i).padStart(3, '0')}`));
    expect(await run({ run: 1000, job: 21 }, seen)).toBe(20);
    expect(seen.slice(20)).toEqual(Array.from({ length: 20 }, (_, i) => `d${String(20 + i).padStart(3, '0')}`));
  });

  it('the run total stops a job whose own share is not spent', async () => {
    const seen: string[] = [];
    expect(await run({ run: 6, job: 1000 }, seen)).toBe(5);
  });

  it('over the runs handles every due one once, in wakeAt order, and nothing that is not due', async () => {
    const seen: string[] = [];
    let runs = 0;
    while ((await run({ run: 1000, job: 33 }, seen)) > 0) runs += 1;
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `d${String(i).padStart(3, '0')}`));
    expect(new Set(seen).size).toBe(120);
    // 32 a run (each page's query is one trip): four runs of 32 would be 128, so 4 runs.
    expect(runs).toBe(4);
    const left = await sqlite.query('hourDisputes', { where: { wakeAt: { $lte: NOW } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit: 10 });
    expect(left.items).toHaveLength(0);
    const later = await sqlite.query('hourDisputes', { where: { wakeAt: { $gt: NOW } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit: 50 });
    expect(later.items).toHaveLength(30);
  });

  it('without a budget store it runs its pages as before', async () => {
    const seen: string[] = [];
    await forEachDue(sqlite as unknown as Store, 'hourDisputes', NOW, 1, async (d, db) => {
      seen.push(d._id);
      return db.update('hourDisputes', d._id, { wakeAt: null }, { wakeAt: d.wakeAt });
    });
    expect(seen).toHaveLength(50);
  });
});
