/**
 * A meeting's seats on the shared seat engine (kernel/seat-pool.ts): one pool per meeting,
 * holders and the waitlist keyed by registration id under the registration's claim. A freed
 * seat goes to the head of the waitlist at once, and they are told.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord } from '../../kernel/audit';
import { promoteHead, releaseSeatNobodyWaits } from '../../kernel/seat-pool';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned } from '../../kernel/versioned';
import type { Notifier } from '../../ports/platform';
import { meetingSeatId, type MeetingRecord, type MeetingSeatRecord, type RegistrationRecord } from './records';
import { meetingPage } from './notices';
import { whenText } from './presenters';

/**
 * The pool, made if absent (at create; again by a registration if a crash left none).
 * `fresh`: the meeting was just made, so the insert alone decides (no look first). Returns
 * the pool as made, or null when it was there already (or the meeting has no seats).
 */
export async function ensurePool(db: ScopedStore, m: MeetingRecord, options: { fresh?: boolean } = {}): Promise<{ id: string; record: MeetingSeatRecord | null }> {
  const id = meetingSeatId(m._id);
  if (m.seats === null) return { id, record: null };
  const pool: MeetingSeatRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, seats: m.seats, seatsLeft: m.seats, holders: {}, waitlist: [], waiting: {},
    // Everyone on the roll may wait: a meeting's waitlist is its roll, not a queue of strangers.
    waitlistCount: 0, waitlistLeft: Math.max(m.roll.size, 1), status: 'open',
  };
  if (!options.fresh && (await db.get('meetingSeats', id))) return { id, record: null };
  return { id, record: (await db.insert('meetingSeats', pool)) ? pool : null };
}

/** The engine's release, only while nobody waits (true: no promotion is owed, the pool need not be read again). */
export function freeSeatNobodyWaits(db: ScopedStore, m: Pick<MeetingRecord, '_id'>, holderId: string, claim: string): Promise<boolean> {
  return releaseSeatNobodyWaits(db, 'meetingSeats', meetingSeatId(m._id), holderId, claim);
}

/** `alongside`: what follows the change once it landed, beside its event's insert (commitVersioned). */
export function changeRegistration(db: ScopedStore, r: RegistrationRecord, patch: Partial<RegistrationRecord>, type: 'meeting.promoted' | 'meeting.unregistered', actor: Parameters<typeof eventRecord>[1], now: number, alongside?: () => Promise<unknown>): Promise<RegistrationRecord> {
  return commitVersioned(
    db, 'meetingRegistrations', r, patch,
    (next) => eventRecord(db, actor, { key: `v${next.version}:${type}`, subject: `mreg:${r._id}`, type, from: r.status, to: next.status, public: false, at: now }),
    '该报名刚被更新，请刷新后重试',
    alongside,
  );
}

/** A waiting registration whose claim now holds a seat becomes registered, and its member hears so once. */
export async function confirmPromoted(db: ScopedStore, notifier: Notifier, m: MeetingRecord, r: RegistrationRecord, now: number): Promise<RegistrationRecord> {
  if (r.status !== 'waitlisted') return r;
  // Only the incarnation whose claim the seat holds: a withdrawn one's late promotion is not this one's.
  const pool = await db.get('meetingSeats', meetingSeatId(m._id));
  if (pool?.holders[r._id] !== r.claim) return r;
  let next: RegistrationRecord;
  try {
    next = await changeRegistration(db, r, { status: 'registered' }, 'meeting.promoted', 'system', now);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    return (await db.get('meetingRegistrations', r._id)) ?? r;
  }
  await notifier.notify({
    id: `mreg:${r._id}:${r.claim}:promoted`, communityId: db.communityId, recipientId: r.memberId, kind: 'meeting.promoted',
    title: `候补转正：${m.title}`, body: `有名额空出，您已报名成功。会议时间：${whenText(m.startsAt)}，地点：${m.place}。`, page: meetingPage(m._id),
  });
  return next;
}

/**
 * Fills freed seats from the head of the waitlist, telling each one promoted. With nothing
 * to fill it returns the pool it looked at, which is then the pool as it stands (for a view).
 */
export async function promoteFreed(db: ScopedStore, notifier: Notifier, m: MeetingRecord, now: number): Promise<{ promoted: number; pool?: MeetingSeatRecord | null }> {
  const poolId = meetingSeatId(m._id);
  const first = await db.get('meetingSeats', poolId);
  if (!first || first.status !== 'open' || first.seatsLeft <= 0 || first.waitlist.length === 0) return { promoted: 0, pool: first };
  let promoted = 0;
  for (let head = await promoteHead(db, 'meetingSeats', poolId); head; head = await promoteHead(db, 'meetingSeats', poolId)) {
    const r = await db.get('meetingRegistrations', head);
    // Not saved yet: its registration sees the seat and takes it.
    if (r) {
      await confirmPromoted(db, notifier, m, r, now);
      promoted += 1;
    }
  }
  return { promoted };
}
