import type { EventRecord } from '../../../../cloudfunctions/lib/kernel/audit';
import { ScopedStore } from '../../../../cloudfunctions/lib/kernel/scoped-store';
import { commitVersioned, lastEventOf, settleLastEvent, withoutEmbeddedEvents, withoutLastEvent } from '../../../../cloudfunctions/lib/kernel/versioned';
import type { ConcernRecord } from '../../../../cloudfunctions/lib/features/concern/records';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

// The kernel only looks at _id, communityId, version and the patched fields: a minimal concern will do.
const base = { _id: 'c1', communityId: 'demo', status: 'submitted', flagged: false, version: 1 } as unknown as ConcernRecord;

function eventFor(next: ConcernRecord): EventRecord {
  return {
    _id: `concern:${next._id}:v${next.version}`,
    communityId: 'demo',
    subject: `concern:${next._id}`,
    type: 'concern.accepted',
    actorId: 'w1',
    actorRole: 'gridWorker',
    from: null,
    to: next.status,
    public: true,
    note: null,
    at: 1,
  };
}

async function withStore(run: (store: SqliteStore, db: ScopedStore) => Promise<void>): Promise<void> {
  const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  try {
    await store.insert('concerns', base);
    await run(store, new ScopedStore(store, 'demo'));
  } finally {
    store.close();
  }
}

describe('commitVersioned', () => {
  it('writes the patch, the next version and the event, and keeps fields changed without a version bump', async () => {
    await withStore(async (store, db) => {
      await store.update('concerns', 'c1', { flagged: true } as never);
      const next = await commitVersioned(db, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理');
      expect(next.version).toBe(2);
      expect(lastEventOf(next)).toBeUndefined();
      const stored = (await store.get('concerns', 'c1')) as unknown as Record<string, unknown>;
      expect(stored).toMatchObject({ status: 'accepted', version: 2, flagged: true });
      expect(lastEventOf(stored)?._id).toBe('concern:c1:v2');
      expect(await store.get('events', 'concern:c1:v2')).toBeTruthy();
    });
  });

  it('answers CONFLICT when the document moved on, and writes nothing', async () => {
    await withStore(async (store, db) => {
      await commitVersioned(db, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理');
      await expect(
        commitVersioned(db, 'concerns', base, { status: 'closed' } as Partial<ConcernRecord>, eventFor, '已被处理'),
      ).rejects.toMatchObject({ code: 'CONFLICT', message: '已被处理' });
      expect(await store.get('concerns', 'c1')).toMatchObject({ status: 'accepted', version: 2 });
    });
  });

  it('answers CONFLICT for another community’s document', async () => {
    await withStore(async (store) => {
      const other = new ScopedStore(store, 'other');
      await expect(
        commitVersioned(other, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理'),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });

  it('re-inserting an event is a duplicate that writes nothing', async () => {
    await withStore(async (store, db) => {
      await commitVersioned(db, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理');
      const event = lastEventOf(await store.get('concerns', 'c1'));
      expect(event).toBeDefined();
      await settleLastEvent(db, await store.get('concerns', 'c1'));
      expect(await db.insert('events', event as EventRecord)).toBe(false);
      expect(await store.get('events', 'concern:c1:v2')).toEqual(event);
    });
  });

  it('repairs on the next commit: the event a dead instance left only in the document reaches events', async () => {
    await withStore(async (store, db) => {
      await commitVersioned(db, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理');
      await store.remove('events', 'concern:c1:v2'); // the crash between the two writes
      const stored = (await store.get('concerns', 'c1')) as unknown as ConcernRecord;
      await commitVersioned(db, 'concerns', stored, { status: 'closed' } as Partial<ConcernRecord>, eventFor, '已被处理');
      expect(await store.get('events', 'concern:c1:v2')).toBeTruthy();
      expect(await store.get('events', 'concern:c1:v3')).toBeTruthy();
    });
  });

  it('repairs on replay: settleLastEvent puts the stored document’s event into events', async () => {
    await withStore(async (store, db) => {
      await commitVersioned(db, 'concerns', base, { status: 'accepted' } as Partial<ConcernRecord>, eventFor, '已被处理');
      await store.remove('events', 'concern:c1:v2');
      await settleLastEvent(db, await store.get('concerns', 'c1'));
      expect(await store.get('events', 'concern:c1:v2')).toBeTruthy();
    });
  });

  it('withoutLastEvent strips the embedded event and leaves other documents as they are', () => {
    const doc = { _id: 'x', lastEvent: eventFor({ ...base, version: 2 }) };
    expect(withoutLastEvent(doc)).toEqual({ _id: 'x' });
    const plain = { _id: 'y' };
    expect(withoutLastEvent(plain)).toBe(plain);
    expect(withoutLastEvent(null)).toBeNull();
  });
});

describe('withoutEmbeddedEvents', () => {
  it('takes every lastEvent off a reply, however deep, and copies only what carried one', () => {
    const event = eventFor({ ...base, version: 2 });
    const untouched = { name: '张三', tags: ['a'] };
    const reply = { item: { _id: 'c1', lastEvent: event, nested: [{ lastEvent: event, x: 1 }] }, untouched };
    const clean = withoutEmbeddedEvents(reply);
    expect(JSON.stringify(clean)).not.toContain('lastEvent');
    expect(clean).toEqual({ item: { _id: 'c1', nested: [{ x: 1 }] }, untouched });
    expect(clean.untouched).toBe(untouched);
    expect(reply.item.lastEvent).toBe(event);
    const plain = { a: [1, { b: 2 }] };
    expect(withoutEmbeddedEvents(plain)).toBe(plain);
  });
  it('takes the notices a step kept for its retry off too: they are messages to other people', () => {
    const kept = { _id: 'c1', status: 'accepted', lastNotices: [{ id: 'n1', recipientId: 'm_other', title: '您的诉求正在办理', body: '…' }] };
    expect(withoutEmbeddedEvents({ item: kept })).toEqual({ item: { _id: 'c1', status: 'accepted' } });
  });
});
