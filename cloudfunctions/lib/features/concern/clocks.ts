/**
 * The speak-up desk's clocks. Every open concern carries `wakeAt`, the next moment it needs
 * attention; this job looks at those due and, by status: passes unsigned ones down the
 * dispatch chain, escalates overdue ones up it, reminds residents and chases departments,
 * and archives resolved ones nobody rated. Each move is a compare-and-set on the concern's
 * version, so a second or overlapping sweep finds nothing left to do.
 */
import type { Deps } from '../../kernel/deps';
import type { ScopedStore } from '../../kernel/scoped-store';
import { forEachDue } from '../../kernel/due';
import { CHASE_INTERVAL, contactDeadline, DEFAULT_RESIDENT_WAIT_DAYS, nextResidentWake } from './lifecycle';
import { DAY } from '../../kernel/time';
import type { ClockMiss, ConcernRecord } from './records';
import { routeFor } from './routing';
import { adminsInbox, commit, notifyAll, type Message, type Step } from './transition';
import { staffLine, concernWords } from './notices';
import { supervisorOf } from './supervise';
import { planWhistleClock } from './whistle-clock';

export type ClockOutcome = 'rerouted' | 'escalated' | 'reminded' | 'chased' | 'lapsed' | 'autoClosed' | 'residentSilent' | 'cleared';

interface Plan {
  patch: Partial<ConcernRecord>;
  step: Step;
  messages: Message[];
  outcome: ClockOutcome;
}

/**
 * Adds a clock miss unless the same holder was already charged for the same clock and round:
 * the pool's daily chases, or a rerun, are one miss, not many.
 */
function chargeOnce(c: ConcernRecord, miss: ClockMiss): ClockMiss[] {
  const misses = c.clockMisses ?? [];
  const same = misses.some((m) => m.clock === miss.clock && m.holderId === miss.holderId && m.round === miss.round);
  return same ? misses : [...misses, miss];
}

async function planFor(db: ScopedStore, c: ConcernRecord, now: number): Promise<Plan> {
  const chase = now + CHASE_INTERVAL;
  switch (c.status) {
    case 'dispatched': {
      const grid = await db.get('grids', c.gridId);
      const route = await routeFor(db, grid, now, { skip: [c.assigneeId], after: c.routedVia });
      if (c.routedVia === 'community' || (route.via === 'community' && c.assigneeId === null)) {
        return {
          patch: { overdue: true, escalationLevel: 2, wakeAt: chase, clockMisses: chargeOnce(c, { clock: 'contact', holderId: null, round: c.round, at: now }) },
          step: { type: 'concern.escalated', public: false, note: '社区统一受理后仍未签收' },
          messages: [{ to: [adminsInbox(c.communityId)], kind: 'concern.unsigned', title: `诉求 ${c.number} 超时未签收`, body: staffLine(c) }],
          outcome: 'escalated',
        };
      }
      // The next person gets a full contact window of their own; the resident's promised
      // contact time (contactDueAt) stays, so the late response still counts as late.
      return {
        patch: { assigneeId: route.assigneeId, routedVia: route.via, overdue: true, wakeAt: contactDeadline(c, now), clockMisses: chargeOnce(c, { clock: 'contact', holderId: c.assigneeId, round: c.round, at: now }) },
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
      // Up the chain one step at a time: the first lateness of a round goes to the grid
      // leader (who also supervises reopened items), the next chase to the community with
      // the leader in copy. A grid without a leader — or led by the handler — goes straight up.
      const leader = await supervisorOf(db, c);
      const level = c.overdue || !leader ? 2 : 1;
      const goesUp = level === 2 && (!c.overdue || c.escalationLevel < 2);
      const handlers = [c.assigneeId, c.firstResponderId];
      const late = `督办：诉求 ${c.number} 已超期`;
      const messages: Message[] = [
        { to: handlers, kind: 'concern.overdue', title: `诉求 ${c.number} 已超期，请尽快办结`, body: `${c.categoryName}：${concernWords(c)}` },
        { to: [level === 1 ? leader : adminsInbox(c.communityId)], kind: 'concern.escalated', title: late, body: staffLine(c) },
      ];
      if (level === 2 && goesUp && leader) {
        messages.push({ to: [leader].filter((to) => !handlers.includes(to)), kind: 'concern.escalated', title: `抄送：诉求 ${c.number} 超期，已提请社区督办`, body: staffLine(c) });
      }
      return {
        // The resolve clock runs out once a round, on whoever holds the item then.
        patch: { overdue: true, escalationLevel: level, wakeAt: chase, clockMisses: chargeOnce(c, { clock: 'resolve', holderId: c.assigneeId, round: c.round, at: now }) },
        step: { type: 'concern.escalated', public: true, note: level === 1 ? '已超过办结时限，已提请网格长督办' : '已超过办结时限，已提请社区督办' },
        messages,
        outcome: 'escalated',
      };
    }
    case 'waitingResident': {
      // Older waits carry no record of their own: they end a default wait after pausing.
      const since = c.residentWait?.since ?? c.pausedAt ?? now;
      const wait = c.residentWait ?? { since, closeAt: since + DEFAULT_RESIDENT_WAIT_DAYS * DAY, reminders: 0 };
      if (now >= wait.closeAt) {
        const days = Math.round((wait.closeAt - wait.since) / DAY);
        return {
          patch: { status: 'closed', closedAt: now, closedReason: 'residentSilent', pausedAt: null, resumeStatus: null, residentWait: null, overdue: false, wakeAt: null },
          step: { type: 'concern.residentSilent', public: true, note: `等待补充情况已满${days}天仍未收到，诉求已结束。如问题仍在，可以重新说事。` },
          messages: [
            { to: [c.authorId], kind: 'concern.residentSilent', title: '诉求因未补充情况已结束', body: `诉求 ${c.number} 等待补充${days}天未收到回复，已结束；问题仍在可以重新说事。` },
            { to: [c.assigneeId ?? adminsInbox(c.communityId), c.firstResponderId], kind: 'concern.waitClosed', title: `诉求 ${c.number} 居民未补充，已结束`, body: `等待补充已满${days}天。` },
          ],
          outcome: 'residentSilent',
        };
      }
      const left = Math.max(1, Math.ceil((wait.closeAt - now) / DAY));
      return {
        patch: { residentWait: { ...wait, reminders: wait.reminders + 1 }, wakeAt: nextResidentWake(wait, now) },
        step: { type: 'concern.reminded', public: true, note: `已提醒居民补充情况（${left}天内未补充将结束）` },
        messages: [{ to: [c.authorId], kind: 'concern.infoRequested', title: '请补充诉求情况', body: `诉求 ${c.number} 正在等您补充情况，${left}天内未补充将结束办理。` }],
        outcome: 'reminded',
      };
    }
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
  const counts: Record<ClockOutcome, number> = { rerouted: 0, escalated: 0, reminded: 0, chased: 0, lapsed: 0, autoClosed: 0, residentSilent: 0, cleared: 0 };
  const { conflicts } = await forEachDue(deps.store, 'concerns', now, budget.pages, async (c, db) => {
    const plan = await planFor(db, c, now);
    const { next, event } = await commit(db, 'system', c, plan.patch, plan.step, now);
    for (const m of plan.messages) await notifyAll(deps.notifier, next, event._id, m);
    counts[plan.outcome] += 1;
  });
  return { ...counts, conflicts };
}
