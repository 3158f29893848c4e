/**
 * Whose buildings a staff member reads insights for: a grid worker (or grid leader) the grids
 * they work or lead, an admin the whole community. Every list and count here goes through it.
 */
import type { IdentifiedCaller } from '../../kernel/caller';
import { hasRole } from '../../kernel/caller';

export interface InsightScope {
  /** null = the whole community. */
  gridIds: string[] | null;
}

export function scopeOf(caller: IdentifiedCaller): InsightScope {
  if (hasRole(caller, 'admin')) return { gridIds: null };
  return { gridIds: [...new Set([...caller.gridIds, ...caller.ledGridIds])] };
}

export const inScope = (scope: InsightScope, gridId: string) => scope.gridIds === null || scope.gridIds.includes(gridId);
