/**
 * A publication is the item's one versioned commit carrying its event and the version it
 * publishes; the version's insert, the superseding of the one before and the category's count
 * follow. Here the instance dies right after the commit: readers still read the published
 * version (from the item), a correction drafts from it, and the client's retry leaves exactly
 * what one clean call leaves — one version, marked as it should be, counted once.
 */
import type { CategoryView, ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { categoryIdFor, versionIdFor } from '../../../../../cloudfunctions/lib/features/disclosure/ids';
import { SETTLE_AFTER, versionHash } from '../../../../../cloudfunctions/lib/features/disclosure/publish-item';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import type { VersionRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import { op } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { BALANCED, eventsOf, financeDraft, newDraft, publish, published, storedVersions } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const finance = async () => (await h.ok<{ categories: CategoryView[] }>('demo-resident-1', 'disclosure.catalogue', {})).categories.find((c) => c.key === 'finance')!;

/** What the steps after the commit wrote, taken back: as if the instance died right after it. */
async function undoAfterCommit(itemId: string, number: number, before: { count: number; latest: CategoryView['latest'] }) {
  await h.deps.store.remove('disclosureVersions', versionIdFor(itemId, number));
  if (number > 1) await h.deps.store.update('disclosureVersions', versionIdFor(itemId, number - 1), { supersededAt: null, supersededBy: null });
  const published = (await eventsOf(h, itemId)).filter((e) => e.type === 'disclosure.published').pop()!;
  await h.deps.store.remove('events', published._id);
  await h.deps.store.update('disclosureCategories', categoryIdFor('demo', 'finance'), {
    publishedCount: before.count, latest: before.latest, ...(number === 1 ? { [`countedItemIds.${itemId}`]: op.unset() } : {}),
  });
}

describe('a publication that died right after its commit', () => {
  it('reads as published, and its retry inserts the version, the event and the count once', async () => {
    const before = await finance();
    const item = await newDraft(h);
    const first = await publish(h, item);
    expect(first.ok).toBe(true);
    await undoAfterCommit(item.itemId, 1, { count: before.publishedCount, latest: before.latest });
    expect(await storedVersions(h, item.itemId)).toEqual([]);

    const seen = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item.itemId });
    expect(seen).toMatchObject({ state: 'published', currentNumber: 1, shown: { number: 1, finance: BALANCED }, versions: [{ number: 1, superseded: false }] });

    for (let i = 0; i < 2; i += 1) expect(await publish(h, item)).toEqual(first);
    const [v] = await storedVersions(h, item.itemId);
    expect(v).toMatchObject({ number: 1, fromDraftVersion: item.draft!.draftVersion, supersededAt: null });
    expect(v.contentHash).toBe(versionHash(v));
    expect((await eventsOf(h, item.itemId)).filter((e) => e.type === 'disclosure.published')).toHaveLength(1);
    expect(await finance()).toMatchObject({ publishedCount: before.publishedCount + 1, latest: { itemId: item.itemId } });
  });

  it('a correction dying so: v1 reads superseded, v2 is up, and the retry marks and inserts them', async () => {
    const v1 = await published(h);
    const counted = await finance();
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '支出中楼道灯维修金额录入有误' });
    const edited = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ title: '2026年第三季度财务收支（更正）' }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion }, key());
    const first = await publish(h, edited);
    expect(first.ok).toBe(true);
    await undoAfterCommit(v1.itemId, 2, { count: counted.publishedCount, latest: counted.latest });

    const seen = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: v1.itemId, version: 1 });
    expect(seen.shown).toMatchObject({ number: 1, superseded: true, supersededAt: expect.any(Number) });
    expect(seen.versions.map((v) => [v.number, v.superseded])).toEqual([[1, true], [2, false]]);

    expect(await publish(h, edited)).toEqual(first);
    const stored = await storedVersions(h, v1.itemId);
    expect(stored.map((v: VersionRecord) => [v.number, v.supersededBy])).toEqual([[1, 2], [2, null]]);
    expect(await finance()).toMatchObject({ publishedCount: counted.publishedCount, latest: { itemId: v1.itemId, title: '2026年第三季度财务收支（更正）' } });
  });

  it('a correction started before the retry drafts from the version the item carries, and puts it in', async () => {
    const before = await finance();
    const item = await newDraft(h);
    expect((await publish(h, item)).ok).toBe(true);
    await undoAfterCommit(item.itemId, 1, { count: before.publishedCount, latest: before.latest });
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: item.itemId, reason: '支出中楼道灯维修金额录入有误' });
    expect(c).toMatchObject({ state: 'correcting', shown: { number: 1 }, draft: { finance: BALANCED } });
    expect((await storedVersions(h, item.itemId)).map((v) => v.number)).toEqual([1]);
  });
});

describe('a publication that died right after its commit and was never retried', () => {
  it('is settled by the sweep: the version, the count and the latest, once however often it runs', async () => {
    const before = await finance();
    const item = await newDraft(h);
    expect((await publish(h, item)).ok).toBe(true);
    await undoAfterCommit(item.itemId, 1, { count: before.publishedCount, latest: before.latest });
    // Not yet: a live call may still be at it.
    await runSweep(h.deps);
    expect(await storedVersions(h, item.itemId)).toEqual([]);

    h.clock.advance(SETTLE_AFTER);
    await Promise.all([runSweep(h.deps), runSweep(h.deps)]);
    const [v] = await storedVersions(h, item.itemId);
    expect(v).toMatchObject({ number: 1, fromDraftVersion: item.draft!.draftVersion, supersededAt: null });
    expect(v.contentHash).toBe(versionHash(v));
    expect(await finance()).toMatchObject({ publishedCount: before.publishedCount + 1, latest: { itemId: item.itemId } });
    expect((await h.deps.store.get('disclosureItems', item.itemId))!.wakeAt).toBeNull();
    await runSweep(h.deps);
    expect(await finance()).toMatchObject({ publishedCount: before.publishedCount + 1 });
  });

  it('a correction likewise: v1 marked superseded, v2 inserted, the latest moved', async () => {
    const v1 = await published(h);
    const counted = await finance();
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '支出中楼道灯维修金额录入有误' });
    const edited = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ title: '2026年第三季度财务收支（更正）' }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion }, key());
    expect((await publish(h, edited)).ok).toBe(true);
    await undoAfterCommit(v1.itemId, 2, { count: counted.publishedCount, latest: counted.latest });
    h.clock.advance(SETTLE_AFTER);
    await runSweep(h.deps);
    expect((await storedVersions(h, v1.itemId)).map((v: VersionRecord) => [v.number, v.supersededBy])).toEqual([[1, 2], [2, null]]);
    expect(await finance()).toMatchObject({ publishedCount: counted.publishedCount, latest: { itemId: v1.itemId, title: '2026年第三季度财务收支（更正）' } });
  });

  it('an item published before (no wakeAt) is left alone by the sweep', async () => {
    const item = await published(h);
    await h.deps.store.update('disclosureItems', item.itemId, { wakeAt: op.unset() });
    h.clock.advance(SETTLE_AFTER);
    await runSweep(h.deps);
    expect((await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item.itemId })).shown).toMatchObject({ number: 1 });
  });
});

describe('what an item carries stays on the server', () => {
  it('a resident reading an item under correction sees the published version, never the draft nor the carried record', async () => {
    const v1 = await published(h);
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '支出中楼道灯维修金额录入有误' });
    await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ title: '尚未公开的更正标题' }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion }, key());
    // Whether or not the version's insert landed, the reply is the same and carries nothing of the item's own.
    for (const undo of [false, true]) {
      if (undo) await h.deps.store.remove('disclosureVersions', versionIdFor(v1.itemId, 1));
      const replies = [
        await h.call('demo-resident-1', 'disclosure.get', { itemId: v1.itemId }),
        await h.call('demo-resident-1', 'disclosure.list', {}),
      ];
      for (const r of replies) {
        const text = JSON.stringify(r);
        expect(text).not.toContain('尚未公开的更正标题');
        expect(text).not.toContain('carriedVersion');
        expect(text).not.toContain('lastEvent');
        expect(text).not.toContain('wakeAt');
      }
      expect((replies[0] as { data: ItemView }).data).toMatchObject({ state: 'published', shown: { number: 1 }, draft: null });
    }
  });
});
