import { TEMPLATE_KEYS } from '../../../../miniprogram/core/notify/contract';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { subscriptionId } from './records';

/** Messages the person received and the pushes they allowed. */
export const notifyPersonalData: PersonalData = {
  collections: ['inbox', 'subscriptions'],
  async export({ ctx, all, memberId }) {
    const [{ items, truncated }, consents] = await Promise.all([
      all('inbox', { recipientId: memberId }, 'createdAt'),
      ctx.deps.store.getMany('subscriptions', TEMPLATE_KEYS.map((k) => subscriptionId(memberId, k))),
    ]);
    return {
      sections: {
        messages: items.map((m) => ({ title: m.title, body: m.body, receivedAt: m.createdAt, read: m.read })),
        consents: consents.map((c) => ({ template: c.templateKey, balance: c.balance })),
      },
      truncated,
    };
  },
  // A deleted person's messages have no reader left; they go, with the consents.
  async erase(deps, member) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('inbox', { recipientId: member._id }, 'createdAt', (m) => db.remove('inbox', m._id));
    for (const key of TEMPLATE_KEYS) await deps.store.remove('subscriptions', subscriptionId(member._id, key));
  },
};
