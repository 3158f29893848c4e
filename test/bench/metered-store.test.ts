/**
 * The bench's critical-path model: a wait is a round-trip the code had to see answered before
 * sending the next; what flies beside it costs no wait of its own, and what was sent beside a
 * faster one does not make what follows the slower one free.
 */
import { MeteredStore } from '../../bench/metered-store';
import { SqliteStore } from '../../cloudfunctions/lib/store/sqlite-store';
import { COLLECTIONS } from '../../cloudfunctions/lib/manifests';

let store: MeteredStore;
beforeEach(() => {
  store = new MeteredStore(new SqliteStore({ filename: ':memory:', collections: COLLECTIONS }));
});

const doc = (id: string) => ({ _id: id, communityId: 'demo', version: 1 });

describe('round-trips sent side by side', () => {
  it('cost one wait, as long as the slowest', async () => {
    await Promise.all([store.get('members', 'a'), store.insert('events', doc('e1')), store.get('members', 'b')]);
    expect(store.reset()).toMatchObject({ reads: 2, writes: 1, waits: 1, modelledMs: 15 });
  });
});

describe('a round-trip sent after another was answered', () => {
  it('is a wait of its own', async () => {
    await store.get('members', 'a');
    await store.insert('events', doc('e1'));
    await store.insert('events', doc('e2'));
    expect(store.reset()).toMatchObject({ waits: 3, modelledMs: 40 });
  });
  it('is a wait of its own even while a read sent beside the one it followed is still counted', async () => {
    // The read, sent a turn later (as BatchingStore gathers reads), answers at 10 ms and the
    // update at 15: the event sent after the update waits again.
    await store.insert('members', doc('m'));
    store.reset();
    const read = new Promise((turn) => setImmediate(turn)).then(() => store.get('members', 'x'));
    await store.update('members', 'm', { name: 'a' });
    await Promise.all([store.insert('events', doc('e1')), read]);
    expect(store.reset()).toMatchObject({ waits: 2, modelledMs: 30 });
  });
  it('chains from the answer it waited for, not from a slower one in flight', async () => {
    const slow = store.insert('events', doc('slow'));
    await store.get('members', 'a');
    await store.get('members', 'b');
    await slow;
    expect(store.reset()).toMatchObject({ waits: 2, modelledMs: 20 });
  });
});

describe('a transaction', () => {
  it('waits for each get it awaits, then for each buffered write in turn and the commit', async () => {
    await store.transaction(async (tx) => {
      await tx.get('members', 'a');
      tx.insert('events', doc('e1'));
      tx.insert('events', doc('e2'));
    });
    expect(store.reset()).toMatchObject({ reads: 1, writes: 3, waits: 4, modelledMs: 10 + 2 * 15 + 30 });
  });
});
