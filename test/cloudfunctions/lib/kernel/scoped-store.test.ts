import { ScopedStore } from '../../../../cloudfunctions/lib/kernel/scoped-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

describe('reading many by id', () => {
  it('returns every id asked for, past the store’s hundred a call, and only the community’s own', async () => {
    const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    try {
      for (let i = 0; i < 250; i += 1) await store.insert('counters', { _id: `c${i}`, communityId: i === 7 ? 'other' : 'demo', value: i });
      const db = new ScopedStore(store, 'demo');
      const got = await db.getMany('counters', Array.from({ length: 250 }, (_, i) => `c${i}`));
      expect(got).toHaveLength(249);
      expect(got.some((c) => c._id === 'c7')).toBe(false);
      expect(got.some((c) => c._id === 'c249')).toBe(true);
      expect(await db.getMany('counters', [])).toEqual([]);
    } finally {
      store.close();
    }
  });
});
