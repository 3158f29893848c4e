import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import { takePlace } from '../../kernel/seat-pool';
import { registrationClaim } from './ids';
import { loadMeeting } from './load';
import { meetingPage } from './notices';
import { meetingView, positionText, whenText } from './presenters';
import type { ScopedStore } from '../../kernel/scoped-store';
import { registrationOfUnitQuery } from './prefetch';
import { meetingSeatId, registrationId, type MeetingRecord, type MeetingSeatRecord, type RegistrationRecord } from './records';
import { likelyUnitKey, rollEntriesOf } from './roll';
import { confirmPromoted, ensurePool, promoteFreed } from './seats';

/**
 * The registration of the entry the caller most likely has, asked as prefetchRegister read it:
 * on a household roll by its unit key (the household came with the caller's record), else by id.
 */
async function likelyRegistration(db: ScopedStore, m: MeetingRecord, unitKey: string): Promise<RegistrationRecord | null> {
  const id = registrationId(m._id, unitKey);
  if (m.roll.kind !== 'household') return db.get('meetingRegistrations', id);
  return (await db.query('meetingRegistrations', registrationOfUnitQuery(m._id, unitKey))).items.find((r) => r._id === id) ?? null;
}

/**
 * Registers the caller's roll entry (their household, or themselves) for a meeting with
 * limited seats: a seat while any is left and nobody waits, else a place on the waitlist in
 * order of arrival. One registration per entry (its id), so a household registers once
 * whoever of it taps; a retry returns the registration made.
 */
export const registerForMeeting: Handler<'meeting.register'> = async (ctx) => {
  const db = ctx.db();
  const { caller, now } = ctx;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  if (m.seats === null) throw fieldError('CONFLICT', 'meetingId', '本次会议不需要报名，名册上的人直接到会即可');
  if (m.status !== 'noticed' || now >= m.startsAt) throw new AppError('CLOSED', m.status === 'cancelled' ? '会议已取消' : '报名已截止');
  const poolId = meetingSeatId(m._id);
  const guess = likelyUnitKey(m, caller);
  // The roll, the registration of the entry the caller most likely has, and the pool as it
  // stands before this call takes a place in it (read with the caller's record): at once.
  // All three were read with the caller's record (prefetchRegister): no wait of their own.
  const [entries, guessed, poolBefore] = await Promise.all([
    rollEntriesOf(db, m, caller.memberId, { viaFirst: true }),
    guess ? likelyRegistration(db, m, guess) : Promise.resolve(null),
    db.get('meetingSeats', poolId),
  ]);
  const [entry] = entries;
  if (!entry) throw new AppError('FORBIDDEN', '您不在本次会议的名册上，不能报名');
  const id = registrationId(m._id, entry.unitKey);
  const existing = entry.unitKey === guess ? guessed : await db.get('meetingRegistrations', id);
  if (existing && existing.status !== 'withdrawn') {
    // A retry: the call that saved it may have died before its event reached `events`.
    const [view] = await Promise.all([meetingView(ctx, m, { known: { entries, registration: existing, pool: poolBefore } }), settleLastEvent(db, existing)]);
    return view;
  }

  const version = (existing?.version ?? 0) + 1;
  const claim = registrationClaim(id, version);
  let place = await takePlace(db, 'meetingSeats', poolId, id, claim);
  // The seat taken at the first try, in the pool read just before: the view's counts without reading it again.
  let seatedIn: MeetingSeatRecord | null = place === 'seat' && poolBefore ? { ...poolBefore, seatsLeft: poolBefore.seatsLeft - 1, holders: { ...poolBefore.holders, [id]: claim } } : null;
  // No pool: a crash at create left none. Made now, and the place taken in it.
  if (place === 'full' && (await ensurePool(db, m)).record) {
    place = await takePlace(db, 'meetingSeats', poolId, id, claim);
    seatedIn = null;
  }
  if (place === 'full') throw new AppError('FULL', '名额和候补都已满');
  const record: RegistrationRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, unitKey: entry.unitKey, memberId: caller.memberId,
    status: place === 'seat' ? 'registered' : 'waitlisted', claim, at: now, version,
  };
  const type = record.status === 'registered' ? 'meeting.registered' : 'meeting.waitlisted';
  const event = eventRecord(db, caller, { key: `v${version}:${type}`, subject: `mreg:${id}`, type, from: existing?.status ?? null, to: record.status, public: false, at: now });
  // No transaction: one write decides — the insert of a first registration under its id, or
  // the compare-and-set on the withdrawn one's version — with the event riding in it
  // (kernel/versioned.ts); a housemate at the same moment loses it and sees theirs.
  const { _id: _same, ...fields } = record;
  const saved = existing
    ? (await Promise.all([
        db.update('meetingRegistrations', id, { ...fields, lastEvent: event }, { version: existing.version }),
        // The withdrawal before may have died before its event reached `events`.
        settleLastEvent(db, existing),
      ]))[0]
    : await db.insert('meetingRegistrations', { ...record, lastEvent: event } as RegistrationRecord);
  if (!saved) return meetingView(ctx, m, { known: { entries } });
  let stored = record;
  if (record.status === 'waitlisted') {
    await db.insert('events', event);
    // A seat freed while this was on its way may already hold our claim (the promotion found
    // no record to tell); or one is free now with nobody told. Either way it is taken now.
    stored = await confirmPromoted(db, ctx.deps.notifier, m, record, now);
    if (stored.status === 'waitlisted') await promoteFreed(db, ctx.deps.notifier, m, now);
  }
  // One message for this incarnation: 报名成功, or its place on the waitlist (a promotion sends its own).
  const seated = record.status === 'registered';
  let pool: MeetingSeatRecord | null | undefined;
  if (seated || stored.status === 'waitlisted') {
    pool = seated ? seatedIn ?? undefined : await db.get('meetingSeats', poolId);
    await Promise.all([
      seated ? db.insert('events', event) : Promise.resolve(false),
      ctx.deps.notifier.notify({
        id: `mreg:${id}:${claim}:created`, communityId: db.communityId, recipientId: caller.memberId, kind: seated ? 'meeting.registered' : 'meeting.waitlisted',
        title: seated ? `报名成功：${m.title}` : `已进入候补：${m.title}`,
        body: seated
          ? `会议时间：${whenText(m.startsAt)}，地点：${m.place}。如不能参加，请提前取消报名，把名额留给别人。`
          : `${positionText(pool ?? null, id) ?? '候补'}。有名额空出时会自动递补并通知您。`,
        page: meetingPage(m._id),
      }),
    ]);
  }
  return meetingView(ctx, m, { known: { entries, registration: stored, ...(pool !== undefined ? { pool } : {}) } });
};
