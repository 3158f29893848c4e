import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { releasePlace } from '../../kernel/seat-pool';
import { settleLastEvent } from '../../kernel/versioned';
import { loadMeeting } from './load';
import { meetingView } from './presenters';
import { meetingSeatId, registrationId, type MeetingSeatRecord } from './records';
import { likelyUnitKey, rollEntriesOf } from './roll';
import { changeRegistration, freeSeatNobodyWaits, promoteFreed } from './seats';

/** Withdraws the caller's registration; the seat it frees goes to the head of the waitlist at once. */
export const unregisterFromMeeting: Handler<'meeting.unregister'> = async (ctx) => {
  const db = ctx.db();
  const { caller, now } = ctx;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  const guess = likelyUnitKey(m, caller);
  // The roll, the registration of the entry the caller most likely has, and the pool as it
  // stands before this call gives its place back (read with the caller's record): at once.
  const [entries, guessed, poolBefore] = await Promise.all([
    rollEntriesOf(db, m, caller.memberId),
    guess ? db.get('meetingRegistrations', registrationId(m._id, guess)) : Promise.resolve(null),
    m.seats !== null ? db.get('meetingSeats', meetingSeatId(m._id)) : Promise.resolve(null),
  ]);
  const [entry] = entries;
  const r = !entry ? null : entry.unitKey === guess ? guessed : await db.get('meetingRegistrations', registrationId(m._id, entry.unitKey));
  if (!r) throw fieldError('NOT_FOUND', 'meetingId', '您没有报名本次会议');
  let registration = r;
  // Gives back the place this incarnation holds, whichever list it is on — on a retry too,
  // so a withdrawal cut short after its record was saved still frees its seat. Only once the
  // record says withdrawn: a refused change (someone promoted it meanwhile) keeps the seat.
  // A seat freed while nobody waits (as the pool read before says is likely) owes no
  // promotion, so the pool is not looked at again; otherwise the engine's release, then the promotion.
  let freedQuietly = false;
  const release = async () => {
    if (poolBefore && poolBefore.waitlistCount === 0 && poolBefore.holders[r._id] === r.claim && (await freeSeatNobodyWaits(db, m, r._id, r.claim))) {
      freedQuietly = true;
      return 'seat';
    }
    // On neither list as read before: given back already. A claim never comes back to a list once off it.
    if (poolBefore && poolBefore.holders[r._id] !== r.claim && poolBefore.waiting[r._id] !== r.claim) return false;
    return releasePlace(db, 'meetingSeats', meetingSeatId(m._id), r._id, r.claim);
  };
  if (r.status !== 'withdrawn') {
    if (m.status !== 'noticed' || now >= m.startsAt) throw new AppError('CLOSED', '会议已经开始，不能再取消报名');
    // The place goes back beside the withdrawal's event, once the record says withdrawn.
    registration = await changeRegistration(db, r, { status: 'withdrawn' }, 'meeting.unregistered', caller, now, release);
  } else {
    // A retry: the withdrawal may have died before its event reached `events`, or before its place went back.
    await Promise.all([release(), settleLastEvent(db, r)]);
  }
  if (freedQuietly && poolBefore) {
    // The pool as read before, less this seat: the view's counts without reading it again.
    const { [r._id]: _freed, ...holders } = poolBefore.holders;
    const pool: MeetingSeatRecord = { ...poolBefore, seatsLeft: poolBefore.seatsLeft + 1, holders };
    return meetingView(ctx, m, { known: { entries, registration, pool } });
  }
  const { pool } = await promoteFreed(db, ctx.deps.notifier, m, now);
  return meetingView(ctx, m, { known: { entries, registration, ...(pool !== undefined ? { pool } : {}) } });
};
