/**
 * The CloudBase adapter against a recording fake of the node-sdk database: no network,
 * but every where, orderBy, limit and update it would send is checked.
 */
import { TransactionConflictError, op } from '../../../../cloudfunctions/lib/ports/store';
import { CloudbaseStore, isDuplicateError, type CbDatabase } from '../../../../cloudfunctions/lib/store/cloudbase-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';

type Call = [string, ...unknown[]];

const DUPLICATE = '[FailedOperation.Insert] bulk write error: [{E11000 duplicate key error collection: tnt-x.concerns index: _id_ dup key: { _id: "a" }}]';

function fakeDb(answers: { get?: unknown; update?: unknown; addError?: unknown; docGet?: unknown; txError?: unknown } = {}) {
  const calls: Call[] = [];
  const command = new Proxy(
    {},
    {
      get: (_t, name: string) => (...args: unknown[]) => ({ $op: name, args }),
    },
  ) as CbDatabase['command'];
  const query = (collection: string): ReturnType<CbDatabase['collection']> => {
    const q = {
      where: (c: unknown) => (calls.push([`${collection}.where`, c]), q),
      orderBy: (f: string, d: string) => (calls.push([`${collection}.orderBy`, f, d]), q),
      limit: (n: number) => (calls.push([`${collection}.limit`, n]), q),
      get: async () => (calls.push([`${collection}.get`]), answers.get ?? { data: [] }),
      update: async (p: unknown) => (calls.push([`${collection}.update`, p]), answers.update ?? { stats: { updated: 1 } }),
      doc: (id: string) => ({
        get: async () => (calls.push([`${collection}.doc.get`, id]), answers.docGet ?? { data: [] }),
        set: async (d: unknown) => calls.push([`${collection}.doc.set`, id, d]),
        remove: async () => calls.push([`${collection}.doc.remove`, id]),
      }),
      add: async (d: unknown) => {
        calls.push([`${collection}.add`, d]);
        if (answers.addError) throw answers.addError;
        return { id: (d as { _id: string })._id };
      },
    };
    return q as unknown as ReturnType<CbDatabase['collection']>;
  };
  const db: CbDatabase = {
    command,
    collection: query,
    runTransaction: async (fn, times) => {
      calls.push(['runTransaction', times]);
      if (answers.txError) throw answers.txError;
      return fn({
        collection: (c: string) => ({
          doc: (id: string) => ({
            get: async () => (calls.push([`tx.${c}.get`, id]), { data: { _id: id, value: 1 } }),
            set: async (d: unknown) => calls.push([`tx.${c}.set`, id, d]),
            delete: async () => calls.push([`tx.${c}.delete`, id]),
          }),
          add: async (d: unknown) => calls.push([`tx.${c}.add`, d]),
        }),
      });
    },
  };
  return { db, calls };
}

describe('CloudBase adapter: documents by id', () => {
  it('unwraps the array node-sdk returns from doc().get()', async () => {
    const { db } = fakeDb({ docGet: { data: [{ _id: 'a', x: 1 }] } });
    expect(await new CloudbaseStore(db, COLLECTIONS).get('concerns', 'a')).toEqual({ _id: 'a', x: 1 });
  });
  it('reads an empty answer as missing', async () => {
    const { db } = fakeDb({ docGet: { data: [] } });
    expect(await new CloudbaseStore(db, COLLECTIONS).get('concerns', 'a')).toBeNull();
  });
  it('inserts with the chosen _id and reads a duplicate-key error as "already there"', async () => {
    const dup = fakeDb({ addError: Object.assign(new Error(DUPLICATE), { code: 'DATABASE_REQUEST_FAILED' }) });
    expect(await new CloudbaseStore(dup.db, COLLECTIONS).insert('concerns', { _id: 'a' })).toBe(false);
    expect(dup.calls[0]).toEqual(['concerns.add', { _id: 'a' }]);
    const other = fakeDb({ addError: new Error('SYS_ERR') });
    await expect(new CloudbaseStore(other.db, COLLECTIONS).insert('concerns', { _id: 'a' })).rejects.toThrow('SYS_ERR');
  });
  it('recognises a duplicate only as MongoDB E11000 on the _id index', () => {
    expect(isDuplicateError({ code: 'DATABASE_REQUEST_FAILED', message: DUPLICATE })).toBe(true);
    expect(isDuplicateError({ code: 'DATABASE_REQUEST_FAILED', message: 'timeout' })).toBe(false);
    // A unique index on another field is a different failure, not "already there".
    expect(isDuplicateError({ message: 'E11000 duplicate key error collection: t.members index: phone_1 dup key: { phone: "1" }' })).toBe(false);
    expect(isDuplicateError({ message: 'E11000 duplicate key error collection: t.c index: _id_1_x dup key' })).toBe(false);
    expect(isDuplicateError({ message: 'duplicate request' })).toBe(false);
  });
  it('sets a whole document without its _id in the body', async () => {
    const { db, calls } = fakeDb();
    await new CloudbaseStore(db, COLLECTIONS).set('concerns', { _id: 'a', x: 1 } as { _id: string });
    expect(calls).toEqual([['concerns.doc.set', 'a', { x: 1 }]]);
  });
});

describe('CloudBase adapter: conditional updates', () => {
  it('puts the _id and the condition in one where and trusts stats.updated', async () => {
    const { db, calls } = fakeDb({ update: { stats: { updated: 0 } } });
    const done = await new CloudbaseStore(db, COLLECTIONS).update('concerns', 'a', { seats: op.inc(-1), note: op.unset(), tags: op.push('x'), status: 'b' }, { seats: { $gt: 0 }, status: { $in: ['a'] } });
    expect(done).toBe(false);
    expect(calls[0]).toEqual(['concerns.where', { seats: { $op: 'gt', args: [0] }, status: { $op: 'in', args: [['a']] }, _id: 'a' }]);
    expect(calls[1]).toEqual([
      'concerns.update',
      { seats: { $op: 'inc', args: [-1] }, note: { $op: 'remove', args: [] }, tags: { $op: 'push', args: [['x']] }, status: 'b' },
    ]);
  });
  it('writes a plain object whole with set(), and leaves undefined values out', async () => {
    const { db, calls } = fakeDb();
    await new CloudbaseStore(db, COLLECTIONS).update('members', 'm', { household: { householdId: 'h' }, meta: {}, list: [1], gone: undefined });
    expect(calls[1]).toEqual([
      'members.update',
      { household: { $op: 'set', args: [{ householdId: 'h' }] }, meta: { $op: 'set', args: [{}] }, list: [1] },
    ]);
  });
  it('sends nothing for a patch with nothing to write, and says false', async () => {
    const { db, calls } = fakeDb();
    expect(await new CloudbaseStore(db, COLLECTIONS).update('members', 'm', { gone: undefined })).toBe(false);
    expect(calls).toEqual([]);
  });
  it('never lets a condition replace the _id it targets', async () => {
    const { db, calls } = fakeDb();
    await new CloudbaseStore(db, COLLECTIONS).update('concerns', 'a', { x: 1 }, { _id: 'other' });
    expect((calls[0][1] as { _id: string })._id).toBe('a');
  });
  it('combines two range bounds on one field with and()', async () => {
    const { db } = fakeDb();
    const store = new CloudbaseStore(db, COLLECTIONS);
    expect(store.filter({ createdAt: { $gte: 1, $lt: 2 } })).toEqual({
      createdAt: { $op: 'and', args: [{ $op: 'gte', args: [1] }, { $op: 'lt', args: [2] }] },
    });
  });
});

describe('CloudBase adapter: paged queries', () => {
  it('orders by the field then _id, asks for one extra row, and hands out a cursor', async () => {
    const rows = [
      { _id: 'c3', createdAt: 3 },
      { _id: 'c2', createdAt: 2 },
      { _id: 'c1', createdAt: 1 },
    ];
    const { db, calls } = fakeDb({ get: { data: rows } });
    const store = new CloudbaseStore(db, COLLECTIONS);
    const page = await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    expect(page.items.map((r) => r._id)).toEqual(['c3', 'c2']);
    expect(page.next).toBeDefined();
    expect(calls.slice(1, 4)).toEqual([
      ['concerns.orderBy', 'createdAt', 'desc'],
      ['concerns.orderBy', '_id', 'desc'],
      ['concerns.limit', 3],
    ]);

    calls.length = 0;
    await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2, after: page.next });
    expect(calls[0]).toEqual([
      'concerns.where',
      {
        $op: 'and',
        args: [
          { communityId: 'x' },
          { createdAt: { $op: 'lte', args: [2] } },
          { $op: 'or', args: [{ createdAt: { $op: 'lt', args: [2] } }, { createdAt: 2, _id: { $op: 'lt', args: ['c2'] } }] },
        ],
      },
    ]);
  });
  it('caps the page size at 100 however much is asked', async () => {
    const { db, calls } = fakeDb();
    await new CloudbaseStore(db, COLLECTIONS).query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5000 });
    expect(calls).toContainEqual(['concerns.limit', 101]);
  });
  it('declares every index ending in (sort field, _id), so CloudBase sorts from the index', () => {
    // Every query orders by (field, _id); without _id last MongoDB sorts the whole equality range in memory.
    for (const [name, indexes] of Object.entries(COLLECTIONS)) {
      for (const fields of indexes) expect([name, fields.slice(-1)]).toEqual([name, ['_id']]);
    }
  });
  it('refuses the same unindexed queries as SQLite', async () => {
    const { db } = fakeDb();
    await expect(
      new CloudbaseStore(db, COLLECTIONS).query('concerns', { where: { text: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5 }),
    ).rejects.toThrow(/no index/);
  });
});

describe('CloudBase adapter: transactions', () => {
  it('reads by id and issues the queued single-document writes after the callback', async () => {
    const { db, calls } = fakeDb();
    await new CloudbaseStore(db, COLLECTIONS).transaction(async (tx) => {
      const c = await tx.get<{ _id: string; value: number }>('counters', 'n');
      tx.set('counters', { _id: 'n', value: (c?.value ?? 0) + 1 });
      tx.insert('concerns', { _id: 'c1' });
      tx.remove('invites', 'i1');
    });
    expect(calls).toEqual([
      ['runTransaction', 0],
      ['tx.counters.get', 'n'],
      ['tx.counters.set', 'n', { value: 2 }],
      ['tx.concerns.add', { _id: 'c1' }],
      ['tx.invites.delete', 'i1'],
    ]);
  });
  it('retries a conflict itself and turns an exhausted one into TransactionConflictError', async () => {
    const { db, calls } = fakeDb({ txError: Object.assign(new Error('database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' }) });
    await expect(new CloudbaseStore(db, COLLECTIONS).transaction(async () => 1)).rejects.toBeInstanceOf(TransactionConflictError);
    expect(calls.filter((c) => c[0] === 'runTransaction').length).toBeGreaterThan(5);
    expect(calls.every((c) => c[1] === 0)).toBe(true);
  });
  it('passes any other transaction error through', async () => {
    const { db } = fakeDb({ txError: Object.assign(new Error('boom'), { code: 'SYS_ERR' }) });
    await expect(new CloudbaseStore(db, COLLECTIONS).transaction(async () => 1)).rejects.toThrow('boom');
  });
});
