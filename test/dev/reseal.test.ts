/** `npm run reseal` moves every stored phone number to the new key and overwrites nothing changed meanwhile. */
import { COLLECTIONS } from '../../cloudfunctions/lib/manifests';
import { AesGcmCipher } from '../../cloudfunctions/lib/platform/data-cipher';
import { SqliteStore } from '../../cloudfunctions/lib/store/sqlite-store';
import { resealCommunity } from '../../dev/reseal';

const OLD = new AesGcmCipher(Buffer.alloc(32, 1));
const ROTATED = new AesGcmCipher(Buffer.alloc(32, 2), [Buffer.alloc(32, 1)]);

function member(id: string, phoneEnc: string | null, communityId = 'demo') {
  return { _id: id, communityId, openid: `o-${id}`, roles: ['resident'], createdAt: Number(id.slice(1)), phoneEnc };
}

describe('resealing a community after a key rotation', () => {
  it('seals every phone under the new key, keeps each number, and a rerun finds nothing to do', async () => {
    const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    const people = Array.from({ length: 130 }, (_, i) => member(`m${i + 1}`, i % 10 === 0 ? null : OLD.encrypt(`138${String(i).padStart(8, '0')}`)));
    for (const p of people) await store.insert('members', p);
    await store.insert('members', member('m999', OLD.encrypt('13000000000'), 'other'));

    const first = await resealCommunity(store, ROTATED, 'demo');
    expect(first).toEqual({ resealed: 117, alreadyCurrent: 0, changedMeanwhile: 0 });
    const after = await store.getMany<{ _id: string; phoneEnc: string | null }>('members', people.slice(0, 100).map((p) => p._id));
    for (const m of after) {
      const i = Number(m._id.slice(1)) - 1;
      if (m.phoneEnc === null) continue;
      expect(ROTATED.sealedUnderCurrentKey(m.phoneEnc)).toBe(true);
      expect(new AesGcmCipher(Buffer.alloc(32, 2)).decrypt(m.phoneEnc)).toBe(`138${String(i).padStart(8, '0')}`);
    }
    expect(await resealCommunity(store, ROTATED, 'demo')).toEqual({ resealed: 0, alreadyCurrent: 117, changedMeanwhile: 0 });
    // Another community is its own run.
    expect(ROTATED.sealedUnderCurrentKey((await store.get<{ _id: string; phoneEnc: string }>('members', 'm999'))!.phoneEnc)).toBe(false);
    store.close();
  });

  it('leaves a number the resident changed during the run as the resident set it', async () => {
    const store = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    await store.insert('members', member('m1', OLD.encrypt('13811111111')));
    const changedByResident = ROTATED.encrypt('13922222222');
    const racing = {
      ...store,
      query: store.query.bind(store),
      update: async (...args: Parameters<SqliteStore['update']>) => {
        await store.set('members', { ...member('m1', changedByResident) });
        return store.update(...args);
      },
    } as unknown as SqliteStore;
    expect(await resealCommunity(racing, ROTATED, 'demo')).toEqual({ resealed: 0, alreadyCurrent: 0, changedMeanwhile: 1 });
    expect((await store.get<{ _id: string; phoneEnc: string }>('members', 'm1'))!.phoneEnc).toBe(changedByResident);
    store.close();
  });
});
