import type { ScopedStore } from '../../kernel/scoped-store';
import type { ConcernRecord } from './records';
import { resolveDeadline } from './lifecycle';
import { staffLine } from './notices';
import { adminsInbox, type Message } from './transition';

/**
 * 督办: a concern the resident says is not solved goes back to work under supervision,
 * with a fresh resolve deadline; the grid leader supervises this round (level 1).
 */
export function superviseAgain(c: ConcernRecord, now: number): Partial<ConcernRecord> {
  const resolveDueAt = resolveDeadline(c, now);
  return {
    status: 'supervised',
    round: c.round + 1,
    escalationLevel: 1,
    resolveDueAt,
    rateDueAt: null,
    overdue: false,
    wakeAt: resolveDueAt,
  };
}

/**
 * The grid leader who supervises this concern, or null when the grid has none — or when he
 * is the one handling it, since nobody supervises himself. Then the community supervises.
 */
export async function supervisorOf(db: ScopedStore, c: Pick<ConcernRecord, 'gridId' | 'assigneeId'>): Promise<string | null> {
  const grid = await db.get('grids', c.gridId);
  const leader = grid?.leaderId ?? null;
  return leader && leader !== c.assigneeId ? leader : null;
}

/**
 * Who hears that supervision starts: the handler and the first responder, and the step above
 * them — the grid leader, or the community admins when the grid has no leader.
 */
export function supervisionStarts(c: ConcernRecord, leader: string | null, title: string, body: string): Message[] {
  const handlers = [c.firstResponderId, c.assigneeId];
  return [
    { to: handlers, kind: 'concern.supervised', title, body },
    { to: [leader ?? adminsInbox(c.communityId)].filter((to) => !handlers.includes(to)), kind: 'concern.supervised', title: `督办：${title}`, body: staffLine(c) },
  ];
}
