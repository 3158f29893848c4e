/**
 * The concern state machine, pure: which action may move a concern from which state, by
 * whom, and how the SLA clocks move. Handlers, `allowedActions` and the sweep all read it,
 * so a page, a use case and a timer can never disagree about what is possible.
 */
import { OPEN_STATUSES, RATING_WINDOW_DAYS, type ConcernStatus } from '../../../../miniprogram/core/concern/contract';
import { DAY, HOUR } from '../../kernel/time';
import type { ConcernRecord } from './records';

export type LifecycleAction =
  | 'concern.accept'
  | 'concern.reply'
  | 'concern.note'
  | 'concern.requestInfo'
  | 'concern.supplement'
  | 'concern.transfer'
  | 'concern.whistle'
  | 'concern.reportBack'
  | 'concern.merge'
  | 'concern.resolve'
  | 'concern.rate'
  | 'concern.reopen'
  | 'concern.withdraw';

/** Who may take an action: the resident who raised it, its handlers, or whoever must sign. */
export type Party = 'author' | 'handler' | 'signer';

interface Rule {
  from: readonly ConcernStatus[];
  party: Party;
  /** Extra condition on time or data; false hides the action. */
  when?: (c: ConcernRecord, now: number) => boolean;
}

const HANDLING: readonly ConcernStatus[] = ['accepted', 'supervised'];

export const RULES: Record<LifecycleAction, Rule> = {
  'concern.accept': { from: ['dispatched'], party: 'signer' },
  'concern.reply': { from: [...OPEN_STATUSES, 'resolved'], party: 'handler' },
  'concern.note': { from: [...OPEN_STATUSES, 'resolved'], party: 'handler' },
  'concern.requestInfo': { from: HANDLING, party: 'handler' },
  'concern.supplement': { from: OPEN_STATUSES, party: 'author' },
  'concern.transfer': { from: ['dispatched', ...HANDLING], party: 'handler' },
  'concern.whistle': { from: HANDLING, party: 'handler' },
  'concern.reportBack': { from: ['coordinating'], party: 'handler' },
  'concern.merge': { from: ['dispatched', 'accepted', 'waitingResident', 'supervised'], party: 'handler' },
  'concern.resolve': { from: ['accepted', 'coordinating', 'supervised'], party: 'handler' },
  'concern.rate': { from: ['resolved'], party: 'author', when: withinRatingWindow },
  'concern.reopen': { from: ['resolved'], party: 'author', when: withinRatingWindow },
  'concern.withdraw': { from: OPEN_STATUSES, party: 'author' },
};

function withinRatingWindow(c: ConcernRecord, now: number): boolean {
  return c.rateDueAt !== null && now <= c.rateDueAt && (c.rating === null || c.rating.round !== c.round);
}

export function permits(action: LifecycleAction, c: ConcernRecord, now: number): boolean {
  const rule = RULES[action];
  return rule.from.includes(c.status) && (rule.when?.(c, now) ?? true);
}

export const RATING_WINDOW = RATING_WINDOW_DAYS * DAY;
/** A satisfied rating closes; 1–2 stars, or "not resolved", sends it to supervision. */
export const LOW_SATISFACTION = 2;
export const SATISFIED_FROM = 4;
/** How long after requesting information the resident gets one reminder. */
export const RESIDENT_REMINDER_AFTER = 3 * DAY;
/** Between chases of an overdue or escalated item. */
export const CHASE_INTERVAL = DAY;

export function contactDeadline(c: Pick<ConcernRecord, 'contactHours'>, from: number): number {
  return from + c.contactHours * HOUR;
}

export function resolveDeadline(c: Pick<ConcernRecord, 'resolveDays'>, from: number): number {
  return from + c.resolveDays * DAY;
}

/** Stops the clocks: the wait is on someone outside the handler's control. */
export function pause(c: ConcernRecord, now: number): Pick<ConcernRecord, 'pausedAt' | 'resumeStatus'> {
  return { pausedAt: now, resumeStatus: c.status };
}

/** Restarts the clocks, moving both deadlines by the time spent waiting. */
export function resume(c: ConcernRecord, now: number): Pick<ConcernRecord, 'pausedAt' | 'resumeStatus' | 'contactDueAt' | 'resolveDueAt' | 'status' | 'wakeAt'> {
  const waited = c.pausedAt === null ? 0 : Math.max(0, now - c.pausedAt);
  const resolveDueAt = c.resolveDueAt + waited;
  return {
    status: c.resumeStatus ?? 'accepted',
    pausedAt: null,
    resumeStatus: null,
    contactDueAt: c.contactDueAt + waited,
    resolveDueAt,
    wakeAt: Math.max(resolveDueAt, now),
  };
}

/** Overdue as residents and staff see it right now, before the sweep has run. */
export function isOverdue(c: ConcernRecord, now: number): boolean {
  if (c.pausedAt !== null) return false;
  // Unsigned: late against the contact promise. Passed on after signing: the resolve clock runs.
  if (c.status === 'dispatched') return now > (c.acceptedAt === null ? c.contactDueAt : c.resolveDueAt);
  return HANDLING.includes(c.status) && now > c.resolveDueAt;
}
