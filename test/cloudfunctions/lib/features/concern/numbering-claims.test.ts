/**
 * 受理编号 by claims (kernel/numbering.ts) when the look for one's own concern misses it: a
 * retry whose first attempt's concern stands as the day's last (another caller's walk put it
 * there, or a stale read) must answer with that concern and number, never claim the next
 * number, whose record could not be stored (a gap forever).
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { DocumentStore, ReadPart } from '../../../../../cloudfunctions/lib/ports/store';
import type { SqliteStore } from '../../../../../cloudfunctions/lib/store/sqlite-store';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
/** While set, reads of this concern by id come back empty (what the retry's own look saw). */
let hidden: string | null = null;

function missing(store: SqliteStore): DocumentStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'get') {
        return async (collection: string, id: string) => (collection === 'concerns' && id === hidden ? null : target.get(collection, id));
      }
      if (prop === 'readTogether') {
        return async (anchor: { collection: string; id: string }, parts: Record<string, ReadPart>) => {
          const got = await target.readTogether(anchor, parts);
          for (const [name, part] of Object.entries(parts)) {
            if (got.parts?.[name] && part.collection === 'concerns' && 'id' in part && part.id === hidden) got.parts[name] = { ...got.parts[name], items: [] };
          }
          return got;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as DocumentStore;
}

beforeEach(async () => {
  hidden = null;
  h = await createHarness({ wrapStore: missing, referenceTtlMs: 0 });
});
afterEach(() => h.close());

const lamp = () => ({ category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '2单元电梯按钮失灵，老人上下楼很不方便。' });

describe('a retry whose own concern is the floor of the walk', () => {
  it('answers with that concern and its number; the next concern takes the next number', async () => {
    const k = key();
    const first = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k);
    hidden = first.id;
    const again = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k);
    hidden = null;
    expect(again).toMatchObject({ id: first.id, number: first.number });
    // No claim above it was taken for it: the next caller's number follows without a gap.
    const next = await h.ok<ConcernView>('demo-resident-2', 'concern.submit', { ...lamp(), text: '楼下的路灯也坏了好几天了' }, key());
    expect(Number(next.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
  });

  it('a retry with other content is still told which concern arrived', async () => {
    const k = key();
    const first = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), k);
    hidden = first.id;
    const changed = await h.call('demo-resident-1', 'concern.submit', { ...lamp(), text: '改过的内容：电梯按钮还是不灵' }, k);
    hidden = null;
    expect(changed).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { existing: { id: first.id, number: first.number } } } });
  });
});

describe('deleting the person erases the copies their number’s claim kept', () => {
  it('leaves the claim without the concern and its intake steps, still holding its number', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    const [day, seq] = c.number.split('-');
    const claimId = `ctr_demo_concern_${day}_n${Number(seq)}`;
    const before = await h.deps.store.get<{ _id: string; record?: unknown; alongside?: unknown }>('counters', claimId);
    expect(before?.record).toBeDefined();
    expect(before?.alongside).toBeDefined();
    const { concernPersonalData } = await import('../../../../../cloudfunctions/lib/features/concern/personal-data');
    const m = await h.deps.store.get('members', member('demo-resident-1'));
    await concernPersonalData.erase(h.deps as never, m as never, 'anon_test', h.clock.now());
    const after = await h.deps.store.get<{ _id: string; value: number; record?: unknown; alongside?: unknown }>('counters', claimId);
    expect(after).toMatchObject({ value: Number(seq) });
    expect(after?.record).toBeUndefined();
    expect(after?.alongside).toBeUndefined();
  });
});
