/**
 * STAND-IN until the calendar helper's dues.ts is merged (branch calendar2 replaces this
 * file), with the signatures DISCLOSURE.md gives: a triggered source's obligation, and
 * meeting an obligation when an item is published.
 */
import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import type { SourceKind } from '../../../../miniprogram/core/disclosure/contract';
import { COMMUNITY_TZ, DAY, HOUR } from '../../kernel/time';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { CategoryRecord, DueRecord, ItemRecord } from './records';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
export const periodicDueId = (communityId: string, categoryKey: string, key: string) => `ddue_${hash(`${communityId}|${categoryKey}|${key}`)}`;
export const sourceDueId = (communityId: string, kind: SourceKind, refId: string) => `ddue_${hash(`${communityId}|${kind}|${refId}`)}`;

export interface SourceDue {
  category: CategoryRecord;
  source: { kind: Exclude<SourceKind, 'manual'>; refId: string; title: string };
  at: number;
  itemId: string;
}

/** The obligation a source starts (insert-if-absent); null for a periodic category, whose dues the clock makes. */
export async function dueForSource(db: ScopedStore, s: SourceDue, now: number): Promise<DueRecord | null> {
  const c = s.category.cadence;
  if (c.kind !== 'immediate' && c.kind !== 'withinDays') return null;
  const dueAt = s.at + (c.kind === 'immediate' ? c.hours * HOUR : c.days * DAY);
  const due: DueRecord = {
    _id: sourceDueId(db.communityId, s.source.kind, s.source.refId), communityId: db.communityId, categoryKey: s.category.key, label: s.source.title,
    periodKey: null, source: s.source, dueAt, month: dayjs(dueAt).tz(COMMUNITY_TZ).format('YYYY-MM'), state: 'due', metAt: null, onTime: null,
    itemId: s.itemId, escalation: 'none', wakeAt: dueAt, createdAt: now, version: 1,
  };
  await db.insert('disclosureDues', due);
  return db.get('disclosureDues', due._id);
}

/** A publication meets its item's obligation, or its category's for that period; once. */
export async function meetDue(db: ScopedStore, item: ItemRecord, versionNumber: number, now: number): Promise<void> {
  void versionNumber;
  const id = item.dueId ?? periodicDueId(db.communityId, item.categoryKey, item.periodKey);
  const due = await db.get('disclosureDues', id);
  if (!due || due.state !== 'due') return;
  await db.update('disclosureDues', id, { state: 'met', metAt: now, onTime: now <= due.dueAt, itemId: item._id, wakeAt: null }, { state: 'due' });
}
