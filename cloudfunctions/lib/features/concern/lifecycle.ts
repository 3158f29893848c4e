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
  | 'concern.withdraw'
  | 'concern.urge';

/**
 * Who may take an action (permissions.ts says who each party is): the resident who raised it
 * (`author`); its current handler or an admin (`handler`); whoever it waits on to sign
 * (`signer`); any staff who may see it — grid colleagues, the first responder, the grid
 * leader (`viewer`); the handler or the grid's leader (`manager`); the grid's leader or an
 * admin, over someone else's work (`supervisor`).
 */
export type Party = 'author' | 'handler' | 'signer' | 'viewer' | 'manager' | 'supervisor';

interface Rule {
  from: readonly ConcernStatus[];
  party: Party;
  /** Extra condition on time or data; false hides the action. */
  when?: (c: ConcernRecord, now: number) => boolean;
  /** What the party is told when `when` is false. */
  refusal?: { code: 'CLOSED' | 'CONFLICT'; message: string };
  /** What someone who is not the party is told (FORBIDDEN). */
  forbidden?: string;
}

const RATING_CLOSED = { code: 'CLOSED', message: '已超过评价期限或本轮已评价' } as const;

/** 催办 at most once per URGE_INTERVAL: a chase, not a stream of pings. */
export const URGE_INTERVAL = 4 * HOUR;

const HANDLING: readonly ConcernStatus[] = ['accepted', 'supervised'];

export const RULES: Record<LifecycleAction, Rule> = {
  'concern.accept': { from: ['dispatched'], party: 'signer' },
  'concern.reply': { from: [...OPEN_STATUSES, 'resolved'], party: 'handler' },
  'concern.note': { from: [...OPEN_STATUSES, 'resolved'], party: 'viewer' },
  'concern.requestInfo': { from: HANDLING, party: 'handler' },
  'concern.supplement': { from: OPEN_STATUSES, party: 'author' },
  'concern.transfer': { from: ['dispatched', ...HANDLING], party: 'manager' },
  'concern.whistle': { from: HANDLING, party: 'handler' },
  'concern.reportBack': { from: ['coordinating'], party: 'handler' },
  'concern.merge': { from: ['dispatched', 'accepted', 'waitingResident', 'supervised'], party: 'handler' },
  'concern.resolve': { from: ['accepted', 'coordinating', 'supervised'], party: 'handler' },
  'concern.rate': { from: ['resolved'], party: 'author', when: withinRatingWindow, refusal: RATING_CLOSED },
  'concern.reopen': { from: ['resolved'], party: 'author', when: withinRatingWindow, refusal: RATING_CLOSED },
  'concern.withdraw': { from: OPEN_STATUSES, party: 'author' },
  'concern.urge': { from: OPEN_STATUSES, party: 'supervisor', when: urgeAllowed, refusal: { code: 'CONFLICT', message: '4小时内已催办过，请稍后再催' }, forbidden: '只有本网格的网格长或社区管理员可以催办' },
};

function urgeAllowed(c: ConcernRecord, now: number): boolean {
  return c.lastUrgedAt === undefined || c.lastUrgedAt === null || now - c.lastUrgedAt >= URGE_INTERVAL;
}

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
/** How long after requesting information the resident gets the first reminder. */
export const RESIDENT_REMINDER_AFTER = 3 * DAY;
/** Days a concern may wait on the resident when its category sets none. */
export const DEFAULT_RESIDENT_WAIT_DAYS = 7;

/**
 * When a resident asked for more is reminded: after RESIDENT_REMINDER_AFTER and the day
 * before the limit, each only if it falls inside the wait. At `closeAt` the concern closes.
 */
export function residentReminders(wait: { since: number; closeAt: number }): number[] {
  const times = [wait.since + RESIDENT_REMINDER_AFTER, wait.closeAt - DAY].filter((t) => t > wait.since && t < wait.closeAt);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** The next moment a waiting concern needs the sweep: the next reminder, else the limit. */
export function nextResidentWake(wait: { since: number; closeAt: number }, now: number): number {
  return residentReminders(wait).find((t) => t > now) ?? wait.closeAt;
}
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
export function resume(c: ConcernRecord, now: number): Pick<ConcernRecord, 'pausedAt' | 'resumeStatus' | 'contactDueAt' | 'resolveDueAt' | 'status' | 'wakeAt' | 'residentWait'> {
  const waited = c.pausedAt === null ? 0 : Math.max(0, now - c.pausedAt);
  const resolveDueAt = c.resolveDueAt + waited;
  return {
    status: c.resumeStatus ?? 'accepted',
    pausedAt: null,
    resumeStatus: null,
    contactDueAt: c.contactDueAt + waited,
    resolveDueAt,
    wakeAt: Math.max(resolveDueAt, now),
    residentWait: null,
  };
}

/** Overdue as residents and staff see it right now, before the sweep has run. */
export function isOverdue(c: ConcernRecord, now: number): boolean {
  if (c.pausedAt !== null) return false;
  // Unsigned: late against the contact promise. Passed on after signing: the resolve clock runs.
  if (c.status === 'dispatched') return now > (c.acceptedAt === null ? c.contactDueAt : c.resolveDueAt);
  return HANDLING.includes(c.status) && now > c.resolveDueAt;
}

/**
 * 督办 as the supervision list sees it: open, and under supervision, late, or already
 * escalated up the chain. Derived on every commit (transition.ts), never set by hand.
 */
export function isSupervising(c: Pick<ConcernRecord, 'status' | 'overdue' | 'escalationLevel'>): boolean {
  return OPEN_STATUSES.includes(c.status) && (c.status === 'supervised' || c.overdue || c.escalationLevel > 0);
}
