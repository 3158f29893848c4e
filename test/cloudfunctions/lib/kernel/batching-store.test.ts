/**
 * One request's reads started together go as one round-trip anchored on the caller's record;
 * each read still gets exactly what it would have got alone, scope included.
 */
import type { Store } from '../../../../cloudfunctions/lib/ports/store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { CountingStore } from '../../../../cloudfunctions/lib/store/counting-store';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';
import { BatchingStore } from '../../../../cloudfunctions/lib/kernel/batching-store';
import { ScopedStore } from '../../../../cloudfunctions/lib/kernel/scoped-store';

describe('BatchingStore', () => {
  let sqlite: SqliteStore;
  let counting: CountingStore;
  let inner: Store;
  const me = { _id: 'me', communityId: 'c1', version: 1, name: '刘阿姨' };
  const batching = (anchorDoc?: object | null, anchorId = 'me') =>
    new BatchingStore(inner, { collection: 'members', id: anchorId }, new Set(['categories']), anchorDoc as never);

  beforeEach(async () => {
    sqlite = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    counting = new CountingStore(sqlite);
    inner = counting as unknown as Store;
    await sqlite.insert('members', me);
    await sqlite.insert('concerns', { _id: 'a', communityId: 'c1', createdAt: 1, status: 'open' });
    await sqlite.insert('concerns', { _id: 'b', communityId: 'c1', createdAt: 2, status: 'open' });
    await sqlite.insert('concerns', { _id: 'far', communityId: 'c2', createdAt: 3, status: 'open' });
    await sqlite.insert('categories', { _id: 'cat', communityId: 'c1', createdAt: 1, name: '设施维修' });
    counting.reset();
  });
  afterEach(() => sqlite.close());

  describe('reads started together', () => {
    it('go as one round-trip and each gets what it asked for', async () => {
      const db = new ScopedStore(batching(), 'c1');
      const [a, both, latest] = await Promise.all([
        db.get('concerns', 'a'),
        db.getMany('concerns', ['a', 'b', 'nope']),
        db.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 }),
      ]);
      expect(counting.reset()).toBe(1);
      expect(a?._id).toBe('a');
      expect(both.map((d) => d._id).sort()).toEqual(['a', 'b']);
      expect(latest.items.map((d) => d._id)).toEqual(['b']);
      expect(latest.next).toBeDefined();
    });
    it('keep to the caller’s community: a foreign id reads as missing', async () => {
      const db = new ScopedStore(batching(), 'c1');
      const [far, a] = await Promise.all([db.get('concerns', 'far'), db.get('concerns', 'a')]);
      expect(far).toBeNull();
      expect(a?._id).toBe('a');
    });
    it('more than a round-trip holds go in as few as hold them', async () => {
      const store = batching();
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.get('concerns', i % 2 ? 'a' : 'b')));
      expect(counting.reset()).toBe(2);
    });
  });

  describe('reads that go alone', () => {
    it('a read started by itself, a reference collection the instance caches, and every write', async () => {
      const store = batching();
      await store.get('concerns', 'a');
      expect(counting.reset()).toBe(1);
      await Promise.all([store.get('categories', 'cat'), store.get('concerns', 'b')]);
      expect(counting.reset()).toBe(2);
      await Promise.all([store.update('concerns', 'a', { status: 'done' }), store.get('concerns', 'a')]);
      expect(counting.reset()).toBe(2);
    });
    it('all of them when the anchor is missing, each with its own answer', async () => {
      const store = batching(undefined, 'nobody');
      const [a, b] = await Promise.all([store.get('concerns', 'a'), store.get('concerns', 'nope')]);
      expect([a?._id, b]).toEqual(['a', null]);
      // The read together found no anchor, then each read went alone.
      expect(counting.reset()).toBe(3);
    });
    it('a caller with no record: the first wave alone, then anchored on a document it found', async () => {
      const store = new BatchingStore(inner, null, new Set(['categories']));
      const [a, none] = await Promise.all([store.get('concerns', 'nope'), store.get('concerns', 'a')]);
      expect([a, none?._id]).toEqual([null, 'a']);
      expect(counting.reset()).toBe(2);
      const [b, both] = await Promise.all([store.get('concerns', 'b'), store.getMany('concerns', ['a', 'far'])]);
      expect(counting.reset()).toBe(1);
      expect(b?._id).toBe('b');
      expect(both.map((d) => d._id).sort()).toEqual(['a', 'far']);
    });
    it('a bad read fails by itself, not the reads it travelled with', async () => {
      const store = batching();
      const [good, bad] = await Promise.allSettled([
        store.get('concerns', 'a'),
        store.query('concerns', { where: { nonsense: 'x' }, orderBy: { field: 'nonsense', dir: 'asc' }, limit: 1 }),
      ]);
      expect(good.status === 'fulfilled' && good.value?._id).toBe('a');
      expect(bad.status).toBe('rejected');
    });
  });

  describe('the caller’s own record', () => {
    it('as the wrapper read it is answered without a round-trip, until the request writes members', async () => {
      const store = batching(me);
      expect(await store.get('members', 'me')).toEqual(me);
      expect(counting.reset()).toBe(0);
      await store.update('members', 'me', { name: '刘秀兰' }, { version: 1 });
      expect((await store.get('members', 'me'))?.name).toBe('刘秀兰');
      expect(counting.reset()).toBe(2);
    });
    it('is a copy: a use case that edits it cannot change what the next read gets', async () => {
      const store = batching(me);
      const first = await store.get('members', 'me');
      (first as { name: string }).name = '改过';
      expect((await store.get('members', 'me'))?.name).toBe('刘阿姨');
    });
  });
});
