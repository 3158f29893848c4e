/**
 * kernel/numbering.ts on its own: the walk never starts a second number for an owner whose
 * record already stands at the floor, and a claim completed by another claimant brings what
 * rides with it (the record's events).
 */
import { claimNumber } from '../../../../cloudfunctions/lib/kernel/numbering';
import { ScopedStore } from '../../../../cloudfunctions/lib/kernel/scoped-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

const SERIES = 'ctr_demo_concern_20261204';

let store: SqliteStore;
let db: ScopedStore;

beforeEach(() => {
  store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  db = new ScopedStore(store, 'demo');
});
afterEach(() => store.close());

// The numbered record is what the series is about, not its shape: a minimal concern will do.
const recordOf = (owner: string) => (value: number) => ({ _id: owner, communityId: 'demo', number: `20261204-${String(value).padStart(4, '0')}`, createdAt: 1 }) as never;
const eventsOf = (owner: string) => (r: { number: string }) => [{ collection: 'events' as const, docs: [{ _id: `ev_${owner}`, communityId: 'demo', subject: `concern:${owner}`, note: r.number }] }];
const claim = (owner: string, floor: number, extra: Partial<Parameters<typeof claimNumber<'concerns'>>[1]> = {}) =>
  claimNumber(db, { series: SERIES, floor, collection: 'concerns', ownerId: owner, record: recordOf(owner), ...extra });

async function storedNumbers(): Promise<number[]> {
  const page = await db.query('concerns', { where: {}, orderBy: { field: 'number', dir: 'asc' }, limit: 100 });
  return page.items.map((c) => Number(c.number.split('-')[1]));
}

describe('claimNumber', () => {
  it('a retry whose floor is its own record (completed by another claimant) takes that number, not a second one', async () => {
    // Attempt 1 of x claims 1 and dies before its record.
    const first = await claim('x', 0);
    expect(first).toMatchObject({ value: 1, earlier: false });
    // y walks over it: puts x's record in place, then takes 2 (its record lands).
    const y = await claim('y', 0);
    expect(y.value).toBe(2);
    await db.insert('concerns', y.record);
    // x's retry read the floor and its own record together: the floor saw x's record at 1,
    // its own look came back empty. It must not walk above 1.
    const stored = await db.require('concerns', 'x', 'x');
    const retry = await claim('x', 1, { last: { value: 1, record: stored } });
    expect(retry).toMatchObject({ value: 1, earlier: true });
    expect(retry.record.number).toBe('20261204-0001');
    await db.insert('concerns', retry.record);
    // No claim above 2 for x, so the next claimant takes 3, and the numbers run 1..3.
    expect(await db.get('counters', `${SERIES}_n3`)).toBeNull();
    const z = await claim('z', 2, { last: { value: 2, record: y.record } });
    await db.insert('concerns', z.record);
    expect(z.value).toBe(3);
    expect(await storedNumbers()).toEqual([1, 2, 3]);
  });

  it('someone else at the floor is no reason to stop: the walk goes on above it', async () => {
    await db.insert('concerns', recordOf('a')(1));
    const b = await claim('b', 1, { last: { value: 1, record: recordOf('a')(1) } });
    expect(b).toMatchObject({ value: 2, earlier: false });
  });

  it('a claim completed by another claimant brings its events with the record', async () => {
    // x claims 1 with its events riding along, then dies before writing either.
    await claim('x', 0, { alongside: eventsOf('x') });
    expect(await db.get('events', 'ev_x')).toBeNull();
    // y, with no events of its own, completes x's claim on its way to 2.
    const y = await claim('y', 0);
    expect(y.value).toBe(2);
    expect(await db.get('concerns', 'x')).toMatchObject({ number: '20261204-0001' });
    expect(await db.get('events', 'ev_x')).toMatchObject({ subject: 'concern:x', note: '20261204-0001' });
    // x's retry meets its claim as its own and gets the same record.
    const retry = await claim('x', 0, { alongside: eventsOf('x') });
    expect(retry).toMatchObject({ value: 1, earlier: true });
  });

  it('a claim without anything alongside (older claims, other series) is completed as before', async () => {
    await claim('x', 0);
    await claim('y', 0);
    expect(await db.get('concerns', 'x')).toMatchObject({ number: '20261204-0001' });
    expect(await db.get('events', 'ev_x')).toBeNull();
  });
});
