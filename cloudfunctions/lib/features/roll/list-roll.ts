import { fieldError } from '../../../../miniprogram/core/errors';
import type { HouseholdRollView, OwnerUnitView } from '../../../../miniprogram/core/poll/contract';
import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Filter } from '../../ports/store';
import type { BuildingRecord } from '../community/records';
import { readableGrids } from './permissions';
import { boundResidents, householdRollView, ownerUnitView } from './presenters';
import { householdRollId } from './records';

/**
 * 户名册 and 业主名册, a page at a time, with how many households (and how much area) the
 * shown scope holds. Grid workers see the buildings of their grids and nothing else; a
 * building outside them lists as empty, not as an error that says it exists.
 */
export const listRoll: Handler<'roll.list'> = async (ctx) => {
  const { caller, input } = ctx;
  const db = ctx.db();
  const buildings = new Map((await everyPage(db, 'buildings', {}, 'name')).map((b) => [b._id, b]));
  const grids = readableGrids(caller);
  const shown = [...buildings.values()].filter((b) => (grids === null || grids.includes(b.gridId)) && (!input.buildingId || b._id === input.buildingId));
  const emptyTotals = { total: 0, totalAreaCenti: input.kind === 'owner' ? 0 : null };
  if (shown.length === 0) return { items: [], ...emptyTotals };
  const where: Filter = input.buildingId ? { buildingId: input.buildingId } : grids === null ? {} : { buildingId: { $in: shown.map((b) => b._id) } };
  return input.kind === 'owner' ? ownerPage(ctx, db, where, buildings) : householdPage(ctx, db, where, buildings);
};

type Ctx = Parameters<Handler<'roll.list'>>[0];
type Result<T> = { items: T[]; next?: string; total: number; totalAreaCenti: number | null };

async function householdPage(ctx: Ctx, db: ScopedStore, where: Filter, buildings: Map<string, BuildingRecord>): Promise<Result<HouseholdRollView>> {
  const carried = carriedTotals(ctx.input.cursor);
  // The scope's count (first page only) and the page at once.
  const [counted, page] = await Promise.all([
    carried ? Promise.resolve(null) : everyPage(db, 'households', where, 'createdAt'),
    db.query('households', { where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: ctx.input.limit, after: carried?.after }),
  ]);
  const totals = carried ?? { total: counted?.length ?? 0, area: 0 };
  const ids = page.items.map((h) => h._id);
  // The page's people and corrections at once: independent reads.
  const [members, rollList] = await Promise.all([
    ids.length ? everyPage(db, 'members', { householdId: { $in: ids } }, 'createdAt') : Promise.resolve([]),
    db.getMany('householdRolls', ids.map(householdRollId)),
  ]);
  const rolls = new Map(rollList.map((r) => [r.householdId, r]));
  const items = page.items.map((h) => householdRollView(ctx.caller, h, buildings.get(h.buildingId), boundResidents(members, h._id), rolls.get(h._id) ?? null));
  return withCursor(items, page.next, totals, null);
}

async function ownerPage(ctx: Ctx, db: ScopedStore, where: Filter, buildings: Map<string, BuildingRecord>): Promise<Result<OwnerUnitView>> {
  const carried = carriedTotals(ctx.input.cursor);
  const [counted, page] = await Promise.all([
    carried ? Promise.resolve(null) : ownerTotals(db, where),
    db.query('ownerUnits', { where, orderBy: { field: 'sortKey', dir: 'asc' }, limit: ctx.input.limit, after: carried?.after }),
  ]);
  const totals = carried ?? counted!;
  const items = page.items.map((u) => ownerUnitView(ctx.caller, u, buildings.get(u.buildingId)?.name));
  return withCursor(items, page.next, totals, totals.area);
}

async function ownerTotals(db: ScopedStore, where: Filter): Promise<{ total: number; area: number }> {
  const all = await everyPage(db, 'ownerUnits', where, 'sortKey');
  return { total: all.length, area: all.reduce((n, u) => n + u.areaCenti, 0) };
}

/**
 * The scope's totals are counted with the first page and carried in the cursor, so a later
 * page costs one read instead of a walk over the whole roll. A cursor edited by hand can
 * only change the numbers the caller is shown about their own scope: the filter is rebuilt
 * from the caller on every page.
 */
const CARRIED = /^t(\d{1,9})a(\d{1,15})_(.+)$/;

function carriedTotals(cursor: string | undefined): { total: number; area: number; after: string } | null {
  if (!cursor) return null;
  const m = CARRIED.exec(cursor);
  if (!m) throw fieldError('VALIDATION_ERROR', 'cursor', '分页参数不正确，请刷新后重试');
  return { total: Number(m[1]), area: Number(m[2]), after: m[3] };
}

function withCursor<T>(items: T[], next: string | undefined, totals: { total: number; area: number }, area: number | null): Result<T> {
  const out: Result<T> = { items, total: totals.total, totalAreaCenti: area };
  if (next) out.next = `t${totals.total}a${totals.area}_${next}`;
  return out;
}
