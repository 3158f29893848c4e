/**
 * The rolls a poll freezes when it opens, read from what staff verified: 户 from the
 * bindings (with the 户代表 and minors staff set), adults one by one, and owner groups from
 * the owner register. Owners are grouped as 法释〔2009〕7号 Arts. 8–9 count them — a buyer of
 * several units once, all unsold units together once — but only where the register says two
 * units have one owner (the same linked member): a shared name alone is not
 * taken as one person, so heads are never merged by a guess.
 */
import type { BallotUnit, HeadCount } from '../../../../miniprogram/core/poll/rules';
import type { ScopedStore } from '../../kernel/scoped-store';
import { everyPage } from '../../kernel/every-page';
import { formatAddress } from '../member/household';
import type { OwnerUnitRecord } from './records';

export interface Eligibility {
  scope: 'community' | 'grids' | 'buildings' | 'households';
  ids: readonly string[];
}

export interface CensusUnit {
  unitKey: string;
  label: string;
  areaCenti: number;
  voterIds: string[];
  voterNames: Record<string, string>;
  buildingId: string | null;
  /** The grid of that building: its grid workers collect paper ballots there. */
  gridId: string | null;
}

interface Where {
  buildings: Map<string, { name: string; gridId: string }>;
  inScope(buildingId: string, householdId: string | null): boolean;
}

function whereOf(list: readonly { _id: string; name: string; gridId: string }[], e: Eligibility): Where {
  const buildings = new Map(list.map((b) => [b._id, { name: b.name, gridId: b.gridId }]));
  const ids = new Set(e.ids);
  return {
    buildings,
    inScope(buildingId, householdId) {
      if (e.scope === 'community') return buildings.has(buildingId);
      if (e.scope === 'buildings') return ids.has(buildingId);
      if (e.scope === 'grids') return ids.has(buildings.get(buildingId)?.gridId ?? '');
      return householdId !== null && ids.has(householdId);
    },
  };
}

/** Residents bound to a household, by household; the household roll's corrections applied. */
async function householdsWithPeople(db: ScopedStore, e: Eligibility) {
  // Four independent reads at once: one wait, not four.
  const [buildingList, allHouseholds, members, rolls] = await Promise.all([
    everyPage(db, 'buildings', {}, 'name'), everyPage(db, 'households', {}, 'createdAt'), everyPage(db, 'members', {}, 'createdAt'), everyPage(db, 'householdRolls', {}, 'updatedAt'),
  ]);
  const where = whereOf(buildingList, e);
  const households = allHouseholds.filter((h) => where.inScope(h.buildingId, h._id));
  const people = new Map<string, { memberId: string; name: string }[]>();
  for (const m of members) {
    if (!m.householdId || m.deletedAt || !m.roles.includes('resident')) continue;
    const list = people.get(m.householdId) ?? [];
    list.push({ memberId: m._id, name: m.name ?? '居民' });
    people.set(m.householdId, list);
  }
  const corrections = new Map(rolls.map((r) => [r.householdId, r]));
  const rows = households.map((h) => {
    const fix = corrections.get(h._id);
    const minors = new Set(fix?.minorIds ?? []);
    const members = people.get(h._id) ?? [];
    return {
      household: h,
      address: formatAddress(where.buildings.get(h.buildingId)?.name ?? '', h.unit, h.room),
      adults: members.filter((p) => !minors.has(p.memberId)),
      representativeId: fix?.representativeId ?? null,
    };
  });
  return { where, rows };
}

export async function householdCensus(db: ScopedStore, e: Eligibility): Promise<CensusUnit[]> {
  const { where, rows } = await householdsWithPeople(db, e);
  // A household nobody has bound yet still belongs on the roll: it is part of the base.
  return rows.map(({ household, address, adults }) => ({
    unitKey: household._id,
    label: address,
    areaCenti: 0,
    voterIds: adults.map((a) => a.memberId),
    voterNames: Object.fromEntries(adults.map((a) => [a.memberId, a.name])),
    buildingId: household.buildingId,
    gridId: where.buildings.get(household.buildingId)?.gridId ?? null,
  }));
}

/**
 * How many households and how many adults a scope holds, from one read of the roll: the
 * lengths householdCensus and adultCensus would return, for a caller that needs both counts
 * before it knows which one it will use.
 */
export async function censusSizes(db: ScopedStore, e: Eligibility): Promise<{ household: number; person: number }> {
  const { rows } = await householdsWithPeople(db, e);
  return { household: rows.length, person: rows.reduce((n, r) => n + r.adults.length, 0) };
}

export async function adultCensus(db: ScopedStore, e: Eligibility): Promise<CensusUnit[]> {
  const { where, rows } = await householdsWithPeople(db, e);
  return rows.flatMap(({ household, address, adults }) =>
    adults.map((a) => ({ unitKey: a.memberId, label: `${a.name}（${address}）`, areaCenti: 0, voterIds: [a.memberId], voterNames: { [a.memberId]: a.name }, buildingId: household.buildingId, gridId: where.buildings.get(household.buildingId)?.gridId ?? null })),
  );
}

/** Owner groups: one per unit, or (perOwner) units joined where the register shows one owner. */
export async function ownerCensus(db: ScopedStore, e: Eligibility, headCount: HeadCount): Promise<CensusUnit[]> {
  const [buildingList, register] = await Promise.all([everyPage(db, 'buildings', {}, 'name'), everyPage(db, 'ownerUnits', {}, 'createdAt')]);
  const where = whereOf(buildingList, e);
  const units = register.filter((u) => where.inScope(u.buildingId, u.householdId)).sort((a, b) => (a._id < b._id ? -1 : 1));
  const parent = new Map<string, string>(units.map((u) => [u._id, u._id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const join = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  if (headCount === 'perOwner') {
    const byOwner = new Map<string, string>();
    const unsold = units.filter((u) => u.unsold);
    for (const u of unsold.slice(1)) join(unsold[0]._id, u._id);
    for (const u of units) {
      if (u.unsold) continue;
      for (const o of u.owners) {
        if (!o.memberId) continue;
        const first = byOwner.get(o.memberId);
        if (first) join(first, u._id);
        else byOwner.set(o.memberId, u._id);
      }
    }
  }
  const groups = new Map<string, OwnerUnitRecord[]>();
  for (const u of units) groups.set(find(u._id), [...(groups.get(find(u._id)) ?? []), u]);
  return [...groups.entries()].map(([root, members]) => {
    const voters = new Map<string, string>();
    for (const u of members) for (const o of u.unsold ? [] : u.owners) if (o.memberId) voters.set(o.memberId, o.name);
    const first = members[0];
    const address = formatAddress(where.buildings.get(first.buildingId)?.name ?? first.buildingName, first.unit, first.room);
    const label = members.every((u) => u.unsold) ? `未售出房屋（${members.length}套，计为一位业主）` : members.length > 1 ? `${address}等${members.length}套` : address;
    return {
      unitKey: root,
      label,
      areaCenti: members.reduce((n, u) => n + u.areaCenti, 0),
      voterIds: [...voters.keys()],
      voterNames: Object.fromEntries(voters),
      buildingId: first.buildingId,
      gridId: where.buildings.get(first.buildingId)?.gridId ?? null,
    };
  });
}

export function censusFor(db: ScopedStore, unit: BallotUnit, e: Eligibility, headCount: HeadCount): Promise<CensusUnit[]> {
  if (unit === 'household') return householdCensus(db, e);
  if (unit === 'person') return adultCensus(db, e);
  return ownerCensus(db, e, headCount);
}
