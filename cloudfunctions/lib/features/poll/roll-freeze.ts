/**
 * The roll a poll is decided against, frozen when it opens. Two processes may freeze at
 * once and read the live roll a moment apart: each writes its own bucket set under a fresh
 * freeze id, and only the one whose compare-and-set opens the poll counts. The hash over
 * every unit is published with the result, so the roll cannot be changed unseen.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import type { Deps } from '../../kernel/deps';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { LastEventCarrier } from '../../kernel/versioned';
import { censusFor, type CensusUnit } from '../roll/census';
import { rollBucketId, type PollRecord, type PollRollBucketRecord, type RollUnit } from './records';

const UNITS_PER_BUCKET = 200;

export function bucketOf(key: string, buckets: number): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) % buckets;
}

export function rollHash(units: readonly CensusUnit[]): string {
  const canonical = [...units]
    .sort((a, b) => (a.unitKey < b.unitKey ? -1 : 1))
    .map((u) => [u.unitKey, u.label, u.areaCenti, [...u.voterIds].sort()]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * The bucket sets this very request froze, by the poll object openIfDue returned for them:
 * what it just wrote need not be read back. Keyed by that object, so it lives and dies with
 * the request that holds it and nothing crosses to another.
 */
const frozenHere = new WeakMap<PollRecord, ReadonlyMap<string, PollRollBucketRecord>>();

/** Whether this request froze the poll's roll itself (and so knows it without reading). */
export function frozenByThisCall(poll: PollRecord): boolean {
  return frozenHere.has(poll);
}

/**
 * Opens a scheduled poll whose time has come: freezes the roll and moves the poll to open.
 * Returns the poll as it now stands (someone else may have opened it first).
 *
 * `event: 'sweep'` (a resident's call that finds the poll due): the opening's event rides on
 * the poll's update (`lastEvent`) and the poll is made due at once, so the next sweep puts
 * the event in `events` (fixed id) and sets the poll's wake back to its close. The caller
 * waits for one write less; the change and its audit record still land together.
 */
export async function openIfDue(deps: Pick<Deps, 'ids'>, db: ScopedStore, poll: PollRecord, now: number, event: 'now' | 'sweep' = 'now'): Promise<PollRecord> {
  const e = poll.eligibility;
  // A meeting's vote is written open by the meeting, on the entries present: never by the clock.
  if (poll.status !== 'scheduled' || now < poll.opensAt || e.scope === 'meeting') return poll;
  const census = await censusOf(db, poll);
  const { freezeId, buckets, docs } = await writeRollBuckets(deps, db, poll._id, census);
  const roll = rollOf(census, freezeId, buckets);
  const next: PollRecord = { ...poll, status: 'open', roll, wakeAt: poll.closesAt, version: poll.version + 1 };
  const { _id, ...fields } = next;
  void _id;
  const opened = openedEvent(db, next, now);
  const patch = event === 'sweep' ? { ...fields, wakeAt: now, lastEvent: opened } : fields;
  if (!(await db.update('polls', poll._id, patch, { status: 'scheduled', version: poll.version }))) {
    // Another freeze won: its buckets are the roll, these would only lie about.
    for (const d of docs) await db.remove('pollRolls', d._id);
    const now2 = await db.get('polls', poll._id);
    if (!now2) throw new AppError('NOT_FOUND', '投票不存在');
    return now2;
  }
  if (event === 'now') await db.insert('events', opened);
  // As stored: a close in this same call (past its end too) settles the event it carries.
  const stored = event === 'sweep' ? { ...next, wakeAt: now, lastEvent: opened } as PollRecord & LastEventCarrier : next;
  // The very object handed back is the one marked: a copy made after marking would send the
  // caller to read back the buckets (and look for ballots) this call has just written.
  frozenNow(stored, docs);
  return stored;
}

/** The live roll a poll's eligibility and unit name, as it would be frozen now. */
export function censusOf(db: ScopedStore, poll: Pick<PollRecord, 'unit' | 'eligibility' | 'rule'>): Promise<CensusUnit[]> {
  const e = poll.eligibility;
  // Never asked for one: a meeting's roll is the entries present, written by the meeting.
  if (e.scope === 'meeting') throw new Error('a meeting vote has no live roll to freeze');
  return censusFor(db, poll.unit, { scope: e.scope, ids: e.ids }, poll.rule.headCount ?? 'perOwner');
}

/** What the poll keeps of the roll frozen under `freezeId`: where it is, its size, area and hash. */
export function rollOf(census: readonly CensusUnit[], freezeId: string, buckets: number): NonNullable<PollRecord['roll']> {
  return { freezeId, buckets, size: census.length, areaCenti: census.reduce((n, u) => n + u.areaCenti, 0), hash: rollHash(census) };
}

/** The opening's audit event, from the poll as opened (its id is fixed: a second insert is a no-op). */
export function openedEvent(db: ScopedStore, poll: PollRecord, at: number): EventRecord {
  const roll = poll.roll;
  return eventRecord(db, 'system', { key: 'opened', subject: `poll:${poll._id}`, type: 'poll.opened', from: 'scheduled', to: 'open', public: true, note: `名册${roll?.size ?? 0}个单位，校验码${(roll?.hash ?? '').slice(0, 16)}`, at });
}

/** Marks a roll as frozen by this request (its buckets as written), for unitsOfVoter to use unread. */
export function frozenNow(poll: PollRecord, docs: readonly PollRollBucketRecord[]): void {
  frozenHere.set(poll, new Map(docs.map((d) => [d._id, d])));
}

/**
 * Writes a roll's bucket set under a fresh freeze id: units by a hash of their key, each
 * voter's units by a hash of the voter. The caller points the poll at it (or removes it
 * when another freeze won).
 */
export async function writeRollBuckets(deps: Pick<Deps, 'ids'>, db: ScopedStore, pollId: string, units: readonly CensusUnit[]): Promise<{ freezeId: string; buckets: number; docs: PollRollBucketRecord[] }> {
  const buckets = Math.max(1, Math.ceil(units.length / UNITS_PER_BUCKET));
  const freezeId = deps.ids.random('f').replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  const docs: PollRollBucketRecord[] = Array.from({ length: buckets }, (_, bucket) => ({
    _id: rollBucketId(pollId, freezeId, bucket), communityId: db.communityId, pollId, freezeId, bucket, units: {}, voters: {},
  }));
  for (const u of units) {
    const unit: RollUnit = { label: u.label, areaCenti: u.areaCenti, voterIds: u.voterIds, voterNames: u.voterNames, buildingId: u.buildingId, gridId: u.gridId };
    docs[bucketOf(u.unitKey, buckets)].units[u.unitKey] = unit;
    for (const v of u.voterIds) {
      const at = docs[bucketOf(v, buckets)].voters;
      at[v] = [...(at[v] ?? []), u.unitKey];
    }
  }
  // Independent documents under fixed ids: written at once.
  await Promise.all(docs.map((d) => db.insert('pollRolls', d)));
  return { freezeId, buckets, docs };
}

/** The frozen entry of one unit, or null when the unit is not on the roll. */
export async function rollUnit(db: ScopedStore, poll: PollRecord, unitKey: string): Promise<RollUnit | null> {
  if (!poll.roll) return null;
  const bucket = await db.get('pollRolls', rollBucketId(poll._id, poll.roll.freezeId, bucketOf(unitKey, poll.roll.buckets)));
  return bucket?.units[unitKey] ?? null;
}

export interface VoterUnit {
  unitKey: string;
  unit: RollUnit;
}

/** The units a member may vote for on the frozen roll, with their entries. */
export async function unitsOfVoter(db: ScopedStore, poll: PollRecord, memberId: string): Promise<VoterUnit[]> {
  if (!poll.roll) return [];
  const roll = poll.roll;
  const fresh = frozenHere.get(poll);
  const mineId = rollBucketId(poll._id, roll.freezeId, bucketOf(memberId, roll.buckets));
  const mine = fresh ? (fresh.get(mineId) ?? null) : await db.get('pollRolls', mineId);
  const keys = mine?.voters[memberId] ?? [];
  const ids = [...new Set(keys.map((k) => rollBucketId(poll._id, roll.freezeId, bucketOf(k, roll.buckets))))];
  const buckets = fresh ?? new Map((ids.length === 1 && mine && ids[0] === mine._id ? [mine] : await db.getMany('pollRolls', ids)).map((b) => [b._id, b]));
  return keys.flatMap((k) => {
    const unit = buckets.get(rollBucketId(poll._id, roll.freezeId, bucketOf(k, roll.buckets)))?.units[k];
    return unit ? [{ unitKey: k, unit }] : [];
  });
}

/** Every unit of the frozen roll (staff screens and the tally), in label order. */
export async function wholeRoll(db: ScopedStore, poll: PollRecord): Promise<{ unitKey: string; unit: RollUnit }[]> {
  if (!poll.roll) return [];
  const roll = poll.roll;
  const docs = await db.getMany('pollRolls', Array.from({ length: roll.buckets }, (_, b) => rollBucketId(poll._id, roll.freezeId, b)));
  return docs.flatMap((d) => Object.entries(d.units).map(([unitKey, unit]) => ({ unitKey, unit }))).sort((a, b) => a.unit.label.localeCompare(b.unit.label, 'zh-CN'));
}
