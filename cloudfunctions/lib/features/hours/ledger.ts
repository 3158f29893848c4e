/**
 * Writing to the ledger: entries are only ever inserted under deterministic ids, and an
 * entry's one decision is a compare-and-set on its version. Anomalies are counted here too.
 */
import { SECOND_VERIFIER_ABOVE_MINUTES } from '../../../../miniprogram/core/volunteer/vocabulary';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import type { HourEntryRecord } from '../volunteer/records';
import { anomalyId, type HourAnomalyRecord } from './records';

export const attendanceEntryId = (attendanceId: string) => `he_${attendanceId}`;

/** Inserts the entry if absent (a retry or a racing close writes nothing twice); returns the stored one. */
export async function appendEntry(db: ScopedStore, actor: Caller | 'system', entry: HourEntryRecord): Promise<HourEntryRecord> {
  const { entry: stored, event, fresh } = await insertEntry(db, actor, entry);
  if (fresh) await db.insert('events', event);
  return stored;
}

/**
 * As appendEntry, but leaves its `hours.recorded` event to the caller, to be written beside
 * the call's own event (one list insert): the event's id names the entry, so an entry found
 * already stored answers the same event and inserting it again is a no-op — which also
 * repairs a close that died between the entry and its event.
 */
export async function insertEntry(db: ScopedStore, actor: Caller | 'system', entry: HourEntryRecord): Promise<{ entry: HourEntryRecord; event: EventRecord; fresh: boolean }> {
  const flags = Math.abs(entry.minutes) > SECOND_VERIFIER_ABOVE_MINUTES && !entry.flags.includes('overThreshold') ? [...entry.flags, 'overThreshold' as const] : entry.flags;
  const doc = { ...entry, flags };
  const fresh = await db.insert('hourEntries', doc);
  const stored = fresh ? doc : ((await db.get('hourEntries', entry._id)) ?? doc);
  return { fresh, entry: stored, event: recordedEvent(db, actor, stored) };
}

/** An entry's first event; its id names the entry, so inserting it again writes nothing. */
export function recordedEvent(db: ScopedStore, actor: Caller | 'system', entry: HourEntryRecord): EventRecord {
  return eventRecord(db, actor, { key: 'recorded', subject: `hours:${entry._id}`, type: 'hours.recorded', to: 'pending', public: false, note: entry.reason, at: entry.createdAt });
}

/** Records an attempt for the anomaly list: the first makes the document, later ones count up. */
export async function recordAnomaly(db: ScopedStore, a: Omit<HourAnomalyRecord, '_id' | 'communityId' | 'count' | 'firstAt' | 'lastAt'>, now: number): Promise<void> {
  const _id = anomalyId(a.kind, a.activityId, a.shiftId, a.memberId, a.otherMemberId);
  const fresh = await db.insert('hourAnomalies', { _id, communityId: db.communityId, ...a, count: 1, firstAt: now, lastAt: now });
  if (!fresh) await db.update('hourAnomalies', _id, { count: op.inc(1), lastAt: now });
}
