/**
 * The CloudBase adapter through the real @cloudbase/node-sdk, against dev/cloudbase-emulator:
 * a local endpoint (127.0.0.1, random port, one per case) that speaks the SDK's database
 * protocol and judges queries and updates with MongoDB's semantics (mingo). The shared store
 * contract runs here exactly as it runs on SQLite; the cases below it check what the SDK puts
 * on the wire and the server behaviours the adapter relies on.
 */
import tcb from '@cloudbase/node-sdk';
import { startCloudbaseEmulator, type CloudbaseEmulator } from '../../../../dev/cloudbase-emulator';
import { fromAnchor, op } from '../../../../cloudfunctions/lib/ports/store';
import { CloudbaseStore, isDuplicateError, type CbDatabase } from '../../../../cloudfunctions/lib/store/cloudbase-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { storeContract } from './store-contract';

jest.setTimeout(15_000);

// The SDK asks http://metadata.tencentyun.com whether it runs on Tencent Cloud before every
// request; saying so up front keeps the tests off the network (the serviceUrl wins anyway).
const savedEnv = process.env.TENCENTCLOUD;
beforeAll(() => {
  process.env.TENCENTCLOUD = 'true';
});
afterAll(() => {
  if (savedEnv === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = savedEnv;
});

async function connect(): Promise<{ emulator: CloudbaseEmulator; db: ReturnType<ReturnType<typeof tcb.init>['database']> }> {
  const emulator = await startCloudbaseEmulator({ collections: Object.keys(COLLECTIONS) });
  const app = tcb.init({ env: 'linli-emulator', secretId: 'AKIDemulator', secretKey: 'emulator-key', serviceUrl: emulator.url, timeout: 5000 });
  return { emulator, db: app.database() };
}

storeContract('CloudBase through the real SDK', async () => {
  const { emulator, db } = await connect();
  const store = new CloudbaseStore(db as unknown as CbDatabase, COLLECTIONS);
  return { store, close: () => void emulator.close() };
});

describe('CloudBase through the real SDK: the wire and the server', () => {
  let emulator: CloudbaseEmulator;
  let db: Awaited<ReturnType<typeof connect>>['db'];
  let store: CloudbaseStore;
  beforeEach(async () => {
    ({ emulator, db } = await connect());
    store = new CloudbaseStore(db as unknown as CbDatabase, COLLECTIONS);
  });
  afterEach(() => emulator.close());
  const sent = (action: string) => emulator.requests.filter((r) => r.action === action);

  it('sends an object value as one $set of the whole field, {} included, and a push as one element', async () => {
    await store.insert('members', { _id: 'm', communityId: 'c', createdAt: 1, household: null, meta: { a: 1 } } as never);
    await store.update('members', 'm', { household: { householdId: 'h', room: '1' }, meta: {}, log: op.push(['x']), gone: undefined });
    const data = JSON.parse(String(sent('database.modifyDocument').at(-1)!.data));
    expect(data.$set).toEqual({ household: { householdId: 'h', room: '1' }, meta: {} });
    expect(data.$push).toEqual({ log: { $each: [['x']] } });
    expect(JSON.stringify(data)).not.toContain('gone');
  });

  it('shows why: a plain object through the SDK is flattened into dotted writes, which fail over null', async () => {
    await db.collection('members').add({ _id: 'm', household: null });
    await expect(db.collection('members').where({ _id: 'm' }).update({ household: { householdId: 'h' } })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining("Cannot create field 'householdId' in element {household: null}"),
    });
    const data = JSON.parse(String(sent('database.modifyDocument').at(-1)!.data));
    expect(data.$set).toEqual({ 'household.householdId': 'h' });
  });

  it('answers a duplicate _id as CloudBase does, E11000 inside DATABASE_REQUEST_FAILED', async () => {
    await db.collection('concerns').add({ _id: 'a' });
    const err = await db.collection('concerns').add({ _id: 'a' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/E11000 duplicate key error .* index: _id_ /) });
    expect(isDuplicateError(err)).toBe(true);
  });

  it('inserts a list in ONE insertDocument request, and a list meeting a stored id inserts the others', async () => {
    await store.insertMany('inbox', [{ _id: 'n1', communityId: 'x' }, { _id: 'n2', communityId: 'x' }] as never);
    expect(sent('database.insertDocument')).toHaveLength(1);
    expect(sent('database.insertDocument')[0].data).toHaveLength(2);
    emulator.requests.length = 0;
    await store.insertMany('inbox', [{ _id: 'n2', communityId: 'x' }, { _id: 'n3', communityId: 'x' }] as never);
    // The list is refused, a look finds n2, and n3 goes alone.
    expect(sent('database.insertDocument')).toHaveLength(2);
    expect(emulator.documents('inbox').map((d) => d._id).sort()).toEqual(['n1', 'n2', 'n3']);
  });

  it('counts modified documents in `updated`, not matched ones', async () => {
    await db.collection('concerns').add({ _id: 'a', status: 'open' });
    expect((await db.collection('concerns').where({ _id: 'a' }).update({ status: 'open' })).updated).toBe(0);
    expect((await db.collection('concerns').where({ _id: 'a' }).update({ status: 'done' })).updated).toBe(1);
  });

  it('gives one of two transactions writing one document DATABASE_TRANSACTION_CONFLICT', async () => {
    await db.collection('counters').add({ _id: 'n', value: 0 });
    const first = await db.startTransaction();
    const second = await db.startTransaction();
    await first.collection('counters').doc('n').get();
    await second.collection('counters').doc('n').get();
    await first.collection('counters').doc('n').set({ value: 1 });
    await expect(second.collection('counters').doc('n').set({ value: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await first.commit();
    expect(emulator.documents('counters')).toEqual([{ _id: 'n', value: 1 }]);
  });

  it('reads a snapshot inside a transaction and refuses a write to what changed since', async () => {
    await db.collection('counters').add({ _id: 'n', value: 0 });
    const tx = await db.startTransaction();
    await db.collection('counters').doc('n').set({ value: 5 });
    expect((await tx.collection('counters').doc('n').get()).data).toEqual({ _id: 'n', value: 0 });
    await expect(tx.collection('counters').doc('n').set({ value: 1 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(emulator.documents('counters')).toEqual([{ _id: 'n', value: 5 }]);
  });

  it('rolls a conflicted attempt back on the server and retries it to a commit', async () => {
    await store.set('counters', { _id: 'n', value: 0 });
    let runs = 0;
    await store.transaction(async (tx) => {
      runs += 1;
      const counter = await tx.get<{ _id: string; value: number }>('counters', 'n');
      if (runs === 1) await store.set('counters', { _id: 'n', value: 10 });
      tx.set('counters', { _id: 'n', value: (counter?.value ?? 0) + 1 });
    });
    expect(runs).toBe(2);
    expect(await store.get('counters', 'n')).toEqual({ _id: 'n', value: 11 });
    expect(sent('database.startTransaction')).toHaveLength(2);
    expect(sent('database.abortTransaction')).toHaveLength(1);
    expect(sent('database.commitTransaction')).toHaveLength(1);
  });

  it('pages with a plain range bound on the sort field beside the (field, _id) tie-break', async () => {
    for (let i = 0; i < 5; i += 1) await store.insert('concerns', { _id: `c${i}`, communityId: 'x', createdAt: 100 + (i >> 1) } as never);
    const first = await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
    await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2, after: first.next });
    const last = sent('database.getDocument').at(-1)!;
    expect(JSON.parse(String(last.order))).toEqual({ createdAt: { $numberInt: '-1' }, _id: { $numberInt: '-1' } });
    expect(JSON.parse(String(last.query)).$and[1]).toEqual({ createdAt: { $lte: { $numberInt: '101' } } });
  });

  it('counts by one aggregate that stops at the limit ($match, $limit, $count), in a query and in a part', async () => {
    await store.insert('members', { _id: 'me', communityId: 'x' } as never);
    for (let i = 0; i < 4; i += 1) await store.insert('concerns', { _id: `c${i}`, communityId: 'x', createdAt: i } as never);
    const spec = { orderBy: { field: 'createdAt', dir: 'desc' as const }, limit: 2, count: true };
    expect(await store.query('concerns', { where: { communityId: 'x' }, ...spec })).toEqual({ items: [], count: 3 });
    const alone = sent('database.aggregateDocuments').at(-1)!;
    expect((alone.stages as Array<{ stageKey: string; stageValue: string }>).map((x) => [x.stageKey, JSON.parse(x.stageValue)])).toEqual([
      ['$match', { communityId: 'x' }],
      ['$limit', 3],
      ['$count', 'n'],
    ]);
    const got = await store.readTogether({ collection: 'members', id: 'me' }, { open: { collection: 'concerns', where: { communityId: fromAnchor('communityId') }, ...spec } });
    expect(got.parts?.open).toEqual({ items: [], count: 3 });
    const stages = (sent('database.aggregateDocuments').at(-1)!.stages as Array<{ stageKey: string; stageValue: string }>).map((x) => JSON.parse(x.stageValue) as { pipeline?: unknown[] });
    expect(stages[2].pipeline?.slice(-2)).toEqual([{ $limit: { $numberInt: '3' } }, { $count: 'n' }]);
  });

  it('reads together in ONE aggregateDocuments request: match the anchor, then a $lookup per part', async () => {
    await store.insert('members', { _id: 'me', communityId: 'x' } as never);
    await store.insert('concerns', { _id: 'c1', communityId: 'x', createdAt: 5 } as never);
    const before = emulator.requests.length;
    const got = await store.readTogether(
      { collection: 'members', id: 'me' },
      {
        one: { collection: 'concerns', id: 'c1' },
        some: { collection: 'concerns', ids: ['c1', 'c2'] },
        mine: { collection: 'concerns', where: { communityId: fromAnchor('communityId'), status: 'open' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 3 },
      },
    );
    expect(got.anchor).toEqual({ _id: 'me', communityId: 'x' });
    expect(got.parts?.one.items.map((d) => d._id)).toEqual(['c1']);
    const requests = emulator.requests.slice(before);
    expect(requests.map((r) => r.action)).toEqual(['database.aggregateDocuments']);
    expect(requests[0].collectionName).toBe('members');
    const stages = (requests[0].stages as Array<{ stageKey: string; stageValue: string }>).map((s) => [s.stageKey, JSON.parse(s.stageValue)]);
    // A stage's number is plain JSON at the top (`$limit: 1`), canonical EJSON inside `lookup`,
    // which the SDK stringifies whole with EJSON: the server reads both as the integer.
    const int = (n: number) => ({ $numberInt: String(n) });
    expect(stages).toEqual([
      ['$match', { _id: 'me' }],
      ['$limit', 1],
      ['$lookup', { from: 'concerns', pipeline: [{ $match: { _id: 'c1' } }, { $limit: int(1) }], as: '__part_one' }],
      ['$lookup', { from: 'concerns', pipeline: [{ $match: { _id: { $in: ['c1', 'c2'] } } }, { $limit: int(2) }], as: '__part_some' }],
      [
        '$lookup',
        {
          from: 'concerns',
          // No document field is reachable inside a sub-pipeline but through `let`: the anchor's community.
          let: { a0: '$communityId' },
          pipeline: [
            { $match: { $expr: { $eq: ['$communityId', '$$a0'] } } },
            { $match: { status: 'open' } },
            { $sort: { createdAt: { $numberInt: '-1' }, _id: { $numberInt: '-1' } } },
            { $limit: int(4) },
          ],
          as: '__part_mine',
        },
      ],
    ]);
  });

  it('refuses a collection that does not exist, as CloudBase does', async () => {
    await expect(db.collection('nope').add({ _id: 'a' })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});
