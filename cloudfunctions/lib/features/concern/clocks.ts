/**
 * The speak-up desk's clocks. Every open concern carries `wakeAt`, the next moment it needs
 * attention; this job looks at those due and, by status: passes unsigned ones down the
 * dispatch chain, escalates overdue ones up it, reminds residents and chases departments,
 * and archives resolved ones nobody rated. Each move is a compare-and-set on the concern's
 * version, so a second or overlapping sweep finds nothing left to do.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { CHASE_INTERVAL, contactDeadline } from './lifecycle';
import type { ConcernRecord } from './records';
import { routeFor } from './routing';
import { adminsInbox, commit, notifyAll, type Message, type Step } from './transition';
import { staffLine, concernWords } from './notices';
import { planWhistleClock } from './whistle-clock';

export type ClockOutcome = 'rerouted' | 'escalated' | 'reminded' | 'chased' | 'lapsed' | 'autoClosed' | 'cleared';

interface Plan {
  patch: Partial<ConcernRecord>;
  step: Step;
  messages: Message[];
  outcome: ClockOutcome;
}

async function planFor(db: ScopedStore, c: ConcernRecord, now: number): Promise<Plan> {
  const chase = now + CHASE_INTERVAL;
  switch (c.status) {
    case 'dispatched': {
      const grid = await db.get('grids', c.gridId);
      const route = await routeFor(db, grid, now, { skip: [c.assigneeId], after: c.routedVia });
      if (c.routedVia === 'community' || (route.via === 'community' && c.assigneeId === null)) {
        return {
          patch: { overdue: true, escalationLevel: 2, wakeAt: chase },
          step: { type: 'concern.escalated', public: false, note: '社区统一受理后仍未签收' },
          messages: [{ to: [adminsInbox(c.communityId)], kind: 'concern.unsigned', title: `诉求 ${c.number} 超时未签收`, body: staffLine(c) }],
          outcome: 'escalated',
        };
      }
      // The next person gets a full contact window of their own; the resident's promised
      // contact time (contactDueAt) stays, so the late response still counts as late.
      return {
        patch: { assigneeId: route.assigneeId, routedVia: route.via, overdue: true, wakeAt: contactDeadline(c, now) },
        step: { type: 'concern.rerouted', public: true, note: route.assigneeId ? '超时未签收，已转交下一位负责人' : '超时未签收，已转社区统一受理' },
        messages: [
          { to: [route.assigneeId ?? adminsInbox(c.communityId)], kind: 'concern.dispatched', title: `超时转交的诉求待签收：${c.categoryName}`, body: staffLine(c) },
          { to: [c.assigneeId], kind: 'concern.rerouted', title: `诉求 ${c.number} 超时未签收，已转交`, body: '请留意签收时限。' },
        ],
        outcome: 'rerouted',
      };
    }
    case 'accepted':
    case 'supervised': {
      const level = Math.min(2, c.escalationLevel + 1);
      const grid = level === 1 ? await db.get('grids', c.gridId) : null;
      const up = level === 1 ? grid?.leaderId ?? grid?.workerB ?? adminsInbox(c.communityId) : adminsInbox(c.communityId);
      return {
        patch: { overdue: true, escalationLevel: level, wakeAt: chase },
        step: { type: 'concern.escalated', public: true, note: level === 1 ? '已超过办结时限，已提请网格长督办' : '已超过办结时限，已提请社区督办' },
        messages: [
          { to: [c.assigneeId, c.firstResponderId], kind: 'concern.overdue', title: `诉求 ${c.number} 已超期，请尽快办结`, body: `${c.categoryName}：${concernWords(c)}` },
          { to: [up], kind: 'concern.escalated', title: `督办：诉求 ${c.number} 已超期`, body: staffLine(c) },
        ],
        outcome: 'escalated',
      };
    }
    case 'waitingResident':
      return {
        patch: { wakeAt: null },
        step: { type: 'concern.reminded', public: true, note: '已提醒居民补充情况' },
        messages: [{ to: [c.authorId], kind: 'concern.infoRequested', title: '请补充诉求情况', body: `诉求 ${c.number} 正在等您补充情况，补充后立即继续办理。` }],
        outcome: 'reminded',
      };
    case 'coordinating':
      return planWhistleClock(db, c, now);
    case 'resolved':
      return {
        patch: { status: 'closed', closedAt: now, closedReason: 'autoClosed', rateDueAt: null, wakeAt: null },
        step: { type: 'concern.autoClosed', public: true },
        messages: [],
        outcome: 'autoClosed',
      };
    default:
      return { patch: { wakeAt: null }, step: { type: 'concern.cleared', public: false }, messages: [], outcome: 'cleared' };
  }
}

export async function runConcernClocks(deps: Deps, now: number, budget: { pages: number }) {
  const counts: Record<ClockOutcome | 'conflicts', number> = { rerouted: 0, escalated: 0, reminded: 0, chased: 0, lapsed: 0, autoClosed: 0, cleared: 0, conflicts: 0 };
  for (let page = 0; page < budget.pages; page += 1) {
    // Always the earliest due first; handled ones move their wakeAt, so no cursor is needed.
    const due = await deps.store.query('concerns', {
      where: { wakeAt: { $lte: now } },
      orderBy: { field: 'wakeAt', dir: 'asc' },
      limit: 50,
    });
    let progressed = 0;
    for (const c of due.items) {
      const db = new ScopedStore(deps.store, c.communityId);
      const plan = await planFor(db, c, now);
      try {
        const { next, event } = await commit(db, 'system', c, plan.patch, plan.step, now);
        for (const m of plan.messages) await notifyAll(deps.notifier, next, event._id, m);
        counts[plan.outcome] += 1;
        progressed += 1;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        counts.conflicts += 1;
      }
    }
    if (!due.next || progressed === 0) break;
  }
  return counts;
}
