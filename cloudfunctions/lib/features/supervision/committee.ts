/**
 * Who sits on the 居务监督委员会 today. Terms are counted in days as the community counts them
 * (Beijing time): a term sits from the morning of `startsOn` to the night of `endsOn`, unless
 * a later term replaced it (`endedOn`, that term's first day). Of the terms that have begun,
 * only the latest can sit, so two terms never sit at once whatever order they were recorded in.
 *
 * Sitting is decided here, from the term, never from the role alone: the role is what the
 * platform checks first (and what the sweep grants and takes back), the term is the authority.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { HandlerContext } from '../../kernel/action';
import { hasRole, isIdentified } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { COMMUNITY_TZ } from '../../kernel/time';
import type { TermRecord } from './records';

dayjs.extend(utc);
dayjs.extend(timezone);

/** 「2026-11-28」: the community's calendar day at `instant`. */
export function communityDay(instant: number): string {
  return dayjs(instant).tz(COMMUNITY_TZ).format('YYYY-MM-DD');
}

/** The first instant of a community day. */
export function dayStart(day: string): number {
  return dayjs.tz(`${day} 00:00`, COMMUNITY_TZ).valueOf();
}

/** The first instant after a community day: when a term ending that day stops sitting. */
export function dayAfter(day: string): number {
  return dayjs.tz(`${day} 00:00`, COMMUNITY_TZ).add(1, 'day').valueOf();
}

/** Whether `term` sits on `day`, given it is the latest term that has begun. */
export function sitsOn(term: Pick<TermRecord, 'startsOn' | 'endsOn' | 'endedOn'>, day: string): boolean {
  return term.startsOn <= day && day <= term.endsOn && (term.endedOn === null || day < term.endedOn);
}

/** The instant a sitting term stops sitting: the day after its end, or its replacement's first day. */
export function sittingUntil(term: Pick<TermRecord, 'endsOn' | 'endedOn'>): number {
  const byEnd = dayAfter(term.endsOn);
  return term.endedOn ? Math.min(byEnd, dayStart(term.endedOn)) : byEnd;
}

/** The latest term that has begun by `now`, sitting or not. */
export async function latestBegun(db: ScopedStore, now: number): Promise<TermRecord | null> {
  const page = await db.query('committeeTerms', { where: { startsOn: { $lte: communityDay(now) } }, orderBy: { field: 'startsOn', dir: 'desc' }, limit: 1 });
  return page.items[0] ?? null;
}

/** The term sitting at `now`, or null when the community has none. */
export async function sittingCommittee(db: ScopedStore, now: number): Promise<TermRecord | null> {
  const term = await latestBegun(db, now);
  return term && sitsOn(term, communityDay(now)) ? term : null;
}

/** The sitting members with an account: who receives the committee's queue and copies. */
export function onAppMembers(term: TermRecord | null): string[] {
  return term ? term.members.flatMap((m) => (m.memberId ? [m.memberId] : [])) : [];
}

/**
 * Whether the caller sits on the committee now: the role, no staff role beside it (the
 * committee supervises the staff), and the sitting term lists them.
 */
export async function sits(ctx: Pick<HandlerContext<unknown>, 'caller' | 'now' | 'db'>): Promise<boolean> {
  const { caller } = ctx;
  if (!isIdentified(caller) || !caller.communityId) return false;
  if (!hasRole(caller, 'supervisor') || hasRole(caller, 'admin', 'gridWorker', 'department')) return false;
  return onAppMembers(await sittingCommittee(ctx.db(), ctx.now)).includes(caller.memberId);
}
