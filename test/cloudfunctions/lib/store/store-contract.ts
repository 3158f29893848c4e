/**
 * The behaviour every Store adapter must show, written once. The SQLite adapter runs it in
 * sqlite-store.test.ts; the CloudBase adapter runs it through the real @cloudbase/node-sdk
 * against dev/cloudbase-emulator in cloudbase-sdk.test.ts (and a real environment could run
 * the same suite).
 */
import { AppError } from '../../../../miniprogram/core/errors';
// Adapter-level: documents of any shape, as the adapter sees them.
import { DuplicateKeyError, TransactionConflictError, fromAnchor, op, type Doc, type DocumentStore as Store } from '../../../../cloudfunctions/lib/ports/store';

interface Row extends Doc {
  communityId: string;
  authorId?: string;
  assigneeId?: string | null;
  status?: string;
  createdAt: number;
  seats?: number;
  tags?: string[];
  meta?: { views?: number; by?: string };
  household?: { householdId: string; room?: string } | null;
  active?: boolean;
  name?: string;
}

export function storeContract(name: string, make: () => Promise<{ store: Store; close(): void }>) {
  describe(`${name}: the store contract`, () => {
    let store: Store;
    let close: () => void;
    beforeEach(async () => {
      ({ store, close } = await make());
    });
    afterEach(() => close());

    describe('insert is unique by _id', () => {
      it('inserts once and reports the second insert as not done, leaving the first intact', async () => {
        expect(await store.insert('concerns', { _id: 'a', communityId: 'x', createdAt: 1, status: 'one' })).toBe(true);
        expect(await store.insert('concerns', { _id: 'a', communityId: 'x', createdAt: 2, status: 'two' })).toBe(false);
        expect(await store.get<Row>('concerns', 'a')).toMatchObject({ status: 'one', createdAt: 1 });
      });
      it('answers null for a missing id and leaves missing ids out of getMany', async () => {
        await store.insert('concerns', { _id: 'a', communityId: 'x', createdAt: 1 });
        expect(await store.get('concerns', 'nope')).toBeNull();
        expect((await store.getMany('concerns', ['a', 'nope', 'a'])).map((d) => d._id)).toEqual(['a']);
      });
    });

    describe('insertMany stores write-once records, the ones already there kept as they are', () => {
      it('stores every one', async () => {
        await store.insertMany('inbox', [
          { _id: 'n1', communityId: 'x', createdAt: 1, title: '一' },
          { _id: 'n2', communityId: 'x', createdAt: 2, title: '二' },
        ] as never);
        expect((await store.getMany<Row & { title: string }>('inbox', ['n1', 'n2'])).map((d) => d.title).sort()).toEqual(['一', '二']);
      });
      it('stores the rest when some are stored already (a retry), leaving those intact', async () => {
        await store.insert('inbox', { _id: 'n2', communityId: 'x', createdAt: 2, title: '原来的' } as never);
        await store.insertMany('inbox', [
          { _id: 'n1', communityId: 'x', createdAt: 1, title: '一' },
          { _id: 'n2', communityId: 'x', createdAt: 2, title: '二' },
          { _id: 'n3', communityId: 'x', createdAt: 3, title: '三' },
        ] as never);
        const byId = Object.fromEntries((await store.getMany<Row & { title: string }>('inbox', ['n1', 'n2', 'n3'])).map((d) => [d._id, d.title]));
        expect(byId).toEqual({ n1: '一', n2: '原来的', n3: '三' });
      });
      it('takes an empty list', async () => {
        await expect(store.insertMany('inbox', [])).resolves.toBeUndefined();
      });
    });

    describe('readTogether reads an anchor and bounded parts in one call', () => {
      beforeEach(async () => {
        await store.insert('members', { _id: 'me', communityId: 'x', name: '我' });
        await store.insert('members', { _id: 'lost', name: '无社区' });
        for (let i = 0; i < 5; i += 1) await store.insert('concerns', { _id: `c${i}`, communityId: 'x', createdAt: 100 + i, status: i % 2 ? 'open' : 'done' });
        await store.insert('concerns', { _id: 'far', communityId: 'y', createdAt: 200 });
      });
      const parts = {
        one: { collection: 'concerns', id: 'c1' },
        none: { collection: 'concerns', id: 'nope' },
        some: { collection: 'concerns', ids: ['c0', 'c3', 'nope', 'c3'] },
        page: { collection: 'concerns', where: { communityId: fromAnchor('communityId') }, orderBy: { field: 'createdAt', dir: 'desc' as const }, limit: 2 },
        fixed: { collection: 'concerns', where: { communityId: 'y' }, orderBy: { field: 'createdAt', dir: 'asc' as const }, limit: 5 },
      };
      it('answers the anchor and each part as the single reads would', async () => {
        const got = await store.readTogether({ collection: 'members', id: 'me' }, parts);
        expect(got.anchor).toEqual({ _id: 'me', communityId: 'x', name: '我' });
        expect(got.parts?.one).toEqual({ items: [await store.get('concerns', 'c1')] });
        expect(got.parts?.none).toEqual({ items: [] });
        expect(got.parts?.some.items.map((d) => d._id).sort()).toEqual(['c0', 'c3']);
        const page = await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2 });
        expect(got.parts?.page).toEqual(page);
        expect(got.parts?.page.next).toBeDefined();
        expect(got.parts?.fixed.items.map((d) => d._id)).toEqual(['far']);
        // The cursor a part hands out pages on with query, as query's own would.
        const second = await store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 2, after: got.parts?.page.next });
        expect(second.items.map((d) => d._id)).toEqual(['c2', 'c1']);
      });
      it('answers a missing anchor with no parts at all, and a part naming a field the anchor lacks with nothing', async () => {
        expect(await store.readTogether({ collection: 'members', id: 'nobody' }, parts)).toEqual({ anchor: null, parts: null });
        const lost = await store.readTogether({ collection: 'members', id: 'lost' }, { page: parts.page, one: parts.one });
        expect(lost.anchor).toMatchObject({ _id: 'lost' });
        expect(lost.parts).toEqual({ page: { items: [] }, one: { items: [await store.get('concerns', 'c1')] } });
      });
      it('takes no parts, and refuses an unindexed part or too many parts before reading', async () => {
        expect(await store.readTogether({ collection: 'members', id: 'me' }, {})).toEqual({ anchor: { _id: 'me', communityId: 'x', name: '我' }, parts: {} });
        await expect(store.readTogether({ collection: 'members', id: 'me' }, { bad: { collection: 'concerns', where: { text: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5 } })).rejects.toThrow(/no index/);
        const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, { collection: 'concerns', id: `c${i}` }]));
        await expect(store.readTogether({ collection: 'members', id: 'me' }, many)).rejects.toThrow(/at most 8 parts/);
      });
    });

    describe('updateMany changes every matching document in one call', () => {
      beforeEach(async () => {
        for (const [id, authorId, status] of [['a', 'm1', 'open'], ['b', 'm1', 'open'], ['c', 'm1', 'done'], ['d', 'm2', 'open']]) {
          await store.insert('concerns', { _id: id, communityId: 'x', createdAt: 1, authorId, status });
        }
      });
      it('patches only the matches and counts them', async () => {
        expect(await store.updateMany('concerns', { authorId: 'm1', status: 'open' }, { status: 'seen', 'meta.views': op.inc(1) })).toBe(2);
        const docs = await store.getMany<Row>('concerns', ['a', 'b', 'c', 'd']);
        expect(Object.fromEntries(docs.map((d) => [d._id, d.status]))).toEqual({ a: 'seen', b: 'seen', c: 'done', d: 'open' });
        expect(docs.find((d) => d._id === 'a')?.meta).toEqual({ views: 1 });
      });
      it('counts only documents it changed, and none when nothing matches', async () => {
        expect(await store.updateMany('concerns', { authorId: 'm1' }, { status: 'done' })).toBe(2);
        expect(await store.updateMany('concerns', { authorId: 'nobody' }, { status: 'done' })).toBe(0);
      });
      it('takes ids with $in', async () => {
        expect(await store.updateMany('concerns', { _id: { $in: ['a', 'd', 'zzz'] } }, { status: 'seen' })).toBe(2);
        expect((await store.get<Row>('concerns', 'b'))?.status).toBe('open');
      });
    });

    describe('conditional update is atomic and says whether it matched', () => {
      beforeEach(async () => {
        await store.insert('concerns', { _id: 'a', communityId: 'x', createdAt: 1, status: 'open', seats: 2, tags: ['t'] });
      });
      it('applies set, inc, push and nested paths when the condition holds', async () => {
        expect(await store.update('concerns', 'a', { status: 'done', seats: op.inc(-1), tags: op.push('u'), 'meta.views': op.inc(1) }, { status: 'open' })).toBe(true);
        expect(await store.get<Row>('concerns', 'a')).toMatchObject({ status: 'done', seats: 1, tags: ['t', 'u'], meta: { views: 1 } });
      });
      it('lets $ne match a nested counter not yet there and creates it by inc (a rate window opening)', async () => {
        const counter = { 'meta.views': { $ne: 2 } };
        expect(await store.update('concerns', 'a', { 'meta.views': op.inc(1) }, counter)).toBe(true);
        expect(await store.update('concerns', 'a', { 'meta.views': op.inc(1) }, counter)).toBe(true);
        expect(await store.update('concerns', 'a', { 'meta.views': op.inc(1) }, counter)).toBe(false);
        expect((await store.get<Row>('concerns', 'a'))?.meta).toEqual({ views: 2 });
      });
      it('changes nothing when the condition fails or the document is missing', async () => {
        expect(await store.update('concerns', 'a', { status: 'done' }, { status: 'closed' })).toBe(false);
        expect(await store.update('concerns', 'zzz', { status: 'done' })).toBe(false);
        expect(await store.get<Row>('concerns', 'a')).toMatchObject({ status: 'open' });
      });
      it('removes a field with unset', async () => {
        await store.update('concerns', 'a', { tags: op.unset() });
        expect(await store.get<Row>('concerns', 'a')).not.toHaveProperty('tags');
      });
      it('lets exactly as many parallel takers through as there are seats', async () => {
        await store.insert('concerns', { _id: 'slot', communityId: 'x', createdAt: 1, seats: 10 });
        const results = await Promise.all(
          Array.from({ length: 60 }, () => store.update('concerns', 'slot', { seats: op.inc(-1) }, { seats: { $gt: 0 } })),
        );
        expect(results.filter(Boolean)).toHaveLength(10);
        expect((await store.get<Row>('concerns', 'slot'))?.seats).toBe(0);
      });
      it('says false for a patch that changes nothing, even on a match (CloudBase counts modified documents)', async () => {
        expect(await store.update('concerns', 'a', { status: 'open' }, { status: 'open' })).toBe(false);
        expect(await store.update('concerns', 'a', { status: 'open', seats: 2 })).toBe(false);
        expect(await store.update('concerns', 'a', { status: 'open', seats: 3 }, { status: 'open' })).toBe(true);
      });
      it('replaces an object value whole: over null, over an object with other keys, and {} is stored', async () => {
        await store.insert('concerns', { _id: 'h', communityId: 'x', createdAt: 1, household: null, meta: { views: 3, by: 'k' } });
        expect(await store.update('concerns', 'h', { household: { householdId: 'hh', room: '101' }, meta: { views: 1 } })).toBe(true);
        expect(await store.get<Row>('concerns', 'h')).toMatchObject({ household: { householdId: 'hh', room: '101' } });
        expect((await store.get<Row>('concerns', 'h'))?.meta).toEqual({ views: 1 });
        expect(await store.update('concerns', 'h', { meta: {} })).toBe(true);
        expect((await store.get<Row>('concerns', 'h'))?.meta).toEqual({});
        expect(await store.update('concerns', 'h', { household: { householdId: 'h2' } })).toBe(true);
        expect((await store.get<Row>('concerns', 'h'))?.household).toEqual({ householdId: 'h2' });
      });
      it('refuses a dotted path through a field holding null, and writes nothing', async () => {
        await store.insert('concerns', { _id: 'h', communityId: 'x', createdAt: 1, household: null, status: 'open' });
        await expect(store.update('concerns', 'h', { 'household.room': '101', status: 'done' })).rejects.toThrow(/Cannot create field 'room'/);
        expect(await store.get<Row>('concerns', 'h')).toMatchObject({ household: null, status: 'open' });
      });
      it('pushes an array, or an object with an `each` key, as one element', async () => {
        expect(await store.update('concerns', 'a', { tags: op.push(['u', 'v']) })).toBe(true);
        expect(await store.update('concerns', 'a', { tags: op.push({ each: ['w'] }) })).toBe(true);
        expect((await store.get<Row>('concerns', 'a'))?.tags).toEqual(['t', ['u', 'v'], { each: ['w'] }]);
      });
      it('ignores undefined values: the field keeps what it held', async () => {
        expect(await store.update('concerns', 'a', { status: undefined, seats: op.inc(1) })).toBe(true);
        expect(await store.get<Row>('concerns', 'a')).toMatchObject({ status: 'open', seats: 3 });
        expect(await store.update('concerns', 'a', { status: undefined })).toBe(false);
      });
      it('commits a versioned change as commitVersioned does: version compare-and-set with an embedded event, one winner of many', async () => {
        await store.insert('concerns', { _id: 'v', communityId: 'x', createdAt: 1, status: 'open', version: 3, flagged: true, lastEvent: { _id: 'e3', to: 'open' } });
        const event = (n: number) => ({ _id: `concern:v:v${n}`, communityId: 'x', subject: 'concern:v', to: 'done', at: n, photos: ['p'] });
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.update('concerns', 'v', { status: 'done', version: 4, lastEvent: event(4), note: op.unset() }, { version: 3, communityId: 'x' })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await store.get<Row>('concerns', 'v');
        // The event replaces the previous one whole; fields outside the patch stay as stored.
        expect(stored).toMatchObject({ status: 'done', version: 4, flagged: true, lastEvent: event(4) });
        expect(await store.update('concerns', 'v', { status: 'closed', version: 4, lastEvent: event(4) }, { version: 3, communityId: 'x' })).toBe(false);
        expect(await store.update('concerns', 'v', { status: 'closed', version: 5, lastEvent: event(5) }, { version: 4, communityId: 'y' })).toBe(false);
        expect(await store.insert('events', event(4))).toBe(true);
        expect(await store.insert('events', event(4))).toBe(false);
      });
      it('refuses field paths that are not plain identifiers', async () => {
        await expect(store.update('concerns', 'a', { "x') OR 1=1 --": 1 })).rejects.toThrow(/invalid field path/);
      });
    });

    describe('queries are filtered, ordered and keyset-paged', () => {
      beforeEach(async () => {
        for (let i = 0; i < 25; i += 1) {
          await store.insert('concerns', {
            _id: `c${String(i).padStart(2, '0')}`,
            communityId: i % 5 === 0 ? 'y' : 'x',
            authorId: i % 2 ? 'odd' : 'even',
            // Duplicate sort values force the _id tie-break.
            createdAt: 1000 + Math.floor(i / 3),
            status: i % 3 === 0 ? 'closed' : 'open',
          });
        }
      });
      it('walks every matching row exactly once across pages, newest first', async () => {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await store.query<Row>('concerns', {
            where: { communityId: 'x' },
            orderBy: { field: 'createdAt', dir: 'desc' },
            limit: 7,
            after,
          });
          seen.push(...page.items.map((r) => r._id));
          after = page.next;
          pages += 1;
        } while (after && pages < 10);
        expect(seen).toHaveLength(20);
        expect(new Set(seen).size).toBe(20);
        const times = await Promise.all(seen.map(async (id) => (await store.get<Row>('concerns', id))!.createdAt));
        expect([...times].sort((a, b) => b - a)).toEqual(times);
      });
      it('filters by equality, $in and range on the sort field', async () => {
        const page = await store.query<Row>('concerns', {
          where: { communityId: 'x', status: { $in: ['closed'] }, createdAt: { $gte: 1003 } },
          orderBy: { field: 'createdAt', dir: 'asc' },
          limit: 50,
        });
        expect(page.items.map((r) => r._id)).toEqual(['c09', 'c12', 'c18', 'c21', 'c24'].filter((id) => id !== 'c15'));
        expect(page.next).toBeUndefined();
      });
      it('matches booleans and nulls', async () => {
        await store.insert('communities', { _id: 'k1', communityId: 'k1', active: true, name: 'b' });
        await store.insert('communities', { _id: 'k2', communityId: 'k2', active: false, name: 'a' });
        const page = await store.query<Row>('communities', { where: { active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: 10 });
        expect(page.items.map((r) => r._id)).toEqual(['k1']);
        await store.insert('concerns', { _id: 'n1', communityId: 'z', assigneeId: null, createdAt: 1 });
        const unassigned = await store.query<Row>('concerns', { where: { communityId: 'z', assigneeId: null }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 10 });
        expect(unassigned.items.map((r) => r._id)).toEqual(['n1']);
      });
      it('counts what matches up to the limit + 1, $in arms and anchored parts alike', async () => {
        const open = { communityId: 'x', status: 'open' };
        const asc = { field: 'createdAt', dir: 'asc' as const };
        expect((await store.query('concerns', { where: open, orderBy: asc, limit: 100, count: true })).count).toBe(13);
        expect((await store.query('concerns', { where: { communityId: 'x', status: { $in: ['open', 'closed'] } }, orderBy: asc, limit: 7, count: true })).count).toBe(8);
        const none = await store.query('concerns', { where: { communityId: 'nobody' }, orderBy: asc, limit: 5, count: true });
        expect(none).toEqual({ items: [], count: 0 });
        const together = await store.readTogether(
          { collection: 'concerns', id: 'c01' },
          {
            open: { collection: 'concerns', where: { communityId: fromAnchor('communityId'), status: 'open' }, orderBy: asc, limit: 5, count: true },
            missing: { collection: 'concerns', where: { communityId: fromAnchor('nowhere') }, orderBy: asc, limit: 5, count: true },
          },
        );
        expect(together.parts?.open).toEqual({ items: [], count: 6 });
        expect(together.parts?.missing).toEqual({ items: [], count: 0 });
      });
      it('refuses a query no declared index backs', async () => {
        await expect(
          store.query('concerns', { where: { text: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5 }),
        ).rejects.toThrow(/no index/);
      });
      it('rejects a tampered cursor as a validation error', async () => {
        await expect(
          store.query('concerns', { where: { communityId: 'x' }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5, after: 'bm90IGpzb24' }),
        ).rejects.toBeInstanceOf(AppError);
      });
    });

    describe('transactions are all-or-nothing and safe to rerun', () => {
      it('commits every write together', async () => {
        await store.transaction(async (tx) => {
          const counter = await tx.get<{ _id: string; value: number }>('counters', 'n');
          tx.set('counters', { _id: 'n', value: (counter?.value ?? 0) + 1 });
          tx.insert('concerns', { _id: 'tx1', communityId: 'x', createdAt: 1 });
        });
        expect(await store.get('counters', 'n')).toMatchObject({ value: 1 });
        expect(await store.get('concerns', 'tx1')).not.toBeNull();
      });
      it('writes nothing when an insert hits an existing id', async () => {
        await store.insert('concerns', { _id: 'dup', communityId: 'x', createdAt: 1 });
        await expect(
          store.transaction(async (tx) => {
            tx.set('counters', { _id: 'n', value: 99 });
            tx.insert('concerns', { _id: 'dup', communityId: 'x', createdAt: 2 });
          }),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.get('counters', 'n')).toBeNull();
      });
      it('never loses an increment when many run at once', async () => {
        await Promise.all(
          Array.from({ length: 30 }, () =>
            store.transaction(async (tx) => {
              const counter = await tx.get<{ _id: string; value: number }>('counters', 'n');
              tx.set('counters', { _id: 'n', value: (counter?.value ?? 0) + 1 });
            }),
          ),
        );
        expect(await store.get('counters', 'n')).toMatchObject({ value: 30 });
      });
      it('gives up with TransactionConflictError when every attempt meets a conflicting write', async () => {
        await store.set('counters', { _id: 'n', value: 0 });
        let runs = 0;
        await expect(
          store.transaction(async (tx) => {
            runs += 1;
            const counter = await tx.get<{ _id: string; value: number }>('counters', 'n');
            // Someone else writes the document between this attempt's read and its commit.
            await store.set('counters', { _id: 'n', value: 1000 + runs });
            tx.set('counters', { _id: 'n', value: (counter?.value ?? 0) + 1 });
          }),
        ).rejects.toBeInstanceOf(TransactionConflictError);
        expect(runs).toBeGreaterThan(1);
        expect(await store.get('counters', 'n')).toEqual({ _id: 'n', value: 1000 + runs });
      });
    });
  });
}
