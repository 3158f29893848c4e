/**
 * Account deletion (PIPL art. 47): asked for now, carried out after a waiting period in
 * which it can be undone. Carrying it out anonymises: the person's name, phone, openid and
 * household leave every record; concerns and bookings stay (the community must archive
 * them, and the three rates must not change) but point at an anonymous id.
 */
import { createHash } from 'node:crypto';
import { DELETION_WAIT_DAYS } from '../../../../miniprogram/core/privacy/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../platform/time';
import { appendEvent } from '../audit/events';
import type { BookingRecord } from '../booking/records';
import type { ConcernRecord } from '../concern/records';
import { bindingRequestId, type MemberRecord } from '../member/records';

export async function requestDeletion(ctx: HandlerContext<{ confirm: true }>) {
  const me = ctx.caller.memberId as string;
  const scheduledFor = ctx.now + DELETION_WAIT_DAYS * DAY;
  const existing = await ctx.deps.store.get<MemberRecord>('members', me);
  if (!existing) {
    // A visitor with no record has nothing to delete but a possible binding request.
    await ctx.deps.store.update('bindingRequests', bindingRequestId(me), { name: '已注销', status: 'expired' });
    return { scheduledFor: ctx.now };
  }
  const set = await ctx.deps.store.update('members', me, { deletionScheduledFor: scheduledFor }, { deletionScheduledFor: { $exists: false } });
  const again = !set && (await ctx.deps.store.update('members', me, { deletionScheduledFor: scheduledFor }, { deletionScheduledFor: null }));
  if (!set && !again) {
    const m = await ctx.deps.store.get<MemberRecord>('members', me);
    return { scheduledFor: m?.deletionScheduledFor ?? scheduledFor };
  }
  await appendEvent(ctx.dbFor(existing.communityId), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${me}`, type: 'privacy.deletionRequested', public: false, to: String(scheduledFor), at: ctx.now });
  return { scheduledFor };
}

export async function cancelDeletion(ctx: HandlerContext<Record<string, never>>) {
  const me = ctx.caller.memberId as string;
  const m = await ctx.deps.store.get<MemberRecord>('members', me);
  if (!m?.deletionScheduledFor) return { cancelled: false };
  const cancelled = await ctx.deps.store.update('members', me, { deletionScheduledFor: null }, { deletionScheduledFor: m.deletionScheduledFor });
  if (!cancelled) throw new AppError('CONFLICT', '注销正在进行，无法撤销');
  await appendEvent(ctx.dbFor(m.communityId), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${me}`, type: 'privacy.deletionCancelled', public: false, at: ctx.now });
  return { cancelled: true };
}

const anonymousId = (memberId: string) => `anon_${createHash('sha256').update(`anon:${memberId}`).digest('hex').slice(0, 20)}`;

/** The sweep's job: anonymise every member whose waiting period is over (bounded, idempotent). */
export async function carryOutDeletions(deps: Deps, now: number, budget: { members: number }) {
  const due = await deps.store.query<MemberRecord>('members', { where: { deletionScheduledFor: { $lte: now } }, orderBy: { field: 'deletionScheduledFor', dir: 'asc' }, limit: budget.members });
  let done = 0;
  for (const m of due.items) {
    const db = new ScopedStore(deps.store, m.communityId);
    const anon = anonymousId(m._id);
    for (const [collection, field, sort] of [['concerns', 'authorId', 'createdAt'], ['bookings', 'memberId', 'startAt']] as const) {
      for (;;) {
        const page = await db.query<ConcernRecord | BookingRecord>(collection, { where: { [field]: m._id }, orderBy: { field: sort, dir: 'desc' }, limit: 100 });
        if (page.items.length === 0) break;
        for (const r of page.items) {
          await db.update(collection, r._id, collection === 'concerns'
            ? { authorId: anon, authorName: null, hideName: true }
            : { memberId: anon, residentName: null, address: null });
        }
      }
    }
    await deps.store.update('bindingRequests', bindingRequestId(m._id), { name: '已注销', applicantId: anon });
    // The member record keeps only what the audit trail needs to stay readable.
    const finished = await deps.store.update('members', m._id, {
      openid: null, name: null, phoneEnc: null, phoneMasked: null, householdId: null, household: null,
      roles: [], gridIds: [], away: null, deletionScheduledFor: null, deletedAt: now,
    }, { deletionScheduledFor: m.deletionScheduledFor ?? null });
    if (finished) {
      done += 1;
      await appendEvent(db, 'system', { key: 'deleted', subject: `member:${m._id}`, type: 'privacy.deleted', public: false, at: now });
    }
  }
  return { deleted: done };
}
