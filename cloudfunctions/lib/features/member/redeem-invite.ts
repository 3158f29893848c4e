import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { callerFromRecord } from '../../kernel/caller';
import type { MemberRecord } from '../../kernel/members';
import { bindHousehold } from './bind-household';
import { checkName } from './display-name';
import { getMe } from './get-me';
import { bindingRequestId, inviteId } from './records';

/**
 * Claims a one-time code by a conditional update (unused and unexpired, and for a member of
 * a community, of theirs), then binds. The claim needs nothing read first: it goes beside
 * the read of the invite, which names the flat (older invites: the household is read) and
 * says afterwards why a claim was refused. If binding is refused the claim is released, so
 * a code is never burnt by a failed attempt.
 */
export const redeemInvite: Handler<'member.redeemInvite'> = async (ctx) => {
  const { caller, now } = ctx;
  const memberId = caller.memberId;
  if (caller.householdId) throw new AppError('MEMBER_ALREADY_BOUND');
  // The name the resident gives is checked like any text, before the code is touched.
  if (ctx.input.name !== undefined) await checkName(ctx, ctx.input.name);
  const id = inviteId(ctx.input.code);
  const [invite, claimed] = await Promise.all([
    ctx.deps.store.get('invites', id),
    ctx.deps.store.update('invites', id, { usedBy: memberId, usedAt: now }, { usedBy: null, expiresAt: { $gt: now }, ...(caller.communityId ? { communityId: caller.communityId } : {}) }),
  ]);
  if (!claimed || !invite) {
    if (invite && invite.usedBy === null && invite.expiresAt > now && caller.communityId && caller.communityId !== invite.communityId) {
      throw new AppError('FORBIDDEN', '您已是其他社区的成员，请联系社区调整');
    }
    throw new AppError('INVITE_INVALID');
  }
  const db = ctx.dbFor(invite.communityId);

  let bound: MemberRecord;
  let mooted: Promise<unknown> = Promise.resolve();
  try {
    // The flat as the invite names it; an invite written before it did names only its id.
    const household = invite.household ? { _id: invite.householdId, ...invite.household } : await db.get('households', invite.householdId);
    if (!household) throw new AppError('NOT_FOUND');
    const building = await db.require('buildings', household.buildingId);
    bound = await bindHousehold(
      db,
      caller,
      { memberId, openid: caller.openid, name: ctx.input.name ?? caller.name },
      { id: household._id, buildingId: building._id, buildingName: building.name, unit: household.unit, room: household.room },
      now,
      'invite',
      {
        householdRead: true,
        // A record always names its community: without one the caller has none yet.
        fresh: !caller.communityId,
        // A request still waiting for review is moot now.
        // (Awaited apart: once bound, the code stays used whatever becomes of this.)
        alongside: () => (mooted = ctx.deps.store.update(
          'bindingRequests',
          bindingRequestId(memberId),
          { status: 'expired', reason: '已通过邀请码绑定', reviewedAt: now },
          { status: 'pending' },
        )).catch(() => undefined),
      },
    );
  } catch (err) {
    await ctx.deps.store.update('invites', id, { usedBy: null, usedAt: null }, { usedBy: memberId });
    throw err;
  }
  await mooted;
  // The caller as they are now, from the record just written: no second read.
  const fresh = callerFromRecord(caller.openid, bound, ctx.deps.config);
  return getMe({ ...ctx, caller: { ...fresh, openid: caller.openid, memberId: caller.memberId }, input: {} });
};
