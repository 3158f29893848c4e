/**
 * Who may see and log which households: a grid worker those of the buildings of their
 * grids, an admin every household of the community. Anything else reads as missing, so a
 * household of another grid cannot be told apart from one that does not exist.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { hasRole, type IdentifiedCaller } from '../../kernel/caller';
import type { BuildingRecord, GridRecord } from '../community/records';
import type { HouseholdRecord } from '../member/records';

type Ctx = HandlerContext<unknown, IdentifiedCaller>;

export function mayServeGrid(caller: IdentifiedCaller, gridId: string): boolean {
  return hasRole(caller, 'admin') || caller.gridIds.includes(gridId);
}

export async function householdInScope(ctx: Ctx, householdId: string): Promise<{ household: HouseholdRecord; building: BuildingRecord }> {
  const db = ctx.db();
  const household = await db.get('households', householdId);
  const building = household ? await db.get('buildings', household.buildingId) : null;
  if (!household || !building || !mayServeGrid(ctx.caller, building.gridId)) throw fieldError('NOT_FOUND', 'householdId', '住户不存在');
  return { household, building };
}

export async function gridInScope(ctx: Ctx, gridId: string): Promise<GridRecord> {
  const grid = await ctx.db().get('grids', gridId);
  if (!grid || !mayServeGrid(ctx.caller, gridId)) throw fieldError('NOT_FOUND', 'gridId', '网格不存在');
  return grid;
}
