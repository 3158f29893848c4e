/**
 * A backup of a community restored elsewhere loses nothing: every document of every
 * collection comes back as it was, into SQLite and into CloudBase (through the real SDK
 * against the emulator), a rerun changes nothing, and nothing of another community travels.
 */
import tcb from '@cloudbase/node-sdk';
import type { ConcernView } from '../../miniprogram/core/concern/contract';
import type { ServiceView, SlotView } from '../../miniprogram/core/booking/contract';
import { startCloudbaseEmulator } from '../../dev/cloudbase-emulator';
import { backupCommunity, collectionsLeftOut, restoreCommunity } from '../../dev/backup';
import { COLLECTIONS } from '../../cloudfunctions/lib/manifests';
import { CloudbaseStore, type CbDatabase } from '../../cloudfunctions/lib/store/cloudbase-store';
import { SqliteStore } from '../../cloudfunctions/lib/store/sqlite-store';
import type { DocumentStore } from '../../cloudfunctions/lib/ports/store';
import { createHarness, key, T0, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Something in every feature: a concern with its steps, a booking, messages, consents.
  const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道灯坏了' }, key());
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  await h.ok('demo-resident-1', 'notify.recordConsent', { results: { concernProgress: 'accept' } });
  const service = (await h.ok<{ items: ServiceView[] }>('demo-admin', 'booking.services', {})).items[0];
  const slot = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: service.id, from: T0 + 24 * 3600_000 })).items[0];
  await h.ok('demo-resident-1', 'booking.create', { slotId: slot.id }, key());
});
afterAll(() => h.close());

async function lines(store: DocumentStore, community = 'demo'): Promise<string[]> {
  const out: string[] = [];
  await backupCommunity(store, community, (l) => out.push(l), 0);
  return out;
}

describe('a backup restored into an empty store', () => {
  it('brings back every document of the community, exactly (SQLite)', async () => {
    const taken = await lines(h.deps.store);
    expect(taken.length).toBeGreaterThan(50);
    const target = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    const report = await restoreCommunity(target, taken);
    expect(report.communityId).toBe('demo');
    expect(Object.keys(report.inserted)).toEqual(expect.arrayContaining(['concerns', 'events', 'members', 'bookings', 'slots', 'bookingLocks', 'bookingQuotas', 'counters', 'inbox', 'subscriptions']));
    expect(await lines(target)).toEqual(taken);
    const again = await restoreCommunity(target, taken);
    expect(again.inserted).toEqual({});
    expect(await lines(target)).toEqual(taken);
    target.close();
  });

  it('brings back every document into CloudBase through the real SDK', async () => {
    const taken = await lines(h.deps.store);
    const saved = process.env.TENCENTCLOUD;
    process.env.TENCENTCLOUD = 'true';
    const emulator = await startCloudbaseEmulator({ collections: Object.keys(COLLECTIONS) });
    try {
      const app = tcb.init({ env: 'linli-emulator', secretId: 'AKIDemulator', secretKey: 'emulator-key', serviceUrl: emulator.url, timeout: 5000 });
      const cloud = new CloudbaseStore(app.database() as unknown as CbDatabase, COLLECTIONS);
      await restoreCommunity(cloud, taken);
      expect(await lines(cloud)).toEqual(taken);
    } finally {
      await emulator.close();
      if (saved === undefined) delete process.env.TENCENTCLOUD;
      else process.env.TENCENTCLOUD = saved;
    }
  });
});

describe('what a backup carries', () => {
  it('is every collection but the rate-limit windows, and nothing of another community', async () => {
    expect(collectionsLeftOut()).toEqual(['rateWindows']);
    await h.ok('other-admin', 'community.update', { name: '别的社区', subdistrict: '某街道' });
    const taken = await lines(h.deps.store);
    expect(taken.some((l) => l.includes('别的社区'))).toBe(false);
  });
  it('is refused on restore when a document of another community was slipped in', async () => {
    const taken = await lines(h.deps.store);
    const forged = [...taken, JSON.stringify({ c: 'concerns', doc: { _id: 'c_forged', communityId: 'other' } })];
    const target = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    await expect(restoreCommunity(target, forged)).rejects.toThrow('another community');
    await expect(restoreCommunity(target, ['{"not":"a backup"}'])).rejects.toThrow('not a Linli backup');
    target.close();
  });
});
