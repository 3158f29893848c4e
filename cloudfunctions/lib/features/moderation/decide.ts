import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { appendEvent } from '../audit/events';
import type { ConcernRecord } from '../concern/records';
import { commit, notifyAll } from '../concern/transition';
import type { MediaRecord } from '../media/records';
import { toItemView, type ModerationRecord } from './queue';

export async function moderationQueue(ctx: HandlerContext<{ status: 'pending' | 'approved' | 'rejected'; cursor?: string; limit: number }>) {
  const page = await ctx.db().query<ModerationRecord>('moderation', {
    where: { status: ctx.input.status },
    orderBy: { field: 'createdAt', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map(toItemView), next: page.next };
}

/**
 * Approving makes the content visible again. Rejecting a concern's text ends the concern
 * (the resident is told why and may file it again in other words); rejecting a photo hides it.
 */
export async function decideModeration(ctx: HandlerContext<{ itemId: string; decision: 'approve' | 'reject'; reason?: string }>) {
  const db = ctx.db();
  const item = await db.require<ModerationRecord>('moderation', ctx.input.itemId, '审核项不存在');
  const status = ctx.input.decision === 'approve' ? 'approved' : 'rejected';
  const decided = await db.update('moderation', item._id, { status, decidedAt: ctx.now, deciderId: ctx.caller.memberId, decisionReason: ctx.input.reason ?? null }, { status: { $in: ['pending', 'watching'] } });
  if (!decided) throw new AppError('CONFLICT', '该内容已审核');
  if (item.subjectType === 'concernText') {
    const concern = await db.get<ConcernRecord>('concerns', item.subjectId);
    if (concern) await settleConcern(ctx, concern, status, ctx.input.reason ?? null);
  } else {
    await db.update('media', item.subjectId, status === 'approved' ? { verdict: 'pass', hidden: false } : { hidden: true });
    const m = await db.get<MediaRecord>('media', item.subjectId);
    if (m && status === 'rejected') {
      await ctx.deps.notifier.notify({
        id: `moderation:${item._id}:rejected`, communityId: db.communityId, recipientId: m.ownerId, kind: 'moderation.rejected',
        title: '您上传的一张图片未通过审核', body: `已隐藏：${ctx.input.reason ?? ''}`,
      });
    }
  }
  await appendEvent(db, ctx.caller, { key: `decided:${status}`, subject: `moderation:${item._id}`, type: `moderation.${status}`, from: item.status, to: status, public: false, note: ctx.input.reason ?? null, at: ctx.now });
  return toItemView({ ...item, status, decidedAt: ctx.now });
}

async function settleConcern(ctx: HandlerContext<unknown>, c: ConcernRecord, status: 'approved' | 'rejected', reason: string | null) {
  const db = ctx.db();
  if (status === 'approved') {
    await db.update('concerns', c._id, { moderation: 'pass' });
    return;
  }
  await db.update('concerns', c._id, { moderation: 'rejected' });
  const open = ['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised'].includes(c.status);
  if (!open) return;
  const { next, event } = await commit(db, ctx.caller, { ...c, moderation: 'rejected' }, { status: 'withdrawn', closedAt: ctx.now, closedReason: 'moderated', wakeAt: null, pausedAt: null }, { type: 'concern.moderated', public: true, note: reason }, ctx.now);
  await notifyAll(ctx.deps.notifier, next, event._id, {
    to: [c.authorId], kind: 'concern.moderated', title: '您的诉求内容未通过审核', body: `${reason ?? '内容不符合社区规范'}。请修改后重新提交。`,
  });
}
