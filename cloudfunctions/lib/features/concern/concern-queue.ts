import type { ConcernStatus } from '../../../../miniprogram/core/concern/contract';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import type { Filter } from '../../ports/store';
import { toSummary } from './presenters';
import type { ConcernRecord } from './records';

/** Statuses in which the resolve clock runs; a dispatched item still waits to be signed. */
const HANDLING: ReadonlySet<ConcernStatus> = new Set(['accepted', 'supervised']);

export function isOverdue(c: ConcernRecord, now: number): boolean {
  if (c.status === 'dispatched') return now > c.contactDueAt;
  return HANDLING.has(c.status) && now > c.resolveDueAt;
}

/** A grid worker's queue is what is assigned to them; admins see the whole community. */
export async function concernQueue(ctx: HandlerContext<{ status?: ConcernStatus; cursor?: string; limit: number }>) {
  const { caller, input, now } = ctx;
  const where: Filter = {};
  if (!hasRole(caller, 'admin')) where.assigneeId = caller.memberId;
  if (input.status) where.status = input.status;
  const page = await ctx.db().query<ConcernRecord>('concerns', {
    where,
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: input.limit,
    after: input.cursor,
  });
  return {
    items: page.items.map((c) => ({ ...toSummary(c), overdue: isOverdue(c, now), gridId: c.gridId })),
    next: page.next,
  };
}
