import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { changeMember, type MemberRecord } from '../../kernel/members';
import { adminCodeId, communitySubject } from './ids';

const INVALID = '加入码无效、已使用或已过期，请向街道重新索取';

/**
 * 成为社区管理员. The code is claimed by a conditional update (unused, unexpired, and for a
 * member of a community, of theirs: their records live there) before the member changes, so
 * two people racing for one code make one admin. The claim needs nothing read first: it goes
 * beside the read of the code, which says afterwards why a claim was refused.
 */
export const redeemAdminCode: Handler<'subdistrict.redeemAdminCode'> = async (ctx) => {
  const { caller, now, input } = ctx;
  const store = ctx.deps.store;
  const id = adminCodeId(input.code);
  // The claim follows the name's check (a refused name burns nothing), beside the read.
  const [code, claimed] = await Promise.all([
    store.get('adminCodes', id),
    checkWritten(ctx, { name: input.name }, { scene: 'profile' }).then(() =>
      store.update('adminCodes', id, { usedBy: caller.memberId, usedAt: now }, { usedBy: null, expiresAt: { $gt: now }, ...(caller.communityId ? { communityId: caller.communityId } : {}) })),
  ]);
  if (!claimed || !code) {
    if (code && code.usedBy === null && code.expiresAt > now && caller.communityId && caller.communityId !== code.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，不能成为这个社区的管理员');
    throw new AppError('INVITE_INVALID', INVALID);
  }
  // The community's list is the reference cache's (no round-trip when warm).
  const community = await store.get('communities', code.communityId);
  if (!community?.active) {
    await store.update('adminCodes', id, { usedBy: null, usedAt: null }, { usedBy: caller.memberId });
    throw new AppError('INVITE_INVALID', INVALID);
  }
  const fields = (m: MemberRecord | null) => ({
    openid: m?.openid ?? caller.openid,
    communityId: code.communityId,
    roles: [...new Set([...(m?.roles ?? []), 'admin' as const])],
    gridIds: m?.gridIds ?? [],
    departmentId: m?.departmentId ?? null,
    householdId: m?.householdId ?? null,
    household: m?.household ?? null,
    name: m?.name ?? input.name,
    away: m?.away ?? null,
  });
  // The code is theirs: the record and the step's event need nothing of each other. Someone
  // with no record yet (no community) is created by one insert under their id, as
  // changeMember would after reading nothing; a record that exists after all refuses it and
  // the compare-and-set decides.
  const created: MemberRecord | null = caller.communityId ? null : { _id: caller.memberId, ...fields(null), version: 1, createdAt: now, updatedAt: now };
  await Promise.all([
    (async () => (created && (await store.insert('members', created)) ? created : changeMember(store, caller.memberId, now, fields)))(),
    appendEvent(ctx.dbFor(code.communityId), caller, { key: `joined:${id}`, subject: communitySubject(code.communityId), type: 'subdistrict.adminJoined', public: false, note: input.name, at: now }),
  ]);
  return { communityId: code.communityId, communityName: community.name };
};
