/**
 * Reading the board: residents see published versions only — never a draft, its flags or
 * its reviewers' decisions, not even that an item is being corrected; staff see both. Links
 * are named by their own features, and hidden from readers those features keep out.
 */
import type { Page } from '../../../../../miniprogram/core/action';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { ItemSummaryView, ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { financeDraft, newDraft, published } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const RESIDENTS = ['demo-resident-1', 'demo-resident-2', 'demo-volunteer-1'];

/** Every key anywhere in a response, to be sure nothing of a draft rides along. */
function keysOf(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('residents never see drafts or flags', () => {
  it('an item not yet published is missing to them, and absent from their board', async () => {
    const item = await newDraft(h, { body: '联系人刘阿姨，电话13812345678。' });
    for (const who of RESIDENTS) {
      expect(await h.call(who, 'disclosure.get', { itemId: item.itemId })).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await h.ok<Page<ItemSummaryView>>(who, 'disclosure.list', {})).items).toEqual([]);
      expect(await h.call(who, 'disclosure.list', { when: 'drafts' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect((await h.ok<Page<ItemSummaryView>>('demo-grid-2', 'disclosure.list', { when: 'drafts' })).items).toMatchObject([{ itemId: item.itemId, state: 'draft', hasDraft: true }]);
  });
  it('an item being corrected reads as the version that is up, with no draft, flags or preview', async () => {
    const v1 = await published(h);
    await h.ok('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '补充一笔收入的备注' });
    const staff = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: v1.itemId });
    expect(staff).toMatchObject({ state: 'correcting', draft: { correctionReason: '补充一笔收入的备注', flags: expect.any(Array), preview: expect.any(Object) } });
    expect(staff.allowedActions).toEqual(expect.arrayContaining(['disclosure.draft', 'disclosure.review', 'disclosure.publish']));
    for (const who of RESIDENTS) {
      const seen = await h.ok<ItemView>(who, 'disclosure.get', { itemId: v1.itemId });
      expect(seen).toMatchObject({ state: 'published', stateLabel: '已公开', draft: null, shown: { number: 1 } });
      const keys = keysOf(seen);
      for (const k of ['flags', 'preview', 'correctionReason', 'draftVersion', 'unresolved']) expect(keys.has(k)).toBe(false);
      expect(seen.allowedActions).not.toContain('disclosure.draft');
      const board = await h.ok<Page<ItemSummaryView>>(who, 'disclosure.list', {});
      expect(board.items).toMatchObject([{ itemId: v1.itemId, state: 'published', hasDraft: false, versionNumber: 1 }]);
    }
  });
  it('a bound resident may ask about a published item; nobody may ask about a draft', async () => {
    const v1 = await published(h);
    expect((await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: v1.itemId })).allowedActions).toEqual(['disclosure.get', 'disclosure.ask']);
    expect((await h.ok<ItemView>('demo-volunteer-1', 'disclosure.get', { itemId: v1.itemId })).allowedActions).toEqual(['disclosure.get']);
  });
  it('is NOT_FOUND in another community', async () => {
    const v1 = await published(h);
    expect(await h.call('other-admin', 'disclosure.get', { itemId: v1.itemId })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('the board lists what is published, newest first, by category', () => {
  it('filters by category and names it', async () => {
    const a = await published(h);
    h.clock.advance(60_000);
    const b = await published(h, { categoryKey: 'other', title: '小区东门快递柜安装进展', period: { kind: 'quarter', year: 2026, quarter: 3 }, finance: null });
    const all = await h.ok<Page<ItemSummaryView>>('demo-resident-2', 'disclosure.list', {});
    expect(all.items.map((i) => i.itemId)).toEqual([b.itemId, a.itemId]);
    const finance = await h.ok<Page<ItemSummaryView>>('demo-resident-2', 'disclosure.list', { categoryKey: 'finance' });
    expect(finance.items).toMatchObject([{ itemId: a.itemId, categoryLabel: '财务收支', periodLabel: '2026年第三季度', title: '2026年第三季度财务收支' }]);
  });
});

describe('links are named by their features, and hidden where those keep the reader out', () => {
  it('shows a neighbour’s concern as （已不可见） and its author the concern', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '1号楼楼道的声控灯又坏了，晚上看不清台阶。' }, key());
    const item = await published(h, { links: [{ kind: 'concern', refId: c.id }] });
    expect((await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: item.itemId })).shown?.links).toEqual([{ kind: 'concern', refId: c.id, title: '（已不可见）' }]);
    const own = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item.itemId });
    expect(own.shown?.links[0].title).toMatch(/^诉求 \S+（.+）$/);
  });
  it('refuses a draft pointing at something that does not exist', async () => {
    expect(await h.call('demo-grid-1', 'disclosure.draft', financeDraft({ links: [{ kind: 'resolution', refId: 'rs_nowhere_it1' }] }), key())).toMatchObject({ error: { code: 'NOT_FOUND', details: { issues: [{ path: 'links.0.refId' }] } } });
  });
});
