/**
 * The store a handler sees when its action prefetched: parts read with the caller's record
 * answer the handler's matching reads once, and never stand in for the database after a
 * write, inside a transaction, across communities, or for a read they were not asked as.
 */
import { fromAnchor, type ReadPart, type Store } from '../../../../cloudfunctions/lib/ports/store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { CountingStore } from '../../../../cloudfunctions/lib/store/counting-store';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';
import { PrefetchedStore } from '../../../../cloudfunctions/lib/kernel/prefetched-store';
import { ScopedStore } from '../../../../cloudfunctions/lib/kernel/scoped-store';

const PARTS: Record<string, ReadPart> = {
  mine: { collection: 'concerns', id: 'a' },
  foreign: { collection: 'concerns', id: 'far' },
  both: { collection: 'concerns', ids: ['a', 'b'] },
  latest: { collection: 'concerns', where: { communityId: fromAnchor('communityId') }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 },
};

describe('PrefetchedStore', () => {
  let sqlite: SqliteStore;
  let counting: CountingStore;
  let inner: Store;
  let store: PrefetchedStore;
  let db: ScopedStore;

  beforeEach(async () => {
    sqlite = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    counting = new CountingStore(sqlite);
    inner = counting as unknown as Store;
    await sqlite.insert('members', { _id: 'me', communityId: 'c1' });
    await sqlite.insert('concerns', { _id: 'a', communityId: 'c1', createdAt: 1, status: 'open' });
    await sqlite.insert('concerns', { _id: 'b', communityId: 'c1', createdAt: 2, status: 'open' });
    await sqlite.insert('concerns', { _id: 'far', communityId: 'c2', createdAt: 3, status: 'open' });
    const together = await inner.readTogether({ collection: 'members', id: 'me' }, PARTS);
    store = new PrefetchedStore(inner, PARTS, together.parts!, together.anchor!);
    db = new ScopedStore(store, 'c1');
    counting.reset();
  });
  afterEach(() => sqlite.close());

  it('answers each matching read from the parts, once; asked again, the database answers', async () => {
    expect(await db.get('concerns', 'a')).toMatchObject({ _id: 'a', status: 'open' });
    expect((await db.getMany('concerns', ['b', 'a', 'b'])).map((d) => d._id).sort()).toEqual(['a', 'b']);
    const page = await db.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    expect(page.items.map((d) => d._id)).toEqual(['b', 'a']);
    expect(counting.reset()).toBe(0);
    await db.get('concerns', 'a');
    await db.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    expect(counting.reset()).toBe(2);
  });

  it('reads the database for a collection once this request wrote to it, and sees the write', async () => {
    await db.update('concerns', 'a', { status: 'done' });
    counting.reset();
    expect(await db.get('concerns', 'a')).toMatchObject({ status: 'done' });
    expect((await db.getMany('concerns', ['a', 'b'])).find((d) => d._id === 'a')).toMatchObject({ status: 'done' });
    expect(counting.reset()).toBe(2);
  });

  it('counts a write inside a transaction too, and its reads go to the database, not the parts', async () => {
    await sqlite.update('concerns', 'a', { status: 'moved on' });
    await store.transaction(async (tx) => {
      expect(await tx.get('concerns', 'a')).toMatchObject({ status: 'moved on' });
      tx.set('concerns', { _id: 'b', communityId: 'c1', createdAt: 2, status: 'set in tx' } as never);
    });
    counting.reset();
    expect(await db.get('concerns', 'a')).toMatchObject({ status: 'moved on' });
    expect(counting.reset()).toBe(1);
  });

  it('still scopes: a foreign document prefetched by id comes back missing, and another community gets no part', async () => {
    expect(await db.get('concerns', 'far')).toBeNull();
    const elsewhere = new ScopedStore(store, 'c2');
    counting.reset();
    const theirs = await elsewhere.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    expect(theirs.items.map((d) => d._id)).toEqual(['far']);
    expect(counting.reset()).toBe(1);
  });

  it('reads what it was not asked as from the database', async () => {
    await db.get('concerns', 'b');
    await db.getMany('concerns', ['a']);
    await db.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 3 });
    await db.query('concerns', { where: { status: 'open' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    expect(counting.reset()).toBe(4);
  });

  it('serves nothing when the anchor lacks the value a query part names', async () => {
    await sqlite.insert('members', { _id: 'visitor' });
    const together = await inner.readTogether({ collection: 'members', id: 'visitor' }, PARTS);
    const bare = new ScopedStore(new PrefetchedStore(inner, PARTS, together.parts!, together.anchor!), 'c1');
    counting.reset();
    expect((await bare.query('concerns', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 })).items.map((d) => d._id)).toEqual(['b', 'a']);
    expect(counting.reset()).toBe(1);
  });
});
