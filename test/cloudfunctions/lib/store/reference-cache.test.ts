import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';
import { CountingStore } from '../../../../cloudfunctions/lib/store/counting-store';
import { ReferenceCacheStore, referenceTtlFromEnv } from '../../../../cloudfunctions/lib/store/reference-cache';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { storeContract } from './store-contract';

// The cache must not change what a store does: the contract runs with its collection cached.
storeContract('SQLite behind the reference cache', async () => {
  const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  return { store: new ReferenceCacheStore(store, 60_000, Date.now, new Set(['concerns'])), close: () => store.close() };
});

function world(ttlMs = 15_000) {
  const db = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  const counted = new CountingStore(db);
  let now = 1_000_000;
  const clock = { now: () => now, pass: (ms: number) => (now += ms) };
  const instance = new ReferenceCacheStore(counted, ttlMs, clock.now);
  const other = new ReferenceCacheStore(db, ttlMs, clock.now);
  const category = { _id: 'cat_1', communityId: 'c1', name: '环境卫生', active: true };
  return { db, counted, clock, instance, other, category };
}

describe('a warm instance answers reference reads from memory', () => {
  it('reads a category from the database once, then not again', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    await w.instance.get('categories', 'cat_1');
    await w.instance.get('categories', 'cat_1');
    await w.instance.getMany('categories', ['cat_1']);
    expect(w.counted.reset()).toBe(1);
  });

  it('passes a read together through as one round-trip, and keeps the reference documents it read by id', async () => {
    const w = world();
    await w.db.insert('members', { _id: 'me', communityId: 'c1' });
    await w.db.insert('categories', w.category);
    const got = await w.instance.readTogether({ collection: 'members', id: 'me' }, { cat: { collection: 'categories', id: 'cat_1' } });
    expect(got.parts?.cat.items).toEqual([w.category]);
    await w.instance.get('categories', 'cat_1');
    expect(w.counted.reset()).toBe(1);
  });

  it('answers a repeated list query from memory, in the order the database gave', async () => {
    const w = world();
    for (const name of ['一号楼', '二号楼']) await w.db.insert('buildings', { _id: `b_${name}`, communityId: 'c1', name });
    const spec = { where: { communityId: 'c1' }, orderBy: { field: 'name', dir: 'asc' as const }, limit: 10 };
    const first = await w.instance.query('buildings', spec);
    const second = await w.instance.query('buildings', spec);
    expect(second).toEqual(first);
    expect(w.counted.reset()).toBe(1);
  });

  it('fetches only the ids it does not hold, and keeps the order asked', async () => {
    const w = world();
    for (const id of ['g1', 'g2', 'g3']) await w.db.insert('grids', { _id: id, communityId: 'c1', name: id });
    await w.instance.get('grids', 'g2');
    w.counted.reset();
    const got = await w.instance.getMany('grids', ['g3', 'g2', 'missing', 'g1']);
    expect(got.map((g) => g._id)).toEqual(['g3', 'g2', 'g1']);
    expect(w.counted.reset()).toBe(1);
  });
});

describe('nothing that decides rights, counts or items is cached', () => {
  it.each(['members', 'committeeTerms', 'slots', 'concerns', 'ballots'])('%s is read from the database every time', async (collection) => {
    const w = world();
    await w.db.insert(collection, { _id: 'x1', communityId: 'c1' });
    await w.instance.get(collection, 'x1');
    await w.instance.get(collection, 'x1');
    expect(w.counted.reset()).toBe(2);
  });
});

describe('a change is seen', () => {
  it('at once by the instance that made it', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    await w.instance.get('categories', 'cat_1');
    await w.instance.update('categories', 'cat_1', { name: '垃圾分类' });
    expect((await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('垃圾分类');
  });

  it('without a read: what the instance wrote is what it answers next', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    await w.instance.get('categories', 'cat_1');
    await w.instance.update('categories', 'cat_1', { name: '垃圾分类' });
    await w.instance.set('teams', { _id: 't1', communityId: 'c1', name: '助老队' });
    w.counted.reset();
    expect((await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('垃圾分类');
    expect((await w.instance.get<{ _id: string; name: string }>('teams', 't1'))?.name).toBe('助老队');
    expect(w.counted.reset()).toBe(0);
  });

  it('from the database after an update that did not apply', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    await w.instance.get('categories', 'cat_1');
    await w.db.update('categories', 'cat_1', { name: '别处改的' });
    expect(await w.instance.update('categories', 'cat_1', { name: '垃圾分类' }, { name: '环境卫生' })).toBe(false);
    expect((await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('别处改的');
  });

  it('in lists at once after a write to the collection', async () => {
    const w = world();
    const spec = { where: { communityId: 'c1' }, orderBy: { field: 'name', dir: 'asc' as const }, limit: 10 };
    await w.instance.query('buildings', spec);
    await w.instance.insert('buildings', { _id: 'b1', communityId: 'c1', name: '一号楼' });
    expect((await w.instance.query('buildings', spec)).items.map((b) => b._id)).toEqual(['b1']);
  });

  it('at once after a transaction that wrote the collection', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    await w.instance.get('categories', 'cat_1');
    await w.instance.transaction(async (tx) => tx.set('categories', { ...w.category, name: '停车管理' }));
    expect((await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('停车管理');
  });

  it('by another instance within the time to live, not before', async () => {
    const w = world(15_000);
    await w.db.insert('categories', w.category);
    await w.other.get('categories', 'cat_1');
    await w.instance.update('categories', 'cat_1', { name: '垃圾分类' });
    w.clock.pass(14_999);
    expect((await w.other.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('环境卫生');
    w.clock.pass(1);
    expect((await w.other.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('垃圾分类');
  });

  it('at once everywhere when the time to live is 0', async () => {
    const w = world(0);
    await w.db.insert('categories', w.category);
    const off = new ReferenceCacheStore(w.db, 0, w.clock.now);
    await off.get('categories', 'cat_1');
    await w.db.update('categories', 'cat_1', { name: '垃圾分类' });
    expect((await off.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('垃圾分类');
  });

  it('when a missing document is created elsewhere: a miss is never remembered', async () => {
    const w = world();
    expect(await w.other.get('categories', 'cat_1')).toBeNull();
    await w.db.insert('categories', w.category);
    expect(await w.other.get('categories', 'cat_1')).not.toBeNull();
  });
});

describe('a caller cannot change the cache', () => {
  it('gets a copy: editing what it read leaves the next read as stored', async () => {
    const w = world();
    await w.db.insert('categories', w.category);
    const got = (await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))!;
    got.name = '改坏了';
    expect((await w.instance.get<{ _id: string; name: string }>('categories', 'cat_1'))?.name).toBe('环境卫生');
  });
});

describe('LINLI_REFERENCE_TTL_MS', () => {
  it('defaults to 15 s and takes 0 as off', () => {
    expect(referenceTtlFromEnv(undefined)).toBe(15_000);
    expect(referenceTtlFromEnv('0')).toBe(0);
  });
  it.each(['-1', 'abc', '1.5', '999999'])('refuses %s at start, naming the variable', (raw) => {
    expect(() => referenceTtlFromEnv(raw)).toThrow(/LINLI_REFERENCE_TTL_MS/);
  });
});
