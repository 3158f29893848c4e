/**
 * A meeting's clock-driven states: noticed → inSession (at its start, or on the first
 * sign-in, whichever comes first) → ended (declared, or by the sweep 6 hours after its
 * planned end). Each step is a compare-and-set on the version with its audit event, so the
 * sweep, a sign-in and a person declaring the end can race and each step happens once.
 */
import { eventRecord, type EventRecord, type EventType } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY, HOUR } from '../../kernel/time';
import { commitVersioned } from '../../kernel/versioned';
import { op } from '../../ports/store';
import { meetingSeatId, type MeetingRecord } from './records';

/** A meeting nobody declared ended is ended this long after its planned end. */
export const AUTO_END_AFTER = 6 * HOUR;
/** The reminder goes out a day before the start, when the notice went out earlier than that. */
export const REMIND_BEFORE = DAY;

/** When the sweep should next look at the meeting: now for a fan-out under way, else its next timed step. */
export function nextWake(m: Pick<MeetingRecord, 'status' | 'fanout' | 'remindedAt' | 'noticeAt' | 'startsAt' | 'endsAt'>, now: number): number | null {
  if (m.fanout) return now;
  if (m.status === 'noticed') return m.remindedAt === null && m.startsAt - REMIND_BEFORE > m.noticeAt ? Math.max(now, m.startsAt - REMIND_BEFORE) : m.startsAt;
  if (m.status === 'inSession') return m.endsAt + AUTO_END_AFTER;
  return null;
}

export function changeMeeting(db: ScopedStore, actor: Caller | 'system', m: MeetingRecord, patch: Partial<MeetingRecord>, step: { type: EventType; note?: string | null }, now: number): Promise<MeetingRecord> {
  const next = { ...m, ...patch };
  return commitVersioned(
    db, 'meetings', m, { ...patch, wakeAt: nextWake(next, now) },
    (n) => eventRecord(db, actor, { key: `v${n.version}:${step.type}`, subject: `meeting:${m._id}`, type: step.type, from: m.status, to: n.status, public: true, note: step.note ?? null, at: now }),
    '会议刚被更新，请刷新后重试',
  );
}

/**
 * Opens the session if it has not opened; returns the meeting as it now stands. Conditional
 * on the status, not the version: a room signing in at once, the sweep at the start time and
 * a fan-out step all try, exactly one moves it, and its event (keyed 'started') is written once.
 */
export async function startSession(db: ScopedStore, actor: Caller | 'system', m: MeetingRecord, now: number): Promise<MeetingRecord> {
  if (!(await openSession(db, actor, m, now))) return m;
  return db.require('meetings', m._id, '会议不存在', 'meetingId');
}

/** `startSession` for a caller that needs not the meeting after it (a sign-in): true when it was still to open. */
export async function openSession(db: ScopedStore, actor: Caller | 'system', m: MeetingRecord, now: number): Promise<boolean> {
  if (m.status !== 'noticed') return false;
  const started = await openSessionStep(db, actor, m, now);
  if (started) await db.insert('events', started);
  return true;
}

/**
 * The opening's write alone: the event it owes (keyed 'started', so a second insert writes
 * nothing) when this call moved the meeting, for the caller to insert — a sign-in puts it in
 * one list insert with its own event. Null when the meeting was open already.
 */
export async function openSessionStep(db: ScopedStore, actor: Caller | 'system', m: MeetingRecord, now: number): Promise<EventRecord | null> {
  if (m.status !== 'noticed') return null;
  const wakeAt = nextWake({ ...m, status: 'inSession' }, now);
  if (!(await db.update('meetings', m._id, { status: 'inSession', wakeAt, version: op.inc(1) }, { status: 'noticed' }))) return null;
  return eventRecord(db, actor, { key: 'started', subject: `meeting:${m._id}`, type: 'meeting.started', from: 'noticed', to: 'inSession', public: true, note: null, at: now });
}

/** Ends the meeting: sign-in and registration close with it. */
export async function endSession(db: ScopedStore, actor: Caller | 'system', m: MeetingRecord, now: number, note: string | null = null): Promise<MeetingRecord> {
  const ended = await changeMeeting(db, actor, m, { status: 'ended', endedAt: now }, { type: 'meeting.ended', note }, now);
  await db.update('meetingSeats', meetingSeatId(m._id), { status: 'closed' });
  return ended;
}
