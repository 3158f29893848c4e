import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { callerFromRecord, type IdentifiedCaller } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { changeMember } from '../../kernel/members';
import { getMe } from './get-me';

/**
 * A name staff read on every concern and booking passes the shared content check first. A
 * name is shown at once to others and has no hold, so one the check cannot clear is refused.
 */
export async function checkName(ctx: HandlerContext<unknown, IdentifiedCaller>, name: string, field = 'name'): Promise<void> {
  await checkWritten(ctx, { [field]: name }, { scene: 'profile' });
}

/** The caller sets the name staff know them by (residents bound by invite code have none). */
export const setName: Handler<'member.setName'> = async (ctx) => {
  const { caller, input, now } = ctx;
  await checkName(ctx, input.name);
  let before: string | null = null;
  const member = await changeMember(ctx.deps.store, caller.memberId, now, (m) => {
    if (m?.deletedAt || (!m && !caller.communityId)) throw new AppError('NOT_FOUND', '成员不存在');
    before = m?.name ?? null;
    // A first admin from configuration may have no record yet: the name starts one (roles stay configured).
    if (!m) return { openid: caller.openid, communityId: caller.communityId as string, roles: [], gridIds: [], householdId: null, household: null, name: input.name };
    return { ...m, name: input.name };
  });
  // Names stay out of the shared audit trail (it outlives an account deletion): only that it changed.
  const fresh = callerFromRecord(caller.openid, member, ctx.deps.config);
  const [, me] = await Promise.all([
    before !== input.name
      ? appendEvent(ctx.db(), caller, { key: `renamed:v${member.version}`, subject: `member:${member._id}`, type: 'member.renamed', public: false, at: now })
      : null,
    getMe({ ...ctx, caller: { ...fresh, openid: caller.openid, memberId: caller.memberId }, input: {} }),
  ]);
  return me;
};
