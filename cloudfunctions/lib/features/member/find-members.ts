import type { FoundEntry, FoundPerson } from '../../../../miniprogram/core/member/contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { hasRole, type IdentifiedCaller } from '../../kernel/caller';
import type { MemberRecord } from '../../kernel/members';
import type { ScopedStore } from '../../kernel/scoped-store';
import { fromAnchor, type Filter, type QuerySpec, type ReadPart } from '../../ports/store';
import type { BuildingRecord } from '../community/records';
import { formatAddress, householdIdFor, normalizeAddressPart } from './household';
import type { HouseholdRecord } from './records';

/**
 * A search by partial address or by name is one query known from the input alone: it goes in
 * the round-trip of the caller's record. A full address names its household by an id that
 * derives from the community, known only once the record is read (byAddress reads it and its
 * residents together instead).
 */
export const prefetchFind: PrefetchOf<'member.find'> = (input) => {
  const page = { limit: input.limit, after: input.cursor };
  if (input.buildingId) {
    if (input.unit !== undefined && input.room !== undefined) return undefined;
    return { found: inCallersCommunity('households', householdsSpec(input.buildingId, input.unit, page)) };
  }
  return input.name === undefined ? undefined : { found: inCallersCommunity('members', byNameSpec(input.name, page)) };
};

/** A query as the handler's scoped store will ask it, the caller's community put in from their record. */
function inCallersCommunity(collection: string, { where, ...spec }: QuerySpec): ReadPart {
  return { collection, where: { communityId: fromAnchor('communityId'), ...where }, ...spec };
}

/**
 * 代办's finder: staff on the phone find the caller's household by 楼栋 → 单元 → 房号 or
 * the caller by name, and see what a person recognises (address, the names of who lives
 * there, whether anyone there uses the app) — never a phone. Grid workers search only the
 * buildings of their grids; outside them there is nothing, not an error that says "exists".
 */
export const findMembers: Handler<'member.find'> = async (ctx) => {
  const { caller, input } = ctx;
  const db = ctx.db();
  const page = { limit: input.limit, after: input.cursor };
  if (input.buildingId) {
    const building = await db.get('buildings', input.buildingId);
    if (!building || !mayServe(caller, building)) return { items: [] };
    return byAddress(db, building, input.unit, input.room, page);
  }
  return byName(db, caller, input.name as string, input.roles, page);
};

function mayServe(caller: IdentifiedCaller, building: BuildingRecord): boolean {
  return hasRole(caller, 'admin') || caller.gridIds.includes(building.gridId);
}

interface PageSpec {
  limit: number;
  after?: string;
}

async function byAddress(db: ScopedStore, building: BuildingRecord, unit: string | undefined, room: string | undefined, page: PageSpec) {
  let households: HouseholdRecord[];
  let residents: MemberRecord[];
  let next: string | undefined;
  if (unit !== undefined && room !== undefined) {
    // A full address names one household: its id derives from it, so the household and its
    // residents are read together.
    const id = householdIdFor(db.communityId, building._id, unit, room);
    const [h, people] = await Promise.all([db.get('households', id), residentsOf(db, [id])]);
    households = h ? [h] : [];
    residents = people;
  } else {
    const found = await db.query('households', householdsSpec(building._id, unit, page));
    households = found.items;
    next = found.next;
    residents = await residentsOf(db, households.map((h) => h._id));
  }
  const items = households.map((h): FoundEntry => {
    const people = residents.filter((m) => m.householdId === h._id).map(toPerson);
    return {
      key: h._id,
      household: {
        id: h._id,
        buildingId: building._id,
        buildingName: building.name,
        unit: normalizeAddressPart(h.unit),
        room: normalizeAddressPart(h.room),
        address: formatAddress(building.name, h.unit, h.room),
      },
      people,
      onApp: people.length > 0,
    };
  });
  return next ? { items, next } : { items };
}

/** The residents bound to these households, in one indexed read. */
async function residentsOf(db: ScopedStore, householdIds: string[]): Promise<MemberRecord[]> {
  if (householdIds.length === 0) return [];
  const found = await db.query('members', { where: { householdId: { $in: householdIds } }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100 });
  return found.items.filter((m) => m.roles.includes('resident') && !m.deletedAt);
}

/** The households of a building (or of one unit of it), in address order. */
function householdsSpec(buildingId: string, unit: string | undefined, page: PageSpec): QuerySpec {
  const where: Filter = unit !== undefined ? { buildingId, unitKey: normalizeAddressPart(unit) } : { buildingId };
  return { where, orderBy: { field: unit !== undefined ? 'roomKey' : 'unitKey', dir: 'asc' }, ...page };
}

/** A prefix is a range on the sorted name: 刘 finds 刘阿姨 through the index. */
function byNameSpec(name: string, page: PageSpec): QuerySpec {
  return { where: { name: { $gte: name, $lt: `${name}\uffff` } }, orderBy: { field: 'name', dir: 'asc' }, ...page };
}

async function byName(db: ScopedStore, caller: IdentifiedCaller, name: string, roles: readonly string[] | undefined, page: PageSpec) {
  const admin = hasRole(caller, 'admin');
  // A grid worker finds residents of their grids' buildings only.
  const allowed = admin ? null : await gridBuildings(db, caller.gridIds);
  if (allowed && allowed.size === 0) return { items: [] };
  const found = await db.query('members', byNameSpec(name, page));
  const items = found.items
    .filter((m) => !m.deletedAt && m.roles.length > 0)
    .filter((m) => !roles || m.roles.some((r) => roles.includes(r)))
    .filter((m) => !allowed || (m.roles.includes('resident') && !!m.household && allowed.has(m.household.buildingId)))
    .map((m): FoundEntry => {
      const h = m.household;
      const entry: FoundEntry = { key: m._id, people: [toPerson(m)], onApp: true };
      if (h && m.householdId && m.roles.includes('resident')) {
        const unit = normalizeAddressPart(h.unit);
        const room = normalizeAddressPart(h.room);
        entry.household = { id: m.householdId, buildingId: h.buildingId, buildingName: h.buildingName, unit, room, address: formatAddress(h.buildingName, h.unit, h.room) };
      }
      return entry;
    });
  return found.next ? { items, next: found.next } : { items };
}

async function gridBuildings(db: ScopedStore, gridIds: readonly string[]): Promise<Set<string>> {
  if (gridIds.length === 0) return new Set();
  const found = await db.query('buildings', { where: { gridId: { $in: [...gridIds] } }, orderBy: { field: 'name', dir: 'asc' }, limit: 100 });
  return new Set(found.items.map((b) => b._id));
}

function toPerson(m: MemberRecord): FoundPerson {
  const p: FoundPerson = { memberId: m._id, roles: m.roles };
  if (m.name) p.name = m.name;
  return p;
}
