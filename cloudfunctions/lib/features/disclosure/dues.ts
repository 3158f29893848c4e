/**
 * What the community owes the board: one due per period of a periodic category (its id from
 * the category and the period) and one per triggered source (from the source), so the clock,
 * a publication and a retry all name the same record and none is made twice. Publishing meets
 * a due once, by a conditional update; a publication that comes before its due was made
 * records the due as met.
 */
import { createHash } from 'node:crypto';
import { monthKeyOf, periodDueAt, triggeredDueAt } from '../../../../miniprogram/core/disclosure/calendar';
import type { SourceKind } from '../../../../miniprogram/core/disclosure/contract';
import { periodLabel, type Period } from '../../../../miniprogram/core/disclosure/vocabulary';
import { DAY } from '../../kernel/time';
import type { ScopedStore } from '../../kernel/scoped-store';
import { categoryIdFor } from './ids';
import type { CategoryRecord, DueRecord, ItemRecord } from './records';

/** Staff are reminded this long before a disclosure is due. */
export const DUE_REMINDER = 3 * DAY;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
export const periodicDueId = (communityId: string, categoryKey: string, key: string) => `ddue_${hash(`${communityId}|${categoryKey}|${key}`)}`;
export const sourceDueId = (communityId: string, kind: SourceKind, refId: string) => `ddue_${hash(`${communityId}|${kind}|${refId}`)}`;

/** The clock looks first when the reminder is due, or now if that has passed. */
const firstWake = (dueAt: number, now: number) => Math.max(now, dueAt - DUE_REMINDER);

function due(db: ScopedStore, fields: Pick<DueRecord, '_id' | 'categoryKey' | 'label' | 'periodKey' | 'source' | 'dueAt' | 'itemId'>, now: number): DueRecord {
  return {
    ...fields, communityId: db.communityId, month: monthKeyOf(fields.dueAt), state: 'due', metAt: null, onTime: null,
    escalation: 'none', wakeAt: firstWake(fields.dueAt, now), createdAt: now, version: 1,
  };
}

/**
 * A periodic category's due for one period (insert-if-absent). None when the period is not of
 * the category's cadence, or fell due before the category existed: a community that opens in
 * December owes nothing for the summer.
 */
export async function dueForPeriod(db: ScopedStore, category: CategoryRecord, period: Period, periodKey: string, now: number): Promise<DueRecord | null> {
  const dueAt = periodDueAt(category.cadence, period);
  if (dueAt === null || dueAt < category.createdAt) return null;
  const record = due(db, { _id: periodicDueId(db.communityId, category.key, periodKey), categoryKey: category.key, label: `${periodLabel(period)} ${category.label}`, periodKey, source: null, dueAt, itemId: null }, now);
  await db.insert('disclosureDues', record);
  return db.get('disclosureDues', record._id);
}

export interface SourceDue {
  category: CategoryRecord;
  source: { kind: Exclude<SourceKind, 'manual'>; refId: string; title: string };
  at: number;
  itemId: string;
}

/**
 * The due a triggered source starts, as it is stored once made: its id from the source and its
 * date from the moment the source became public, so a retry names the same record without
 * reading it. Null for a periodic category, whose dues the clock makes per period.
 */
export function sourceDueRecord(db: ScopedStore, s: SourceDue, now: number): DueRecord | null {
  const c = s.category.cadence;
  if (c.kind !== 'immediate' && c.kind !== 'withinDays') return null;
  return due(db, { _id: sourceDueId(db.communityId, s.source.kind, s.source.refId), categoryKey: s.category.key, label: s.source.title, periodKey: null, source: s.source, dueAt: triggeredDueAt(c, s.at), itemId: s.itemId }, now);
}

/**
 * A publication meets its item's due, or its category's for the item's period — once: a
 * correction or a second item for the same period changes nothing. An item of a periodic
 * category published before the clock made the period's due makes it, met.
 */
export async function meetDue(db: ScopedStore, item: ItemRecord, now: number): Promise<void> {
  let current = await db.get('disclosureDues', item.dueId ?? periodicDueId(db.communityId, item.categoryKey, item.periodKey));
  if (!current && !item.dueId) {
    const category = await db.get('disclosureCategories', categoryIdFor(db.communityId, item.categoryKey));
    if (category) current = await dueForPeriod(db, category, item.period, item.periodKey, now);
  }
  if (!current || current.state !== 'due') return;
  await db.update('disclosureDues', current._id, { state: 'met', metAt: now, onTime: now <= current.dueAt, itemId: item._id, wakeAt: null, version: current.version + 1 }, { state: 'due' });
}
