/**
 * Account deletion (PIPL art. 47): asked for now, carried out after a waiting period in
 * which it can be undone. Carrying it out anonymises: the person's name, phone, openid and
 * household leave every record; concerns and bookings stay (the community must archive
 * them, and the three rates must not change) but point at an anonymous id.
 */
import { createHash } from 'node:crypto';
import { DELETION_WAIT_DAYS } from '../../../../miniprogram/core/privacy/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import { bindingRequestId } from '../member/records';
import type { Handler } from '../../kernel/action';
import type { Deps } from '../../kernel/deps';
import type { FeatureRegistry } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { appendEvent } from '../../kernel/audit';

export const requestDeletion: Handler<'privacy.requestDeletion'> = async (ctx) => {
  const me = ctx.caller.memberId;
  const scheduledFor = ctx.now + DELETION_WAIT_DAYS * DAY;
  const existing = await ctx.deps.store.get('members', me);
  if (!existing) {
    // A visitor with no record has nothing to delete but a possible binding request.
    await ctx.deps.store.update('bindingRequests', bindingRequestId(me), { name: '已注销', status: 'expired' });
    return { scheduledFor: ctx.now };
  }
  const set = await ctx.deps.store.update('members', me, { deletionScheduledFor: scheduledFor }, { deletionScheduledFor: { $exists: false } });
  const again = !set && (await ctx.deps.store.update('members', me, { deletionScheduledFor: scheduledFor }, { deletionScheduledFor: null }));
  if (!set && !again) {
    const m = await ctx.deps.store.get('members', me);
    return { scheduledFor: m?.deletionScheduledFor ?? scheduledFor };
  }
  await appendEvent(ctx.dbFor(existing.communityId), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${me}`, type: 'privacy.deletionRequested', public: false, to: String(scheduledFor), at: ctx.now });
  return { scheduledFor };
};

export const cancelDeletion: Handler<'privacy.cancelDeletion'> = async (ctx) => {
  const me = ctx.caller.memberId;
  const m = await ctx.deps.store.get('members', me);
  if (!m?.deletionScheduledFor) return { cancelled: false };
  const cancelled = await ctx.deps.store.update('members', me, { deletionScheduledFor: null }, { deletionScheduledFor: m.deletionScheduledFor });
  if (!cancelled) throw new AppError('CONFLICT', '注销正在进行，无法撤销');
  await appendEvent(ctx.dbFor(m.communityId), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${me}`, type: 'privacy.deletionCancelled', public: false, at: ctx.now });
  return { cancelled: true };
};

const anonymousId = (memberId: string) => `anon_${createHash('sha256').update(`anon:${memberId}`).digest('hex').slice(0, 20)}`;

/**
 * The sweep's job: every feature erases its share of each member whose waiting period is
 * over (bounded, idempotent), then the member is marked deleted — last, so a run cut
 * short is finished by the next.
 */
export async function carryOutDeletions(deps: Deps, now: number, features: FeatureRegistry, budget: { members: number }) {
  const due = await deps.store.query('members', { where: { deletionScheduledFor: { $lte: now } }, orderBy: { field: 'deletionScheduledFor', dir: 'asc' }, limit: budget.members });
  let done = 0;
  for (const m of due.items) {
    const anon = anonymousId(m._id);
    for (const part of features.personalData) await part.erase(deps, m, anon, now);
    const finished = await deps.store.update('members', m._id, { deletionScheduledFor: null, deletedAt: now }, { deletionScheduledFor: m.deletionScheduledFor ?? null });
    if (finished) {
      done += 1;
      await appendEvent(new ScopedStore(deps.store, m.communityId), 'system', { key: 'deleted', subject: `member:${m._id}`, type: 'privacy.deleted', public: false, at: now });
    }
  }
  return { deleted: done };
}
