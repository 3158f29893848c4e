import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { changeMember } from '../../kernel/members';

/** `13812345678` → `138****5678`: enough to recognise, not enough to call. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/**
 * Stores the number WeChat verified for the caller, encrypted; only the owner and the staff
 * handling their items ever see it in full.
 */
export const setPhone: Handler<'privacy.setPhone'> = async (ctx) => {
  const phone = await ctx.deps.phones.exchange(ctx.input.code);
  const memberId = ctx.caller.memberId;
  const saved = await changeMember(ctx.deps.store, memberId, ctx.now, (m) => ({
    openid: m?.openid ?? ctx.caller.openid,
    communityId: m?.communityId ?? (ctx.caller.communityId as string),
    roles: m?.roles ?? [],
    gridIds: m?.gridIds ?? [],
    householdId: m?.householdId ?? null,
    household: m?.household ?? null,
    name: m?.name ?? null,
    away: m?.away ?? null,
    phoneEnc: ctx.deps.cipher.encrypt(phone),
    phoneMasked: maskPhone(phone),
  }));
  await Promise.all([
    // Copies on other records follow, so staff never call a number the resident has replaced.
    ...(saved.communityId ? ctx.features.personalData.map((p) => p.phoneChanged?.(ctx.deps, saved)) : []),
    ctx.caller.communityId
      ? appendEvent(ctx.db(), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${memberId}`, type: 'member.phoneSet', public: false, to: maskPhone(phone), at: ctx.now })
      : undefined,
  ]);
  return { phone };
};
