import type { MyData } from '../../../../miniprogram/core/privacy/contract';
import type { HandlerContext } from '../../kernel/action';
import type { Doc } from '../../ports/store';
import { appendEvent } from '../audit/events';
import type { BookingRecord } from '../booking/records';
import type { ConcernRecord } from '../concern/records';
import { bindingRequestId, type BindingRequestRecord, type MemberRecord } from '../member/records';
import type { InboxRecord, SubscriptionRecord } from '../notify/records';
import { TEMPLATE_KEYS } from '../../../../miniprogram/core/notify/contract';
import { subscriptionId } from '../notify/records';

/** Per list; a person with more is told to ask the community for the rest. */
const CAP = 500;

/** Drops internal bookkeeping so the export reads as the person's data, not our schema. */
function clean<T extends Doc>(doc: T, drop: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(doc as unknown as Record<string, unknown>) };
  for (const k of ['_id', 'communityId', 'version', 'wakeAt', 'requestHash', ...drop]) delete out[k];
  return out;
}

async function all<T extends Doc>(ctx: HandlerContext<unknown>, collection: string, where: Record<string, unknown>, field: string): Promise<{ items: T[]; truncated: boolean }> {
  if (!ctx.caller.communityId) return { items: [], truncated: false };
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.db().query<T>(collection, { where: where as never, orderBy: { field, dir: 'desc' }, limit: 100, after });
    items.push(...page.items);
    after = page.next;
  } while (after && items.length < CAP);
  return { items: items.slice(0, CAP), truncated: !!after };
}

/**
 * "Download my data": every record about the caller, in plain fields — profile (phone
 * decrypted for its owner), binding requests, concerns with their dates, bookings, messages
 * and consents. Audited, and rate-limited in the wrapper.
 */
export async function exportMyData(ctx: HandlerContext<Record<string, never>>): Promise<MyData> {
  const me = ctx.caller.memberId as string;
  const member = await ctx.deps.store.get<MemberRecord>('members', me);
  const request = await ctx.deps.store.get<BindingRequestRecord>('bindingRequests', bindingRequestId(me));
  const concerns = await all<ConcernRecord>(ctx, 'concerns', { authorId: me }, 'createdAt');
  const bookings = await all<BookingRecord>(ctx, 'bookings', { memberId: me }, 'startAt');
  const messages = await all<InboxRecord>(ctx, 'inbox', { recipientId: me }, 'createdAt');
  const consents = await ctx.deps.store.getMany<SubscriptionRecord>('subscriptions', TEMPLATE_KEYS.map((k) => subscriptionId(me, k)));
  const profile: Record<string, unknown> = member ? clean(member, ['openid', 'phoneEnc', 'away']) : { roles: ['visitor'] };
  if (member?.phoneEnc) profile.phone = ctx.deps.cipher.decrypt(member.phoneEnc);
  if (ctx.caller.communityId) {
    await appendEvent(ctx.db(), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${me}`, type: 'privacy.exported', public: false, at: ctx.now });
  }
  return {
    exportedAt: ctx.now,
    profile,
    bindingRequests: request ? [clean(request, ['applicantId', 'round'])] : [],
    concerns: concerns.items.map((c) => clean(c, ['authorId', 'assigneeId', 'firstResponderId', 'followerIds', 'pausedAt', 'resumeStatus', 'routedVia', 'escalationLevel'])),
    bookings: bookings.items.map((b) => clean(b, ['memberId', 'onBehalf', 'quotaMonth'])),
    messages: messages.items.map((m) => clean(m, ['recipientId', 'pushDueAt', 'pushAttempts', 'pushError'])),
    consents: consents.map((c) => ({ template: c.templateKey, balance: c.balance })),
    truncated: concerns.truncated || bookings.truncated || messages.truncated,
  };
}
