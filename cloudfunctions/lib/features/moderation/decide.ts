import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { toItemView } from './queue';
import { checkWritten } from '../../kernel/content';

export const moderationQueue: Handler<'moderation.queue'> = async (ctx) => {
  const page = await ctx.db().query('moderation', {
    where: { status: ctx.input.status },
    orderBy: { field: 'createdAt', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map(toItemView), next: page.next };
};

/** Read with the caller's record: the item decided on; the record it is about follows. */
export const prefetchDecision: PrefetchOf<'moderation.decide'> = (input) => ({ item: { collection: 'moderation', id: input.itemId } });

/**
 * Approving makes the content visible again. Rejecting a concern's text ends the concern
 * (the resident is told why and may file it again in other words); rejecting a photo hides it.
 */
export const decideModeration: Handler<'moderation.decide'> = async (ctx) => {
  const db = ctx.db();
  const item = await db.require('moderation', ctx.input.itemId, '审核项不存在', 'itemId');
  // A rejection's reason goes to the author.
  await checkWritten(ctx, { reason: ctx.input.reason });
  const status = ctx.input.decision === 'approve' ? 'approved' : 'rejected';
  const decided = await db.update('moderation', item._id, { status, decidedAt: ctx.now, deciderId: ctx.caller.memberId, decisionReason: ctx.input.reason ?? null }, { status: { $in: ['pending', 'watching'] } });
  if (!decided) throw new AppError('CONFLICT', '该内容已审核');
  // A photo's item holds its file id as content: the photo subject takes it by that.
  const [kind, ref] = item.subjectType === 'concernText' ? ['concern', item.subjectId] : ['photo', item.content];
  await ctx.features.subject(kind)?.moderated(ctx, ref, status, ctx.input.reason ?? null);
  await appendEvent(db, ctx.caller, { key: `decided:${status}`, subject: `moderation:${item._id}`, type: `moderation.${status}`, from: item.status, to: status, public: false, note: ctx.input.reason ?? null, at: ctx.now });
  return toItemView({ ...item, status, decidedAt: ctx.now });
};
