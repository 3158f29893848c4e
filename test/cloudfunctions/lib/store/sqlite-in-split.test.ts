/**
 * The SQLite adapter reads a plain `$in` as one ordered, limited read per value, merged
 * (bench --large: one IN walked the whole history in sort order). What a caller sees must
 * be what one query would give: the same rows in the same order, page after page, ties on
 * the sort value broken by id, and other conditions kept.
 */
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import type { Doc, QuerySpec } from '../../../../cloudfunctions/lib/ports/store';

let store: SqliteStore;
beforeEach(async () => {
  store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  const statuses = ['dispatched', 'accepted', 'closed', 'supervised'];
  for (let i = 0; i < 230; i += 1) {
    // Every third pair shares its createdAt, so ties cross the arms.
    await store.insert('concerns', { _id: `c${String(i).padStart(3, '0')}`, communityId: i % 7 === 0 ? 'other' : 'demo', assigneeId: i % 2 ? 'm1' : 'm2', gridId: i % 3 ? 'g1' : 'g2', status: statuses[i % 4], createdAt: 1000 + Math.floor(i / 2) * 10 });
  }
});
afterEach(() => store.close());

async function all(spec: Omit<QuerySpec, 'limit' | 'after'>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.query<Doc>('concerns', { ...spec, limit, after });
    ids.push(...page.items.map((d) => d._id));
    after = page.next;
  } while (after);
  return ids;
}

/** What one query means: filter, then sort by (createdAt, id). */
function expected(keep: (d: { communityId: string; assigneeId: string; gridId: string; status: string }) => boolean, dir: 'asc' | 'desc'): string[] {
  const rows = store.db.prepare('SELECT doc FROM "c_concerns"').all() as Array<{ doc: string }>;
  const docs = rows.map((r) => JSON.parse(r.doc)).filter(keep);
  docs.sort((a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : 1));
  if (dir === 'desc') docs.reverse();
  return docs.map((d) => d._id);
}

describe('a split $in reads as one query would', () => {
  it.each([7, 20, 100])('pages of %i: every match once, in order', async (limit) => {
    const spec = { where: { communityId: 'demo', assigneeId: 'm1', status: { $in: ['dispatched', 'accepted', 'supervised'] } }, orderBy: { field: 'createdAt', dir: 'desc' as const } };
    expect(await all(spec, limit)).toEqual(expected((d) => d.communityId === 'demo' && d.assigneeId === 'm1' && d.status !== 'closed', 'desc'));
  });

  it('two $in at once, ascending', async () => {
    const spec = { where: { communityId: 'demo', gridId: { $in: ['g1', 'g2'] }, status: { $in: ['accepted', 'closed'] } }, orderBy: { field: 'createdAt', dir: 'asc' as const } };
    expect(await all(spec, 9)).toEqual(expected((d) => d.communityId === 'demo' && (d.status === 'accepted' || d.status === 'closed'), 'asc'));
  });

  it('an empty $in matches nothing, a repeated value once', async () => {
    expect((await store.query('concerns', { where: { communityId: 'demo', status: { $in: [] } }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 10 })).items).toEqual([]);
    const spec = { where: { communityId: 'demo', status: { $in: ['accepted', 'accepted'] } }, orderBy: { field: 'createdAt', dir: 'desc' as const } };
    expect(await all(spec, 11)).toEqual(expected((d) => d.communityId === 'demo' && d.status === 'accepted', 'desc'));
  });

  it('each arm walks its own index range', () => {
    const plan = store.explain('concerns', { where: { communityId: 'demo', assigneeId: 'm1', status: { $in: ['dispatched', 'accepted'] } }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 20 });
    expect(plan).toMatch(/USING INDEX .*\(<expr>=\? AND <expr>=\? AND <expr>=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
