/**
 * A meeting's roll, frozen when the notice goes out: the census of the households, adults or
 * owner groups in its scope (roll/census.ts), or the invited members one entry each under
 * their name. Stored as poll rolls are — buckets by a hash of the unit key, voters by a hash
 * of the member — so a sign-in reads one bucket, and hashed so the minutes can print a check
 * the roll was not changed after notice.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import { ballotUnitOf } from '../../../../miniprogram/core/council/quorum';
import type { MeetingRollKind } from '../../../../miniprogram/core/council/vocabulary';
import type { HeadCount } from '../../../../miniprogram/core/poll/rules';
import type { Deps } from '../../kernel/deps';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RollUnit } from '../poll/records';
import { bucketOf, rollHash } from '../poll/roll-freeze';
import { censusFor, type CensusUnit } from '../roll/census';
import { meetingRollBucketId, type MeetingRecord, type MeetingRollBucketRecord } from './records';

const UNITS_PER_BUCKET = 200;

export interface RollSpec {
  kind: MeetingRollKind;
  scope: 'community' | 'grids' | 'buildings';
  ids: readonly string[];
  inviteeIds: readonly string[];
}

/** The grids a roll's scope lies in (none: the whole community), checked against the community. */
export async function rollGrids(db: ScopedStore, spec: RollSpec): Promise<string[]> {
  const ids = [...new Set(spec.ids)];
  if (spec.kind === 'invitees' || spec.scope === 'community') return [];
  if (spec.scope === 'grids') {
    const grids = await db.getMany('grids', ids);
    if (grids.length !== ids.length) throw fieldError('VALIDATION_ERROR', 'roll.ids', '所选网格不存在');
    return ids;
  }
  const buildings = (await everyPage(db, 'buildings', {}, 'name')).filter((b) => ids.includes(b._id));
  if (buildings.length !== ids.length) throw fieldError('VALIDATION_ERROR', 'roll.ids', '所选楼栋不存在');
  return [...new Set(buildings.map((b) => b.gridId))];
}

/** Invited members, one entry each, named; each must be a current member of the community. */
async function inviteeCensus(db: ScopedStore, ids: readonly string[]): Promise<CensusUnit[]> {
  const unique = [...new Set(ids)];
  const members = (await db.getMany('members', unique)).filter((m) => !m.deletedAt);
  if (members.length !== unique.length) throw fieldError('VALIDATION_ERROR', 'roll.inviteeIds', '所选参会人员不在本社区');
  const gridOf = new Map((await everyPage(db, 'buildings', {}, 'name')).map((b) => [b._id, b.gridId]));
  return members.map((m) => {
    const name = m.name ?? '参会人员';
    const buildingId = m.household?.buildingId ?? null;
    return { unitKey: m._id, label: name, areaCenti: 0, voterIds: [m._id], voterNames: { [m._id]: name }, buildingId, gridId: buildingId ? gridOf.get(buildingId) ?? null : null };
  });
}

export interface FrozenMeetingRoll {
  roll: MeetingRecord['roll'];
  /** The bucket documents written; removed again if this freeze loses the race to create the meeting. */
  bucketIds: string[];
  /** The entries a member stands for, from the buckets just written (as `rollEntriesOf` reads them). */
  entriesOf(memberId: string): { unitKey: string; unit: RollUnit }[];
}

/**
 * Reads the census now and writes it as a fresh bucket set. The caller's insert of the
 * meeting decides which freeze counts; a losing one removes its buckets (`discardRoll`).
 */
/** The census a roll is frozen from, read now (a create reads it beside its other readings). */
export function readCensus(db: ScopedStore, spec: RollSpec, headCount: HeadCount): Promise<CensusUnit[]> {
  return spec.kind === 'invitees'
    ? inviteeCensus(db, spec.inviteeIds)
    : censusFor(db, ballotUnitOf(spec.kind), { scope: spec.scope, ids: spec.scope === 'community' ? [] : spec.ids }, headCount);
}

export async function freezeMeetingRoll(deps: Pick<Deps, 'ids'>, db: ScopedStore, meetingId: string, spec: RollSpec, headCount: HeadCount, read?: CensusUnit[]): Promise<FrozenMeetingRoll> {
  const census = read ?? (await readCensus(db, spec, headCount));
  const buckets = Math.max(1, Math.ceil(census.length / UNITS_PER_BUCKET));
  const freezeId = deps.ids.random('f').replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  const docs: MeetingRollBucketRecord[] = Array.from({ length: buckets }, (_, bucket) => ({
    _id: meetingRollBucketId(meetingId, freezeId, bucket), communityId: db.communityId, meetingId, freezeId, bucket, units: {}, voters: {},
  }));
  for (const u of census) {
    const unit: RollUnit = { label: u.label, areaCenti: u.areaCenti, voterIds: u.voterIds, voterNames: u.voterNames, buildingId: u.buildingId, gridId: u.gridId };
    docs[bucketOf(u.unitKey, buckets)].units[u.unitKey] = unit;
    for (const v of u.voterIds) {
      const at = docs[bucketOf(v, buckets)].voters;
      at[v] = [...(at[v] ?? []), u.unitKey];
    }
  }
  // Independent documents under fixed ids: written at once.
  await Promise.all(docs.map((d) => db.insert('meetingRolls', d)));
  return {
    roll: {
      kind: spec.kind, scope: spec.kind === 'invitees' ? 'community' : spec.scope, ids: spec.kind === 'invitees' || spec.scope === 'community' ? [] : [...new Set(spec.ids)],
      freezeId, buckets, size: census.length, areaCenti: census.reduce((n, u) => n + u.areaCenti, 0), hash: rollHash(census),
    },
    bucketIds: docs.map((d) => d._id),
    entriesOf: (memberId) => (docs[bucketOf(memberId, buckets)].voters[memberId] ?? []).flatMap((k) => {
      const unit = docs[bucketOf(k, buckets)].units[k];
      return unit ? [{ unitKey: k, unit }] : [];
    }),
  };
}

export async function discardRoll(db: ScopedStore, frozen: FrozenMeetingRoll): Promise<void> {
  for (const id of frozen.bucketIds) await db.remove('meetingRolls', id);
}

const bucketIdOf = (m: MeetingRecord, key: string) => meetingRollBucketId(m._id, m.roll.freezeId, bucketOf(key, m.roll.buckets));

/**
 * A meeting's first roll bucket in id order, asked without its freeze id: on a roll of one
 * bucket (up to 200 entries, nearly every meeting) the bucket itself, so a use case can read
 * it with the caller's record before the meeting is known (prefetch.ts asks the same).
 */
export const firstBucketQuery = (meetingId: string) => ({ where: { meetingId }, orderBy: { field: '_id', dir: 'asc' as const }, limit: 1 });

/**
 * The bucket with the member's entries. `viaFirst`: a one-bucket roll is looked for by
 * firstBucketQuery (answered by the prefetch); only the bucket of the roll's own freeze id
 * counts, so a freeze that lost the create race and left its buckets behind sends the read
 * to the id as before.
 */
async function bucketOfMember(db: ScopedStore, m: MeetingRecord, memberId: string, viaFirst: boolean): Promise<MeetingRollBucketRecord | null> {
  const id = bucketIdOf(m, memberId);
  if (viaFirst && m.roll.buckets === 1) {
    const found = (await db.query('meetingRolls', firstBucketQuery(m._id))).items.find((b) => b._id === id);
    if (found) return found;
  }
  return db.get('meetingRolls', id);
}

/**
 * The entries a member stands for on the frozen roll (their household, themselves, their
 * owner group). `viaFirst`: the caller's action prefetched firstBucketQuery.
 */
export async function rollEntriesOf(db: ScopedStore, m: MeetingRecord, memberId: string, options: { viaFirst?: boolean } = {}): Promise<{ unitKey: string; unit: RollUnit }[]> {
  const mine = await bucketOfMember(db, m, memberId, options.viaFirst ?? false);
  const keys = mine?.voters[memberId] ?? [];
  if (keys.length === 0) return [];
  const ids = [...new Set(keys.map((k) => bucketIdOf(m, k)))];
  const buckets = new Map((ids.length === 1 && mine && ids[0] === mine._id ? [mine] : await db.getMany('meetingRolls', ids)).map((b) => [b._id, b]));
  return keys.flatMap((k) => {
    const unit = buckets.get(bucketIdOf(m, k))?.units[k];
    return unit ? [{ unitKey: k, unit }] : [];
  });
}

/**
 * One entry of the roll and the entries a member stands for, with one read when they lie in
 * the same bucket (always, for a roll of up to 200 entries): the buckets both need at once,
 * then any of the member's other entries' buckets.
 */
export async function rollEntryAndEntriesOf(db: ScopedStore, m: MeetingRecord, unitKey: string, memberId: string, options: { viaFirst?: boolean } = {}): Promise<{ entry: RollUnit | null; entries: { unitKey: string; unit: RollUnit }[] }> {
  const first = [...new Set([bucketIdOf(m, unitKey), bucketIdOf(m, memberId)])];
  const buckets = new Map((first.length === 1 ? [await bucketOfMember(db, m, memberId, options.viaFirst ?? false)].filter((b): b is MeetingRollBucketRecord => b !== null) : await db.getMany('meetingRolls', first)).map((b) => [b._id, b]));
  const keys = buckets.get(bucketIdOf(m, memberId))?.voters[memberId] ?? [];
  const missing = [...new Set(keys.map((k) => bucketIdOf(m, k)))].filter((id) => !buckets.has(id));
  if (missing.length) for (const b of await db.getMany('meetingRolls', missing)) buckets.set(b._id, b);
  return {
    entry: buckets.get(bucketIdOf(m, unitKey))?.units[unitKey] ?? null,
    entries: keys.flatMap((k) => {
      const unit = buckets.get(bucketIdOf(m, k))?.units[k];
      return unit ? [{ unitKey: k, unit }] : [];
    }),
  };
}

/**
 * The key the caller's entry most likely has, from the caller alone: their household's id on
 * a household roll, their member id on one of persons or invitees (an owner group's key is
 * not known before the roll is read). Only a guess, to read what that entry names beside the
 * roll itself: a use case checks it against the entry the roll gives and reads again if not.
 */
export function likelyUnitKey(m: Pick<MeetingRecord, 'roll'>, caller: { memberId: string | null; householdId: string | null }): string | null {
  if (m.roll.kind === 'household') return caller.householdId;
  if (m.roll.kind === 'person' || m.roll.kind === 'invitees') return caller.memberId;
  return null;
}

/** One entry of the frozen roll, or null when the key is not on it. */
export async function rollEntry(db: ScopedStore, m: MeetingRecord, unitKey: string): Promise<RollUnit | null> {
  const bucket = await db.get('meetingRolls', bucketIdOf(m, unitKey));
  return bucket?.units[unitKey] ?? null;
}

/** Every entry of the frozen roll (staff screens, the minutes), in label order. */
export async function wholeMeetingRoll(db: ScopedStore, m: MeetingRecord): Promise<{ unitKey: string; unit: RollUnit }[]> {
  const docs = await db.getMany('meetingRolls', Array.from({ length: m.roll.buckets }, (_, b) => meetingRollBucketId(m._id, m.roll.freezeId, b)));
  return docs.flatMap((d) => Object.entries(d.units).map(([unitKey, unit]) => ({ unitKey, unit }))).sort((a, b) => a.unit.label.localeCompare(b.unit.label, 'zh-CN'));
}

/** One bucket of the frozen roll, for the sweep's fan-out a bucket at a time. */
export async function rollBucket(db: ScopedStore, m: MeetingRecord, bucket: number): Promise<MeetingRollBucketRecord | null> {
  return db.get('meetingRolls', meetingRollBucketId(m._id, m.roll.freezeId, bucket));
}
