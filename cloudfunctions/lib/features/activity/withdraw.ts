import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import type { ActivityRecord, ActivitySeatRecord, SignupRecord } from '../volunteer/records';
import { volunteerIdFor } from '../volunteer/rules';
import { toSignupView } from './presenters';
import { OPEN_SIGNUP } from './rules';
import { changeSignup, doneFreeing, freeSignup, offerFreedSeats, poolOf, releaseClaims } from './steps';

/** Read with the caller's record: the sign-up, by its id. */
export const prefetchWithdraw: PrefetchOf<'activity.withdraw'> = (input) => ({ signup: { collection: 'signups', id: input.signupId } });

/**
 * The volunteer withdraws (from a seat, the waitlist or an offer) with a reason, before the
 * shift starts. The seat goes to the first waiting; the organiser and the 项目负责人 are told.
 */
export const withdrawSignup: Handler<'activity.withdraw'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const s = await db.get('signups', input.signupId);
  if (!s || s.memberId !== caller.memberId) throw new AppError('NOT_FOUND', '报名不存在');
  if (s.status === 'withdrawn' && s.wakeAt !== null) {
    // A retry after a crash mid-withdrawal: finish giving back the place and the time, and
    // make sure the withdrawal's event reached `events`.
    const read = db.get('activities', s.activityId);
    const [a] = await Promise.all([read, freeSignup(db, ctx.deps.notifier, s, now, { time: false, title: read.then((x) => x?.title, () => undefined), resend: true }), settleLastEvent(db, s)]);
    return toSignupView(caller, withoutLastEvent(s), a, null, now);
  }
  if (!OPEN_SIGNUP.includes(s.status)) throw new AppError('CLOSED', '该报名已结束');
  if (now >= s.startAt) throw new AppError('CLOSED', '班次已开始，不能退出；如有急事请联系组织者');
  // wakeAt now: if this call dies before everything is given back, the sweep finishes it.
  // Once the withdrawal has landed, beside its event, the place goes back, and just behind
  // the release the pool (who moves up) and the activity (it names the notices and the
  // reply) are read in one round-trip.
  let reads: Promise<[ActivitySeatRecord | null, ActivityRecord | null]> | undefined;
  const next = await changeSignup(db, caller, s, { status: 'withdrawn', withdrawReason: input.reason, offeredUntil: null, wakeAt: now }, { type: 'activity.withdrawn', note: input.reason }, now, async (n) => {
    const released = releaseClaims(db, n, { time: false });
    reads = Promise.all([db.get('activitySeats', poolOf(n)), db.get('activities', n.activityId)]);
    await Promise.all([released, reads]);
  });
  const [pool, a] = await reads!;
  // The read may have reached the pool before the release did (it still names this claim
  // then): nothing is known of who moves up, and the pool is read again. Seen after the
  // release, it is the pool as the release left it.
  const afterRelease = pool !== null && pool.holders[s._id] !== s.claim && pool.waiting[s._id] !== s.claim;
  await offerFreedSeats(db, ctx.deps.notifier, poolOf(next), now, { startAt: next.startAt, title: a?.title, ...(afterRelease ? { pool } : {}) });
  // Once the seat has gone on, the sweep is let off and the organisers are told, at once.
  await Promise.all([doneFreeing(db, next), a ? tellOrganisers(ctx, s, next.version, a) : null]);
  return toSignupView(caller, next, a, null, now);
};

/** The organiser and the 项目负责人 hear of it, under the volunteer's name as they signed up. */
async function tellOrganisers(ctx: Parameters<typeof withdrawSignup>[0], s: SignupRecord, version: number, a: ActivityRecord): Promise<void> {
  const recipients = [...new Set([a.organiserId, a.leadId])].filter((r) => r !== ctx.caller.memberId);
  if (recipients.length === 0) return;
  // Older sign-ups carry no name: read the volunteer's.
  const name = s.name ?? (await ctx.db().get('volunteers', volunteerIdFor(s.memberId)))?.name;
  const roleName = a.roles.find((r) => r.roleId === s.roleId)?.name ?? '';
  await Promise.all(recipients.map((recipientId) => ctx.deps.notifier.notify({
    id: `signup:${s._id}:v${version}:withdrawn:${recipientId}`, communityId: s.communityId, recipientId, kind: 'activity.withdrawn',
    title: `有人退出：${a.title}`, body: `${name ?? '一位志愿者'}退出了「${roleName}」${s.status === 'booked' ? '' : '（候补）'}：${ctx.input.reason}`,
    page: `/staff/activity-roster/index?activityId=${a._id}`,
  })));
}
