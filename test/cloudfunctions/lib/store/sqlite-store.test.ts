import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';
import { COLLECTIONS } from '../../../../cloudfunctions/lib/manifests';
import { storeContract } from './store-contract';

storeContract('SQLite in memory', async () => {
  const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  return { store, close: () => store.close() };
});

describe('SQLite on a file shared by two connections', () => {
  it('keeps conditional updates exclusive across connections', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-store-'));
    const a = new SqliteStore({ filename: path.join(dir, 'db.sqlite'), collections: COLLECTIONS });
    const b = new SqliteStore({ filename: path.join(dir, 'db.sqlite'), collections: COLLECTIONS });
    await a.insert('concerns', { _id: 'slot', communityId: 'x', createdAt: 1, seats: 5 });
    const takes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).update('concerns', 'slot', { seats: 0 }, { seats: { $gt: 0 } })),
    );
    expect(takes.filter(Boolean)).toHaveLength(1);
    a.close();
    b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('every declared index is used by the queries it exists for', () => {
  const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
  afterAll(() => store.close());
  for (const [collection, indexes] of Object.entries(COLLECTIONS)) {
    indexes.forEach((fields) => {
      it(`${collection} by ${fields.join(', ')} searches an index, never scans`, () => {
        // Paging indexes end with (sort field, _id): queries order by both.
        const keys = fields[fields.length - 1] === '_id' ? fields.slice(0, -1) : fields;
        const sortField = keys[keys.length - 1];
        // A sort-only index serves range scans (the sweep's "due by now"), so test it with one.
        const where = keys.length > 1 ? Object.fromEntries(keys.slice(0, -1).map((f) => [f, 'v'])) : { [sortField]: { $lte: 1 } };
        const plan = store.explain(collection, { where, orderBy: { field: sortField, dir: 'desc' }, limit: 20 });
        expect(plan).toMatch(/USING INDEX/);
        expect(plan).not.toMatch(/SCAN c_/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      });
    });
  }
});
