import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { changeMember } from '../../kernel/members';
import { adminCodeId, communitySubject } from './ids';

const INVALID = '加入码无效、已使用或已过期，请向街道重新索取';

/**
 * 成为社区管理员. The code is claimed by a conditional update (unused, unexpired) before the
 * member changes, so two people racing for one code make one admin; a member of another
 * community cannot take it (their records live there).
 */
export const redeemAdminCode: Handler<'subdistrict.redeemAdminCode'> = async (ctx) => {
  const { caller, now, input } = ctx;
  const store = ctx.deps.store;
  const id = adminCodeId(input.code);
  const code = await store.get('adminCodes', id);
  await checkWritten(ctx, { name: input.name }, { scene: 'profile' });
  if (!code || code.usedBy !== null || code.expiresAt <= now) throw new AppError('INVITE_INVALID', INVALID);
  if (caller.communityId && caller.communityId !== code.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，不能成为这个社区的管理员');
  const community = await store.get('communities', code.communityId);
  if (!community?.active) throw new AppError('INVITE_INVALID', INVALID);
  if (!(await store.update('adminCodes', id, { usedBy: caller.memberId, usedAt: now }, { usedBy: null, expiresAt: { $gt: now } }))) throw new AppError('INVITE_INVALID', INVALID);
  await changeMember(store, caller.memberId, now, (m) => ({
    openid: m?.openid ?? caller.openid,
    communityId: code.communityId,
    roles: [...new Set([...(m?.roles ?? []), 'admin' as const])],
    gridIds: m?.gridIds ?? [],
    departmentId: m?.departmentId ?? null,
    householdId: m?.householdId ?? null,
    household: m?.household ?? null,
    name: m?.name ?? input.name,
    away: m?.away ?? null,
  }));
  await appendEvent(ctx.dbFor(code.communityId), caller, { key: `joined:${id}`, subject: communitySubject(code.communityId), type: 'subdistrict.adminJoined', public: false, note: input.name, at: now });
  return { communityId: code.communityId, communityName: community.name };
};
