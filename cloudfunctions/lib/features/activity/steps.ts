/**
 * Changes a sign-up by compare-and-set on its version, with its audit event, and runs the
 * waitlist after a seat is freed. Shared by the volunteer's, the organiser's and the sweep's
 * paths.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord, type EventType } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import { promoteNext, promoteNextFrom, releasePlace } from '../../kernel/seat-pool';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned, lastEventOf, settleLastEvent } from '../../kernel/versioned';
import type { Notifier } from '../../ports/platform';
import type { ActivitySeatRecord, SignupRecord } from '../volunteer/records';
import { releaseTime } from './agenda';
import { poolIdFor } from './ids';
import { offerDeadline } from './rules';

export const ENDED_SIGNUP = ['withdrawn', 'expired', 'cancelled'] as const;

/** `alongside`: what follows the change once it has landed, beside its event's insert (kernel/versioned.ts). */
export function changeSignup(
  db: ScopedStore,
  actor: Caller | 'system',
  s: SignupRecord,
  patch: Partial<SignupRecord>,
  step: { type: EventType; note?: string | null },
  now: number,
  alongside?: (next: SignupRecord) => Promise<unknown>,
): Promise<SignupRecord> {
  return commitVersioned(
    db, 'signups', s, { ...patch, updatedAt: now },
    (next) => eventRecord(db, actor, { key: `v${next.version}:${step.type}`, subject: `signup:${s._id}`, type: step.type, from: s.status, to: next.status, public: false, note: step.note ?? null, at: now }),
    '该报名刚被更新，请刷新后重试',
    alongside,
  );
}

export const poolOf = (s: Pick<SignupRecord, 'activityId' | 'shiftId' | 'roleId'>) => poolIdFor(s.activityId, s.shiftId, s.roleId);

/**
 * Gives back an ended sign-up's place and its time (apart, so at once). Safe to repeat: every
 * release names the claim it frees. `time: false` leaves the agenda entry: an entry whose
 * sign-up has ended holds nothing (agenda.ts reads the sign-up of an entry in the way and
 * drops it), so the write is saved where the person asked for the ending or it ended for
 * everyone, at the cost of one read if they sign up for an overlapping shift later.
 */
export async function releaseClaims(db: ScopedStore, s: SignupRecord, opts: { time?: boolean } = {}): Promise<void> {
  await Promise.all([releasePlace(db, 'activitySeats', poolOf(s), s._id, s.claim), opts.time === false ? null : releaseTime(db, s.memberId, s._id, s.claim)]);
}

/**
 * Ends a sign-up's claims: gives back its place and its time, then offers freed seats down
 * the waitlist — unless the pool is closed (a cancellation), where nobody is promoted — and
 * last lets the sweep off finishing it. `title`: the activity's, for the offer notices (it
 * may be a read under way).
 */
export async function freeSignup(db: ScopedStore, notifier: Notifier, s: SignupRecord, now: number, opts: { offer?: boolean; time?: boolean; title?: string | Promise<string | undefined>; resend?: boolean } = {}): Promise<void> {
  await releaseClaims(db, s, { time: opts.time });
  if (opts.offer !== false) await offerFreedSeats(db, notifier, poolOf(s), now, { startAt: s.startAt, title: opts.title, resend: opts.resend });
  await doneFreeing(db, s);
}

/** Done: the sweep no longer needs to finish this ended sign-up for us. */
export async function doneFreeing(db: ScopedStore, s: SignupRecord): Promise<void> {
  if (s.wakeAt !== null && (ENDED_SIGNUP as readonly string[]).includes(s.status)) await db.update('signups', s._id, { wakeAt: null }, { version: s.version });
}

/**
 * Promotes the first waiting while seats are free and the shift has not started; each gets
 * a window to confirm. Also finishes a promotion a crash interrupted: a sign-up still
 * 'waitlisted' whose claim already holds a seat is offered it now. `known`: what the caller
 * already knows of the pool's shift (its start; the activity's title for the notice).
 */
export async function offerFreedSeats(
  db: ScopedStore,
  notifier: Notifier,
  poolId: string,
  now: number,
  known?: { startAt: number; title?: string | Promise<string | undefined>; pool?: ActivitySeatRecord | null; resend?: boolean },
): Promise<number> {
  if (known && now >= known.startAt) return 0;
  // One read says whether anyone can move up at all (or the caller's, read after the seat
  // was freed); only then is the waitlist run, and only after a promotion is the pool read
  // again for the repair below.
  let after = known?.pool !== undefined ? known.pool : await db.get('activitySeats', poolId);
  if (!after || now >= after.startAt) return 0;
  const offers: Promise<number>[] = [];
  const promoted = new Set<string>();
  if (after.status === 'open' && after.seatsLeft > 0 && after.waitlist.length > 0) {
    // The first move is tried on the pool as read, its head's sign-up read beside it; each
    // offer then runs while the next head is looked for (each is its own document), and the
    // read that finds nobody left to promote is the pool the repair below looks at.
    let seen: ActivitySeatRecord | null | undefined = after;
    for (;;) {
      const guess = seen?.waitlist[0];
      const [step, guessed] = await Promise.all([
        seen ? promoteNextFrom(db, 'activitySeats', poolId, seen) : promoteNext(db, 'activitySeats', poolId),
        guess ? db.get('signups', guess) : null,
      ]);
      if (!step.head) {
        after = step.pool !== undefined ? (step.pool as ActivitySeatRecord | null) : await db.get('activitySeats', poolId);
        break;
      }
      promoted.add(step.head);
      const s = step.head === guess ? guessed : await db.get('signups', step.head);
      const made = offer(db, notifier, s, now, known?.title);
      made.catch(() => undefined); // awaited below, with the others
      offers.push(made);
      seen = undefined;
    }
  }
  // Finishing a promotion a crash cut short (a sign-up still waiting whose claim holds a
  // seat); the ones this call has just promoted are being offered already.
  for (const s of await db.getMany('signups', Object.keys(after?.holders ?? {}).filter((id) => !promoted.has(id)))) {
    if (after?.holders[s._id] !== s.claim) continue;
    if (s.status === 'waitlisted') offers.push(offer(db, notifier, s, now, known?.title));
    // `resend` (finishing a withdrawal or an expiry a crash cut short): an offer made then
    // may have landed without its event or its notice; both have fixed ids, so again is once.
    else if (known?.resend && s.status === 'offered' && s.offeredUntil !== null && lastEventOf(s)?.type === 'activity.offered') {
      const offeredUntil = s.offeredUntil;
      await Promise.all([settleLastEvent(db, s), (async () => notifier.notify(offerNotice(s, s.version, offeredUntil, now, await titleOf(db, s, known.title))))()]);
    }
  }
  return (await Promise.all(offers)).reduce((a, b) => a + b, 0);
}

const titleOf = async (db: ScopedStore, s: SignupRecord, title?: string | Promise<string | undefined>) => (await title) ?? (await db.get('activities', s.activityId))?.title;

/** The offer's message: its id names the offer's version, so telling it twice tells it once. */
function offerNotice(s: SignupRecord, version: number, offeredUntil: number, now: number, activityTitle: string | undefined) {
  const minutes = Math.round((offeredUntil - now) / 60_000);
  return {
    id: `signup:${s._id}:v${version}:offered`, communityId: s.communityId, recipientId: s.memberId, kind: 'activity.offered' as const,
    title: `候补转正：${activityTitle ?? '志愿活动'}`,
    body: `有名额空出，请在${minutes >= 60 ? `${Math.floor(minutes / 60)}小时` : `${minutes}分钟`}内到「我的报名」确认，逾期将转给下一位。`,
    page: '/pages/volunteer/signups/index',
  };
}

async function offer(db: ScopedStore, notifier: Notifier, s: SignupRecord | null, now: number, title?: string | Promise<string | undefined>): Promise<number> {
  // Not saved yet (its sign-up is still running): that sign-up sees the seat and takes it.
  if (!s || s.status !== 'waitlisted') return 0;
  const offeredUntil = offerDeadline(now, s.startAt);
  try {
    const next = await changeSignup(db, 'system', s, { status: 'offered', offeredUntil, wakeAt: offeredUntil }, { type: 'activity.offered' }, now);
    await notifier.notify(offerNotice(s, next.version, offeredUntil, now, await titleOf(db, s, title)));
    return 1;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    return 0;
  }
}
