import type { GridRecord } from '../community/records';
import type { MemberRecord } from '../../kernel/members';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RouteStep } from './records';

export interface Route {
  assigneeId: string | null;
  via: RouteStep;
}

/** The dispatch chain of a grid, in order; the community admins' pool comes last. */
const CHAIN: readonly Exclude<RouteStep, 'transfer'>[] = ['workerA', 'workerB', 'leader', 'community'];

function holder(grid: Pick<GridRecord, 'workerA' | 'workerB' | 'leaderId'> | null, step: RouteStep): string | null {
  if (!grid) return null;
  if (step === 'workerA') return grid.workerA;
  if (step === 'workerB') return grid.workerB;
  if (step === 'leader') return grid.leaderId ?? null;
  return null;
}

export function isAway(member: Pick<MemberRecord, 'away'> | undefined, now: number): boolean {
  const away = member?.away;
  return !!away && (away.until === null || now < away.until);
}

/**
 * Building → grid → worker A, then B, then the grid leader, then the community admins'
 * shared queue; people marked away are skipped. `after` starts the search past a step
 * (the one that missed its deadline). Pure: `away` lists who is away now.
 */
export function routeConcern(
  grid: Pick<GridRecord, 'workerA' | 'workerB' | 'leaderId'> | null,
  away: ReadonlySet<string> = new Set(),
  after?: RouteStep,
): Route {
  const start = after === undefined ? 0 : after === 'transfer' ? 1 : CHAIN.indexOf(after) + 1;
  for (const step of CHAIN.slice(Math.max(0, start))) {
    if (step === 'community') return { assigneeId: null, via: 'community' };
    const id = holder(grid, step);
    if (id && !away.has(id)) return { assigneeId: id, via: step };
  }
  return { assigneeId: null, via: 'community' };
}

/** The people a grid's chain names, to look up who is away in one read. */
export function chainMembers(grid: Pick<GridRecord, 'workerA' | 'workerB' | 'leaderId'> | null): string[] {
  return grid ? [grid.workerA, grid.workerB, grid.leaderId ?? null].filter((x): x is string => !!x) : [];
}

/**
 * The one place routing reads the store: the grid's chain in one read, who of them is away
 * now, and the next person after `after`. `skip` names people to pass over besides the away
 * (the one who missed a deadline, the one going away). `people` are the chain's records, so
 * callers need no second read for names.
 */
export async function routeFor(
  db: ScopedStore,
  grid: GridRecord | null,
  now: number,
  options: { skip?: readonly (string | null)[]; after?: RouteStep } = {},
): Promise<Route & { people: MemberRecord[] }> {
  const people = await db.getMany('members', chainMembers(grid));
  const away = new Set(people.filter((m) => isAway(m, now)).map((m) => m._id));
  for (const id of options.skip ?? []) if (id) away.add(id);
  return { ...routeConcern(grid, away, options.after), people };
}
