import type { ContractParsed } from '../../../../miniprogram/core/action';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { signUp as signUpContract } from '../../../../miniprogram/core/volunteer/contract';
import type { Handler, HandlerContext, PrefetchOf } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { releasePlace, takePlace } from '../../kernel/seat-pool';
import type { ScopedStore } from '../../kernel/scoped-store';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import type { ActivityRecord, SignupRecord } from '../volunteer/records';
import { ineligibility, volunteerIdFor } from '../volunteer/rules';
import { holdTime, releaseTime } from './agenda';
import { agendaIdFor, claimFor, poolIdFor, signupIdFor } from './ids';
import { cancelSignups } from './cancel-activity';
import { toSignupView } from './presenters';
import { OPEN_SIGNUP } from './rules';
import { changeSignup, offerFreedSeats } from './steps';

type Ctx = HandlerContext<ContractParsed<typeof signUpContract>>;

/** Read with the caller's record: everything the first step reads, all known by id from the input. */
export const prefetchSignUp: PrefetchOf<'activity.signup'> = (input, me) => ({
  activity: { collection: 'activities', id: input.activityId },
  volunteer: { collection: 'volunteers', id: volunteerIdFor(me) },
  signup: { collection: 'signups', id: signupIdFor(input.activityId, input.shiftId, me) },
  agenda: { collection: 'volunteerAgendas', id: agendaIdFor(me) },
});

/**
 * Takes a seat in the role's pool for the shift, or a waitlist place when it is full. In
 * turn: the role's requirements (条例 Art. 15), the person's time (no two overlapping
 * shifts: the agenda), the seat itself (the shared seat engine); a later refusal gives the
 * earlier claims back. The id is (activity, shift, person): retries and double taps make
 * one sign-up, and one person holds one role per shift.
 */
export const signUp: Handler<'activity.signup'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const id = signupIdFor(input.activityId, input.shiftId, caller.memberId);
  // Everything this step reads is known by id from the input: one wait for all four.
  const [a, v, existing, agenda] = await Promise.all([
    db.get('activities', input.activityId),
    db.get('volunteers', volunteerIdFor(caller.memberId)),
    db.get('signups', id),
    db.get('volunteerAgendas', agendaIdFor(caller.memberId)),
  ]);
  if (!a || a.status === 'draft') throw fieldError('NOT_FOUND', 'activityId', '活动不存在');
  if (a.status !== 'published') throw new AppError('CLOSED', a.status === 'cancelled' ? '活动已取消' : '活动已结束');
  const shift = a.shifts.find((s) => s.shiftId === input.shiftId);
  if (!shift) throw fieldError('NOT_FOUND', 'shiftId', '班次不存在');
  const role = a.roles.find((r) => r.roleId === input.roleId);
  if (!role || !a.seats.some((x) => x.shiftId === shift.shiftId && x.roleId === role.roleId)) throw fieldError('NOT_FOUND', 'roleId', '该班次没有这个岗位');
  if (now >= a.signupDeadline || now >= shift.startAt) throw new AppError('CLOSED', '报名已截止');

  if (!v) throw new AppError('FORBIDDEN', '请先登记为志愿者再报名');
  if (v.status !== 'active') throw new AppError('FORBIDDEN', v.status === 'pendingVerification' ? '您的志愿者登记正在等待社区核实，核实后即可报名' : '您的志愿者资格已暂停，请联系社区');
  const why = ineligibility(role, v, shift.startAt);
  if (why) throw fieldError('VALIDATION_ERROR', 'roleId', why);

  const poolId = poolIdFor(a._id, shift.shiftId, role.roleId);
  if (existing && OPEN_SIGNUP.includes(existing.status)) {
    if (existing.roleId !== role.roleId) throw fieldError('CONFLICT', 'roleId', `您已报名该班次的「${a.roles.find((r) => r.roleId === existing.roleId)?.name ?? '其他'}」岗位`);
    // A retry: the call that saved it may have died before its event reached `events`.
    const [pool] = await Promise.all([existing.status === 'waitlisted' ? db.get('activitySeats', poolId) : null, settleLastEvent(db, existing)]);
    return toSignupView(caller, withoutLastEvent(existing), a, pool, now);
  }
  const version = (existing?.version ?? 0) + 1;
  const claim = claimFor(id, role.roleId, version);
  // The time and the place are claimed at once, each by its own conditional write under this
  // claim; a refusal of either gives the other back, the time's refusal speaking first.
  const [time, taken] = await Promise.allSettled([holdTime(db, caller.memberId, id, claim, shift, now, agenda), takePlace(db, 'activitySeats', poolId, id, claim)]);
  if (time.status === 'rejected') {
    if (taken.status === 'fulfilled' && taken.value !== 'full' && (await releasePlace(db, 'activitySeats', poolId, id, claim)) === 'seat') {
      // The seat was ours a moment: whoever queued meanwhile moves up.
      await offerFreedSeats(db, ctx.deps.notifier, poolId, now, { startAt: shift.startAt, title: a.title });
    }
    throw time.reason;
  }
  if (taken.status === 'rejected' || taken.value === 'full') {
    await releaseTime(db, caller.memberId, id, claim);
    if (taken.status === 'rejected') throw taken.reason;
    throw new AppError('FULL', '该岗位名额和候补都已满，请选择其他岗位或班次');
  }
  const place = taken.value;

  const record: SignupRecord = {
    _id: id, communityId: db.communityId, activityId: a._id, shiftId: shift.shiftId, roleId: role.roleId, memberId: caller.memberId, name: v.name,
    startAt: shift.startAt, endAt: shift.endAt, status: place === 'seat' ? 'booked' : 'waitlisted', claim,
    offeredUntil: null, withdrawReason: null, wakeAt: null, version, createdAt: now, updatedAt: now,
  };
  const type = record.status === 'booked' ? 'activity.signedUp' : 'activity.waitlisted';
  const event = eventRecord(db, caller, { key: `v${version}:${type}`, subject: `signup:${id}`, type, from: existing?.status ?? null, to: record.status, public: false, at: now });
  // The sign-up carries its audit event (kernel/versioned.ts), so both land in one write: a
  // new sign-up is inserted if absent, a re-made one replaces the ended incarnation it read.
  // Either way a parallel retry that saved first wins and this one saves nothing.
  const carried = { ...record, lastEvent: event } as SignupRecord;
  const { _id: _i, communityId: _c, ...fields } = carried;
  const [saved] = await Promise.all([
    existing ? db.update('signups', id, fields, { version: existing.version }) : db.insert('signups', carried),
    settleLastEvent(db, existing),
  ]);
  if (!saved) {
    const stored = (await db.get('signups', id)) as SignupRecord;
    await settleLastEvent(db, stored);
    return view(ctx, db, withoutLastEvent(stored), a);
  }
  // The pool after the save says three things at once: whether a withdrawal moved this
  // sign-up onto a seat before it was saved, its waitlist place, and whether a cancellation
  // (which closes the pools before it looks for sign-ups) may have missed it. The volunteer
  // is told beside it: the sign-up is saved, and a cancellation that comes after tells them
  // again, as it would had it come a moment later.
  const [pool] = await Promise.all([db.get('activitySeats', poolId), db.insert('events', event), notifySigned(ctx, record, a)]);
  let stored = record;
  if (record.status === 'waitlisted') {
    if (pool?.holders[id] === claim) {
      // Promoted before it was saved: the promotion could not find it to offer the seat, so it takes the seat now.
      stored = await changeSignup(db, 'system', record, { status: 'booked' }, { type: 'activity.promoted' }, now).catch(async (err) => {
        if (err instanceof AppError && err.code === 'CONFLICT') return withoutLastEvent((await db.get('signups', id)) as SignupRecord);
        throw err;
      });
    } else {
      await offerFreedSeats(db, ctx.deps.notifier, poolId, now, { startAt: shift.startAt });
    }
  }
  if (pool?.status !== 'open') {
    // Closed: cancelled while this sign-up was on its way, and the cancellation may have missed it.
    const fresh = await db.get('activities', a._id);
    if (fresh?.status === 'cancelled') {
      await cancelSignups(db, ctx.deps.notifier, fresh, now);
      return view(ctx, db, withoutLastEvent((await db.get('signups', id)) ?? stored), a);
    }
  }
  return toSignupView(caller, stored, a, stored.status === 'waitlisted' ? pool : null, now);
};

async function view(ctx: Ctx, db: ScopedStore, s: SignupRecord, a: ActivityRecord) {
  const pool = s.status === 'waitlisted' ? await db.get('activitySeats', poolIdFor(s.activityId, s.shiftId, s.roleId)) : null;
  return toSignupView(ctx.caller, s, a, pool, ctx.now);
}

/** The volunteer hears of the sign-up once: the notice id names this incarnation. */
async function notifySigned(ctx: Ctx, s: SignupRecord, a: ActivityRecord): Promise<void> {
  const booked = s.status === 'booked';
  await ctx.deps.notifier.notify({
    id: `signup:${s._id}:${s.claim}:created`, communityId: s.communityId, recipientId: s.memberId, kind: booked ? 'activity.booked' : 'activity.waitlisted',
    title: booked ? `报名成功：${a.title}` : `已进入候补：${a.title}`,
    body: booked ? `地点：${a.place}。如不能参加，请提前在「我的报名」退出，把名额留给别人。` : '有名额空出时会通知您确认。',
    page: '/pages/volunteer/signups/index',
  });
}
