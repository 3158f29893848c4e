import type { GridRecord } from '../community/records';
import type { RouteStep } from './records';

export interface Route {
  assigneeId: string | null;
  via: RouteStep;
}

/**
 * Building → grid → worker A, falling back to worker B, then to the community admins'
 * shared queue. Pure: `away` lists members currently marked away.
 */
export function routeConcern(grid: Pick<GridRecord, 'workerA' | 'workerB'> | null, away: ReadonlySet<string> = new Set()): Route {
  if (grid?.workerA && !away.has(grid.workerA)) return { assigneeId: grid.workerA, via: 'workerA' };
  if (grid?.workerB && !away.has(grid.workerB)) return { assigneeId: grid.workerB, via: 'workerB' };
  return { assigneeId: null, via: 'community' };
}
