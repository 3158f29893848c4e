/**
 * 居务公开 driven as staff and residents drive it: drafts through disclosure.draft, the
 * store read only to check what was (or was not) written.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import type { FinanceTable } from '../../../../../miniprogram/core/disclosure/finance';
import type { Envelope } from '../../../../../miniprogram/core/envelope';
import type { ItemRecord, VersionRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import type { EventRecord } from '../../../../../cloudfunctions/lib/kernel/audit';
import { key, type Harness } from '../../../../support/harness';

/** 期初 1,000.00 + 收入 500.00 − 支出 300.00 = 期末 1,200.00. */
export const BALANCED: FinanceTable = {
  openingFen: 100_000,
  income: [{ label: '物业管理费分成', amountFen: 50_000 }],
  expense: [{ label: '楼道灯维修', amountFen: 30_000, note: '1号楼、2号楼' }],
  closingFen: 120_000,
};
/** Ten yuan short of what the lines say. */
export const UNBALANCED: FinanceTable = { ...BALANCED, closingFen: 119_000 };

export function financeDraft(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    categoryKey: 'finance',
    title: '2026年第三季度财务收支',
    period: { kind: 'quarter', year: 2026, quarter: 3 },
    body: '本季度社区公益金收支情况如下，如有疑问请在下方提问。',
    finance: BALANCED,
    ...extra,
  };
}

export const draft = (h: Harness, who: string, data: Record<string, unknown>, k: string = key()): Promise<Envelope<ItemView>> => h.call<ItemView>(who, 'disclosure.draft', data, k);

/** A new finance draft by the first grid worker. */
export async function newDraft(h: Harness, extra: Record<string, unknown> = {}, who = 'demo-grid-1'): Promise<ItemView> {
  const res = await draft(h, who, financeDraft(extra));
  if (!res.ok) throw new Error(`draft: ${res.error.code} ${res.error.message}`);
  return res.data;
}

export const publish = (h: Harness, item: Pick<ItemView, 'itemId' | 'draft'>, who = 'demo-admin') =>
  h.call<ItemView>(who, 'disclosure.publish', { itemId: item.itemId, draftVersion: item.draft!.draftVersion });

export async function published(h: Harness, extra: Record<string, unknown> = {}): Promise<ItemView> {
  const item = await newDraft(h, extra);
  const res = await publish(h, item);
  if (!res.ok) throw new Error(`publish: ${res.error.code} ${res.error.message}`);
  return res.data;
}

export async function storedItem(h: Harness, itemId: string): Promise<ItemRecord | null> {
  return h.deps.store.get('disclosureItems', itemId);
}

export async function storedVersions(h: Harness, itemId: string): Promise<VersionRecord[]> {
  const page = await h.deps.store.query('disclosureVersions', { where: { communityId: 'demo', itemId }, orderBy: { field: 'number', dir: 'asc' }, limit: 100 });
  return page.items;
}

export async function eventsOf(h: Harness, itemId: string): Promise<EventRecord[]> {
  const page = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `disclosureItem:${itemId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
  return page.items;
}

/** Every item of the demo community, drafts included. */
export async function allItems(h: Harness): Promise<ItemRecord[]> {
  const page = await h.deps.store.query('disclosureItems', { where: { communityId: 'demo', state: { $in: ['draft', 'published', 'correcting'] } }, orderBy: { field: 'updatedAt', dir: 'desc' }, limit: 100 });
  return page.items;
}
