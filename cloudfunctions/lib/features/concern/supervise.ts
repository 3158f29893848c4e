import type { ConcernRecord } from './records';
import { resolveDeadline } from './lifecycle';

/**
 * 督办: a concern the resident says is not solved goes back to work under supervision,
 * with a fresh resolve deadline and the chain above the handler told at once.
 */
export function superviseAgain(c: ConcernRecord, now: number): Partial<ConcernRecord> {
  const resolveDueAt = resolveDeadline(c, now);
  return {
    status: 'supervised',
    round: c.round + 1,
    escalationLevel: Math.max(1, c.escalationLevel),
    resolveDueAt,
    rateDueAt: null,
    overdue: false,
    wakeAt: resolveDueAt,
  };
}
