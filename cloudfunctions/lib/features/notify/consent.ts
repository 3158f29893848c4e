import { CONSENT_MOMENTS, type TemplateKey } from '../../../../miniprogram/core/notify/contract';
import type { Handler } from '../../kernel/action';
import { op } from '../../ports/store';
import { subscriptionId, type SubscriptionRecord } from './records';

/** Template ids to request at a tap; only templates this deployment configured. */
export const templatesFor: Handler<'notify.templates'> = async (ctx) => {
  const configured = ctx.deps.config.templates;
  return {
    templates: CONSENT_MOMENTS[ctx.input.moment]
      .filter((key) => configured[key] !== undefined)
      .map((key) => ({ key, templateId: configured[key]!.id })),
  };
};

/**
 * Each "accept" in WeChat's dialog allows one message of that template: the balance grows
 * by one per accept. WeChat keeps the real count; ours only decides whether to try, and a
 * refusal from WeChat resets it.
 */
export const recordConsent: Handler<'notify.recordConsent'> = async (ctx) => {
  const memberId = ctx.caller.memberId;
  const communityId = ctx.caller.communityId ?? 'none';
  const balances: Partial<Record<TemplateKey, number>> = {};
  for (const [key, result] of Object.entries(ctx.input.results) as Array<[TemplateKey, string]>) {
    if (!ctx.deps.config.templates[key]) continue;
    const id = subscriptionId(memberId, key);
    await ctx.deps.store.insert('subscriptions', { _id: id, communityId, memberId, templateKey: key, balance: 0, spent: {}, updatedAt: ctx.now } satisfies SubscriptionRecord);
    if (result === 'accept') await ctx.deps.store.update('subscriptions', id, { balance: op.inc(1), updatedAt: ctx.now });
    // "ban" means the person switched this template off in settings: stop trying.
    if (result === 'ban') await ctx.deps.store.update('subscriptions', id, { balance: 0, updatedAt: ctx.now });
    balances[key] = (await ctx.deps.store.get('subscriptions', id))?.balance ?? 0;
  }
  return { balances };
};
