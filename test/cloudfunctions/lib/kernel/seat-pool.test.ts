import { promoteHead, releasePlace, takePlace, type PoolStore } from '../../../../cloudfunctions/lib/kernel/seat-pool';
import type { SlotRecord } from '../../../../cloudfunctions/lib/features/booking/records';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

const pool = { _id: 's1', communityId: 'demo', seats: 1, seatsLeft: 1, holders: {}, waitlist: [], waiting: {}, waitlistCount: 0, waitlistLeft: 5, status: 'open' } as unknown as SlotRecord;

async function withPool(run: (store: SqliteStore) => Promise<void>): Promise<void> {
  const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  try {
    await store.insert('slots', pool);
    await run(store);
  } finally {
    store.close();
  }
}

async function slot(store: SqliteStore): Promise<SlotRecord> {
  return (await store.get('slots', 's1')) as SlotRecord;
}

/** A store that runs `between` once, right after the n-th conditional update answers. */
function interrupted(store: SqliteStore, n: number, between: () => Promise<unknown>): PoolStore {
  let updates = 0;
  return {
    get: store.get.bind(store),
    update: (async (...args: Parameters<SqliteStore['update']>) => {
      const answer = await store.update(...args);
      updates += 1;
      if (updates === n) await between();
      return answer;
    }) as SqliteStore['update'],
  };
}

describe('a waiter who leaves while being promoted', () => {
  it('gives back the seat the promotion handed over between its two tries, and nobody holds it', async () => {
    await withPool(async (store) => {
      expect(await takePlace(store, 'slots', 's1', 'a', 'ca')).toBe('seat');
      expect(await takePlace(store, 'slots', 's1', 'b', 'cb')).toBe('waitlist');
      // a leaves: b is promoted. b leaves at the same moment: its seat try misses (b still
      // waits), the promotion runs, then its waitlist try misses too (b now holds the seat).
      expect(await releasePlace(store, 'slots', 's1', 'a', 'ca')).toBe('seat');
      const racing = interrupted(store, 1, () => promoteHead(store, 'slots', 's1'));
      expect(await releasePlace(racing, 'slots', 's1', 'b', 'cb')).toBe('seat');
      const after = await slot(store);
      expect(after.holders).toEqual({});
      expect(after.waiting).toEqual({});
      expect(after.seatsLeft).toBe(1);
      expect(after.waitlistCount).toBe(0);
    });
  });
});

describe('giving back a place twice', () => {
  it('frees it once and answers false the second time, counters unchanged', async () => {
    await withPool(async (store) => {
      await takePlace(store, 'slots', 's1', 'a', 'ca');
      expect(await releasePlace(store, 'slots', 's1', 'a', 'ca')).toBe('seat');
      expect(await releasePlace(store, 'slots', 's1', 'a', 'ca')).toBe(false);
      expect((await slot(store)).seatsLeft).toBe(1);
    });
  });
});

describe('a late release by an earlier incarnation', () => {
  it('misses the seat the holder took again under a new claim', async () => {
    await withPool(async (store) => {
      await takePlace(store, 'slots', 's1', 'a', 'old');
      expect(await takePlace(store, 'slots', 's1', 'a', 'new')).toBe('seat');
      expect(await releasePlace(store, 'slots', 's1', 'a', 'old')).toBe(false);
      expect((await slot(store)).holders).toEqual({ a: 'new' });
    });
  });
});
