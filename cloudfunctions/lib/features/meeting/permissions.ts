/**
 * Who may do what at a meeting. Meeting staff — the convener, the secretary, the community's
 * admins and the grid workers of the grids the roll lies in (any grid worker of the community
 * for a whole-community roll) — work the door: sign-in, proxies, attendance. Votes are opened
 * and closed, and the meeting ended, only by the convener, the secretary and admins.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { AppError } from '../../../../miniprogram/core/errors';
import { hasRole, type Caller } from '../../kernel/caller';
import { HOUR } from '../../kernel/time';
import type { AgendaItem, MeetingRecord, RegistrationRecord } from './records';

export function isMeetingStaff(caller: Caller, m: MeetingRecord): boolean {
  if (caller.memberId !== null && (caller.memberId === m.convenerId || caller.memberId === m.secretaryId)) return true;
  if (hasRole(caller, 'admin')) return true;
  if (!hasRole(caller, 'gridWorker')) return false;
  return m.gridIds.length === 0 || m.gridIds.some((g) => caller.gridIds.includes(g));
}

export function mayRunVotes(caller: Caller, m: MeetingRecord): boolean {
  if (caller.memberId !== null && (caller.memberId === m.convenerId || caller.memberId === m.secretaryId)) return true;
  return hasRole(caller, 'admin');
}

export function requireMeetingStaff(caller: Caller, m: MeetingRecord): void {
  if (!isMeetingStaff(caller, m)) throw new AppError('FORBIDDEN', '只有本次会议的工作人员可以这样做');
}

export function requireVoteRunner(caller: Caller, m: MeetingRecord): void {
  if (!mayRunVotes(caller, m)) throw new AppError('FORBIDDEN', '只有会议召集人、记录人和社区管理员可以主持表决');
}

/** Sign-in opens an hour before the start and lasts until the meeting ends. */
export const SIGN_IN_OPENS_BEFORE = HOUR;

/**
 * Whether anyone can have signed in yet: sign-in opens an hour before the start (and the
 * first sign-in starts the session), so before that a noticed meeting has no attendance.
 */
export function mayHaveAttendance(m: Pick<MeetingRecord, 'status' | 'startsAt'>, now: number): boolean {
  return !(m.status === 'noticed' && now < m.startsAt - SIGN_IN_OPENS_BEFORE);
}

export function signInOpen(m: MeetingRecord, now: number): boolean {
  return (m.status === 'noticed' || m.status === 'inSession') && now >= m.startsAt - SIGN_IN_OPENS_BEFORE;
}

/** What the view's buttons rest on besides the meeting: the clock and the caller's place on the roll. */
export interface MeetingFacts {
  now: number;
  /** The caller stands for at least one entry of the frozen roll. */
  onRoll: boolean;
  /** The registration of the caller's entry, if any. */
  registration: RegistrationRecord | null;
  /** Signed in for their own entry (in person, not by someone's proxy), and not gone. */
  present?: boolean;
  /** Has a proxy out (offered, awaiting confirmation or in force) for their own entry. */
  granting?: boolean;
  /** Proxies they hold for others (awaiting confirmation or in force). */
  holding?: number;
}

export function meetingActions(caller: Caller, m: MeetingRecord, f: MeetingFacts): ActionName[] {
  const out: ActionName[] = ['meeting.get'];
  const staff = isMeetingStaff(caller, m);
  const runner = mayRunVotes(caller, m);
  const live = m.status === 'noticed' || m.status === 'inSession';
  if (m.status === 'noticed' && f.now < m.startsAt) {
    if (hasRole(caller, 'admin')) out.push('meeting.cancel');
    const held = f.registration && f.registration.status !== 'withdrawn';
    if (m.seats !== null && f.onRoll && !held) out.push('meeting.register');
    if (held) out.push('meeting.unregister');
  }
  if (signInOpen(m, f.now) && (f.onRoll || staff)) out.push('meeting.signIn');
  // Offered only where the server would take them: no proxy for someone who came, no chains, the cap.
  if (live && f.onRoll && !f.present && !f.granting && (f.holding ?? 0) === 0 && m.agenda.every((i) => i.openedAt === null)) out.push('meeting.grantProxy');
  if (live && f.onRoll && !f.granting && (f.holding ?? 0) < m.proxiesPerAgent) out.push('meeting.acceptProxy');
  if (staff && m.status !== 'cancelled') {
    out.push('meeting.attendance');
    if (signInOpen(m, f.now)) out.push('meeting.signInCode');
    if (m.status === 'inSession') out.push('meeting.markLeft');
    if (live) out.push('meeting.recordPaperProxy', 'meeting.confirmProxy');
    out.push('meeting.proxies');
  }
  if (runner && m.status === 'inSession') {
    if (m.votingItemId === null && m.agenda.some((i) => i.status === 'pending' && i.voteMode !== 'none')) out.push('meeting.openVote');
    if (m.votingItemId !== null) out.push('meeting.closeVote');
    if (m.votingItemId === null) out.push('meeting.end');
  }
  if (m.status === 'ended' && m.minutes?.status !== 'approved') {
    if (caller.memberId === m.secretaryId) out.push('meeting.saveMinutes');
    if (m.minutes?.status === 'draft' && hasRole(caller, 'admin') && caller.memberId !== m.secretaryId) out.push('meeting.approveMinutes');
  }
  if ((staff && m.minutes) || m.minutes?.status === 'approved') out.push('meeting.minutes');
  return out;
}

/** An item's own buttons: open its vote, or close it while it is the one being voted. */
export function agendaItemActions(caller: Caller, m: MeetingRecord, item: AgendaItem): ActionName[] {
  if (!mayRunVotes(caller, m) || m.status !== 'inSession') return [];
  if (item.status === 'voting' && m.votingItemId === item.itemId) return ['meeting.closeVote'];
  if (item.status === 'pending' && item.voteMode !== 'none' && m.votingItemId === null) return ['meeting.openVote'];
  return [];
}
