/**
 * The calendar's obligations. Each is one record by a deterministic id — per (category,
 * period) for periodic categories, per source for triggered ones — so a parallel sweep or a
 * retried trigger makes one; meeting it is a conditional update from `due`, once.
 */
import { lastEndedPeriod, monthKeyOf, triggeredDueAt } from '../../../../miniprogram/core/disclosure/calendar';
import { periodKey, periodLabel } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { ScopedStore } from '../../kernel/scoped-store';
import { periodicDueId, sourceDueId } from './ids';
import type { CategoryRecord, DueRecord, ItemRecord } from './records';

function dueRecord(db: ScopedStore, base: Pick<DueRecord, '_id' | 'categoryKey' | 'label' | 'periodKey' | 'source' | 'dueAt' | 'itemId'>, now: number): DueRecord {
  return { ...base, communityId: db.communityId, month: monthKeyOf(base.dueAt), state: 'due', metAt: null, onTime: null, escalation: 'none', wakeAt: base.dueAt, createdAt: now, version: 0 };
}

/**
 * The obligation for the period that ended last, created once. An item of that period
 * published before the obligation existed (early, or before the sweep first ran) meets it.
 */
export async function ensurePeriodicDue(db: ScopedStore, category: CategoryRecord, now: number): Promise<void> {
  const last = lastEndedPeriod(category.cadence, now);
  if (!last) return;
  const key = periodKey(last.period);
  const id = periodicDueId(db.communityId, category.key, key);
  if (await db.get('disclosureDues', id)) return;
  const due = dueRecord(db, { _id: id, categoryKey: category.key, label: `${periodLabel(last.period)} ${category.label}`, periodKey: key, source: null, dueAt: last.dueAt, itemId: null }, now);
  const published = (await db.query('disclosureItems', { where: { categoryKey: category.key, periodKey: key }, orderBy: { field: '_id', dir: 'asc' }, limit: 20 })).items
    .filter((i) => i.publishedAt !== null)
    .sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0))[0];
  await db.insert('disclosureDues', published
    ? { ...due, state: 'met', metAt: published.publishedAt, onTime: (published.publishedAt ?? 0) <= due.dueAt, itemId: published._id, wakeAt: null }
    : due);
}

/** The obligation a trigger creates (approved minutes, a poll's result…); returns it. */
export async function dueForSource(db: ScopedStore, source: NonNullable<DueRecord['source']>, category: CategoryRecord, at: number, itemId: string, now: number): Promise<DueRecord> {
  const id = sourceDueId(db.communityId, source.kind, source.refId);
  const due = dueRecord(db, { _id: id, categoryKey: category.key, label: source.title, periodKey: null, source, dueAt: triggeredDueAt(category.cadence, at), itemId }, now);
  await db.insert('disclosureDues', due);
  return (await db.get('disclosureDues', id)) ?? due;
}

/** A first publication meets its obligation: the item's own, or its category's for its period. */
export async function meetDue(db: ScopedStore, item: ItemRecord, versionNumber: number, now: number): Promise<void> {
  if (versionNumber !== 1) return;
  const id = item.dueId ?? (item.periodKey !== '-' ? periodicDueId(db.communityId, item.categoryKey, item.periodKey) : null);
  if (!id) return;
  const due = await db.get('disclosureDues', id);
  if (!due || due.state !== 'due') return;
  await db.update('disclosureDues', id, { state: 'met', metAt: now, onTime: now <= due.dueAt, itemId: item._id, wakeAt: null, version: due.version + 1 }, { state: 'due', version: due.version });
}
