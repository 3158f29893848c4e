/**
 * 走访覆盖 from the records: one grid's households (its buildings' households on the roll),
 * who was visited in a month, and when each household was last heard from — a visit, or a
 * concern from or for it. Shared by the coverage page, 今日待办 and the monthly report.
 *
 * Bounded: a grid's buildings and households (capped at HOUSEHOLDS_CAP), the month's visits,
 * and the visits and concerns of the grid within CONTACT_LOOKBACK_DAYS before the reference
 * instant (each capped at CONTACTS_CAP). A contact older than the look-back is not searched
 * for: such a household reads 「N天内无走访和诉求」, which is as overdue as one never contacted.
 */
import { CARE_CONTACT_DAYS, NO_CONTACT_DAYS, type UncontactedHousehold } from '../../../../miniprogram/core/visit/contract';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import type { BuildingRecord } from '../community/records';
import { formatAddress } from '../member/household';
import type { HouseholdRecord } from '../member/records';
import { monthSpan } from '../../kernel/months';
import { toCareView } from './presenters';
import type { HouseholdCareRecord } from './records';

export const CONTACT_LOOKBACK_DAYS = 180;
export const HOUSEHOLDS_CAP = 5_000;
export const CONTACTS_CAP = 20_000;
/** The coverage page's lists stop here; `truncated` says so. */
export const LIST_CAP = 200;

export interface GridHousehold {
  household: HouseholdRecord;
  address: string;
  care: HouseholdCareRecord | null;
  lastContactAt: number | null;
  /**
   * What silence is counted from: the last contact, or for a household put on the roll
   * within the look-back and never contacted, the day it was put there (a household added
   * last week has not gone 90 days unheard). Null: nothing within the look-back.
   */
  sinceAt: number | null;
}

/**
 * A grid's buildings, by name: picked from the community's list, which a warm instance holds
 * in its reference cache in this shape (a query by grid would miss it).
 */
export async function gridBuildings(db: ScopedStore, gridId: string): Promise<BuildingRecord[]> {
  const all = await everyPage(db, 'buildings', {}, 'name', BUILDINGS_CAP);
  return all.filter((b) => b.gridId === gridId);
}
const BUILDINGS_CAP = 5_000;

/** What a grid's contacts within the look-back before `asOf` are read by (everyPage, ascending). */
export function contactsWhere(gridId: string, asOf: number) {
  const since = asOf - CONTACT_LOOKBACK_DAYS * DAY;
  return {
    visits: { gridId, visitedAt: { $gte: since, $lte: asOf } },
    concerns: { gridId, createdAt: { $gte: since, $lte: asOf } },
  };
}

/** A past month is judged at its end; the current one as of now. */
export const monthAsOf = (month: string, now: number) => Math.min(now, monthSpan(month).end - 1);

/** Every household of a grid with its care flags and its last contact before `asOf`. */
export async function gridHouseholds(db: ScopedStore, gridId: string, asOf: number): Promise<GridHousehold[]> {
  const since = asOf - CONTACT_LOOKBACK_DAYS * DAY;
  // The grid's contacts do not depend on its buildings: read beside the roll, not after it.
  const [perBuilding, visits, concerns] = await Promise.all([
    gridBuildings(db, gridId).then((buildings) =>
      Promise.all(
        buildings.map(async (b: BuildingRecord) => {
          const [households, care] = await Promise.all([
            everyPage(db, 'households', { buildingId: b._id }, 'createdAt', HOUSEHOLDS_CAP),
            everyPage(db, 'householdCare', { buildingId: b._id, flagged: true }, '_id', HOUSEHOLDS_CAP),
          ]);
          return { b, households, care };
        }),
      ),
    ),
    everyPage(db, 'visits', contactsWhere(gridId, asOf).visits, 'visitedAt', CONTACTS_CAP),
    everyPage(db, 'concerns', contactsWhere(gridId, asOf).concerns, 'createdAt', CONTACTS_CAP),
  ]);
  const last = new Map<string, number>();
  const saw = (householdId: string | null | undefined, at: number) => {
    if (householdId && at > (last.get(householdId) ?? -Infinity)) last.set(householdId, at);
  };
  for (const v of visits) saw(v.householdId, v.visitedAt);
  for (const c of concerns) saw(c.householdId, c.createdAt);
  const out: GridHousehold[] = [];
  for (const { b, households, care } of perBuilding) {
    const careBy = new Map(care.map((c) => [c.householdId, c]));
    for (const h of households) {
      const lastContactAt = last.get(h._id) ?? null;
      const sinceAt = lastContactAt ?? (h.createdAt >= since ? h.createdAt : null);
      out.push({ household: h, address: formatAddress(b.name, h.unit, h.room), care: careBy.get(h._id) ?? null, lastContactAt, sinceAt });
    }
  }
  if (out.length > HOUSEHOLDS_CAP) throw new Error(`grid ${gridId} has more than ${HOUSEHOLDS_CAP} households`);
  return out;
}

/** Care households a grid holds at most, for 今日待办: a list one person works through. */
export const CARE_CAP = 200;

/**
 * The grid's care households only, each with its last contact read by its own indexed
 * lookups (its latest visit, its latest concern): a few reads however many households and
 * concerns the grid holds, which is what a list opened every morning must cost.
 */
export async function careHouseholds(db: ScopedStore, gridId: string, asOf: number): Promise<GridHousehold[]> {
  const buildings = await gridBuildings(db, gridId);
  const care = (await Promise.all(buildings.map((b) => db.query('householdCare', { where: { buildingId: b._id, flagged: true }, orderBy: { field: '_id', dir: 'asc' }, limit: CARE_CAP })))).flatMap((p) => p.items).slice(0, CARE_CAP);
  const households = new Map((await db.getMany('households', care.map((c) => c.householdId))).map((h) => [h._id, h]));
  const names = new Map(buildings.map((b) => [b._id, b.name]));
  const since = asOf - CONTACT_LOOKBACK_DAYS * DAY;
  return Promise.all(
    care.flatMap((c) => {
      const h = households.get(c.householdId);
      if (!h) return [];
      return [
        (async (): Promise<GridHousehold> => {
          const [visit, concern] = await Promise.all([
            db.query('visits', { where: { householdId: h._id, visitedAt: { $lte: asOf } }, orderBy: { field: 'visitedAt', dir: 'desc' }, limit: 1 }),
            db.query('concerns', { where: { householdId: h._id, createdAt: { $lte: asOf } }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 }),
          ]);
          const latest = Math.max(visit.items[0]?.visitedAt ?? -Infinity, concern.items[0]?.createdAt ?? -Infinity);
          const lastContactAt = latest >= since ? latest : null;
          const sinceAt = lastContactAt ?? (h.createdAt >= since ? h.createdAt : null);
          return { household: h, address: formatAddress(names.get(h.buildingId) ?? '', h.unit, h.room), care: c, lastContactAt, sinceAt };
        })(),
      ];
    }),
  );
}

export const isCare = (g: GridHousehold) => !!g.care && (g.care.elderly || g.care.specialCare);

/** Not heard from for `days` before `asOf` (or not within the look-back at all). */
export const silentFor = (g: GridHousehold, asOf: number, days: number) => g.sinceAt === null || g.sinceAt < asOf - days * DAY;

export function contactReason(g: GridHousehold, asOf: number): string {
  if (g.sinceAt === null) return `${CONTACT_LOOKBACK_DAYS}天内无走访和诉求`;
  const days = Math.floor((asOf - g.sinceAt) / DAY);
  if (g.lastContactAt === null) return `登记${days}天，尚未联系`;
  return days <= 0 ? '今天已联系' : `${days}天未联系`;
}

/** Longest silent first: nothing within the look-back, then the oldest contact (or roll entry). */
export function bySilence(a: GridHousehold, b: GridHousehold): number {
  return (a.sinceAt ?? -Infinity) - (b.sinceAt ?? -Infinity) || a.address.localeCompare(b.address);
}

export function toUncontacted(g: GridHousehold, asOf: number): UncontactedHousehold {
  return { householdId: g.household._id, address: g.address, lastContactAt: g.lastContactAt, reason: contactReason(g, asOf), care: toCareView(g.household._id, g.care) };
}

export interface GridMonth {
  households: GridHousehold[];
  visited: number;
  visits: number;
  asOf: number;
  noContact: GridHousehold[];
  care: GridHousehold[];
  careSilent: number;
}

/** One grid's month: the figures of the coverage page and of the report. */
export async function gridMonth(db: ScopedStore, gridId: string, month: string, now: number): Promise<GridMonth> {
  const asOf = monthAsOf(month, now);
  const [households, monthVisits] = await Promise.all([
    gridHouseholds(db, gridId, asOf),
    everyPage(db, 'visits', { gridId, month }, 'visitedAt', CONTACTS_CAP),
  ]);
  const onRoll = new Set(households.map((g) => g.household._id));
  // Only households still on the grid's roll count, so the rate never passes 100%.
  const visited = new Set(monthVisits.filter((v) => onRoll.has(v.householdId)).map((v) => v.householdId)).size;
  const noContact = households.filter((g) => silentFor(g, asOf, NO_CONTACT_DAYS)).sort(bySilence);
  const care = households.filter(isCare).sort(bySilence);
  return { households, visited, visits: monthVisits.length, asOf, noContact, care, careSilent: care.filter((g) => silentFor(g, asOf, CARE_CONTACT_DAYS)).length };
}

/** Integer percent, floor: 「12/40（30%）」; a grid without households has no rate. */
export function rate(visited: number, households: number): { percent: number | null; text: string } {
  if (households === 0) return { percent: null, text: '0/0（暂无住户）' };
  const percent = Math.floor((visited * 100) / households);
  return { percent, text: `${visited}/${households}（${percent}%）` };
}
