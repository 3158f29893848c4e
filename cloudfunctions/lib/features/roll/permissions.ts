/**
 * Who may read and correct which roll. Pure: the handlers and `allowedActions` both read
 * these, so a page offers 更正 exactly where the server accepts it.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller } from '../../kernel/caller';

/** The buildings a caller's roll lists cover: all for admins (null), their grids' for grid workers. */
export function readableGrids(caller: Caller): readonly string[] | null {
  return hasRole(caller, 'admin') ? null : caller.gridIds;
}

/** A household's roll entry (户代表, minors): the admins, and the grid workers of its building's grid. */
export function mayCorrectHousehold(caller: Caller, buildingGridId: string | null): boolean {
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, 'gridWorker') && buildingGridId !== null && caller.gridIds.includes(buildingGridId);
}

/** The owner register is the community's legal base for 业主 votes: admins only. */
export function mayCorrectOwnerUnit(caller: Caller): boolean {
  return hasRole(caller, 'admin');
}

export function householdRowActions(caller: Caller, buildingGridId: string | null): ActionName[] {
  return mayCorrectHousehold(caller, buildingGridId) ? ['roll.correct'] : [];
}

export function ownerRowActions(caller: Caller): ActionName[] {
  return mayCorrectOwnerUnit(caller) ? ['roll.correct'] : [];
}
