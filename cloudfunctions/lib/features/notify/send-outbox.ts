/**
 * Pushes pending subscription messages. Each message is claimed by a conditional update
 * (a crashed sender's claim runs out and the message is claimed again), consumes one unit
 * of the recipient's consent exactly once (`spent.<id>`), is sent with its id as the
 * idempotency key, and is marked sent. A message with no consent left stays in the inbox.
 * In the sweep it stops between messages once the run's round-trip budget is spent; the
 * rest are still pending and due, earliest first, so the next run goes on with them.
 */
import type { Deps } from '../../kernel/deps';
import { fillTemplate } from './templates';
import { spentKey, subscriptionId, type InboxRecord } from './records';
import type { SubscriptionSender } from '../../ports/platform';
import { op } from '../../ports/store';
import { budgetSpent } from '../../kernel/sweep-budget';

/** How long a claim holds before another sender may take the message over. */
export const CLAIM_MS = 60_000;
export const MAX_ATTEMPTS = 5;

export async function sendOutbox(deps: Deps, sender: SubscriptionSender, now: number, budget: { messages: number }) {
  const counts = { sent: 0, inAppOnly: 0, retried: 0, failed: 0, skipped: 0 };
  const due = await deps.store.query('inbox', {
    where: { pushStatus: { $in: ['pending', 'sending'] }, pushDueAt: { $lte: now } },
    orderBy: { field: 'pushDueAt', dir: 'asc' },
    limit: budget.messages,
  });
  const members = new Map((await deps.store.getMany('members', due.items.map((m) => m.recipientId))).map((m) => [m._id, m]));
  for (const m of due.items) {
    // Out of the run's budget: what is left stays pending and due, the next run sends it.
    if (budgetSpent(deps.store)) break;
    const claimed = await deps.store.update('inbox', m._id, { pushStatus: 'sending', pushDueAt: now + CLAIM_MS }, { pushStatus: m.pushStatus, pushDueAt: m.pushDueAt });
    if (!claimed) {
      counts.skipped += 1;
      continue;
    }
    const settle = (fields: Partial<InboxRecord>) => deps.store.update('inbox', m._id, fields, { pushStatus: 'sending' });
    const template = m.templateKey ? deps.config.templates[m.templateKey] : undefined;
    const openid = members.get(m.recipientId)?.openid;
    if (!template || !m.templateKey || !openid) {
      await settle({ pushStatus: 'inAppOnly', pushDueAt: null, pushError: template ? 'no openid' : 'template not configured' });
      counts.inAppOnly += 1;
      continue;
    }
    const subId = subscriptionId(m.recipientId, m.templateKey);
    const spent = `spent.${spentKey(m._id)}`;
    const consumed =
      (await deps.store.update('subscriptions', subId, { balance: op.inc(-1), [spent]: true, updatedAt: now }, { balance: { $gt: 0 }, [spent]: { $exists: false } })) ||
      // A rerun after a crash finds its unit already spent: it may send.
      !!(await deps.store.get('subscriptions', subId))?.spent[spentKey(m._id)];
    if (!consumed) {
      await settle({ pushStatus: 'inAppOnly', pushDueAt: null, pushError: 'no consent left' });
      counts.inAppOnly += 1;
      continue;
    }
    let outcome: 'sent' | 'refused';
    try {
      outcome = await sender.send({ openid, templateId: template.id, page: m.page ?? undefined, data: fillTemplate(template, { title: m.title, body: m.body, at: m.createdAt }), idempotencyKey: m._id });
    } catch (err) {
      const attempts = m.pushAttempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await settle({
        pushStatus: giveUp ? 'failed' : 'pending',
        pushAttempts: attempts,
        pushDueAt: giveUp ? null : now + 2 ** attempts * 60_000,
        pushError: err instanceof Error ? err.message.slice(0, 200) : 'send failed',
      });
      counts[giveUp ? 'failed' : 'retried'] += 1;
      continue;
    }
    // Recording the outcome is outside the try: if it fails, the message stays claimed and
    // is sent again with the same idempotency key once the claim runs out, never dropped.
    if (outcome === 'refused') {
      // WeChat holds the real count: ours was wrong, so stop trying until the next accept.
      await deps.store.update('subscriptions', subId, { balance: 0, updatedAt: now });
      await settle({ pushStatus: 'inAppOnly', pushDueAt: null, pushError: 'refused by WeChat' });
      counts.inAppOnly += 1;
    } else {
      await settle({ pushStatus: 'sent', pushDueAt: null, sentAt: now, pushError: null });
      counts.sent += 1;
    }
  }
  return counts;
}
