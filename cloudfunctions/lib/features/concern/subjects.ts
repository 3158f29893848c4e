/**
 * The concern as a subject other features point at (`concern:<id>`): photos follow its
 * visibility, residents report its text, moderators decide on it.
 */
import type { HandlerContext } from '../../kernel/action';
import type { SubjectKind } from '../../kernel/feature';
import { canView, isAuthor, isStaffViewer } from './permissions';
import type { ConcernRecord } from './records';
import { commit, notifyAll } from './transition';
import { sentence } from '../../../../miniprogram/core/format';

const OPEN = ['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised'];

async function settle(ctx: HandlerContext<unknown>, c: ConcernRecord, decision: 'approved' | 'rejected', reason: string | null) {
  const db = ctx.db();
  if (decision === 'approved') {
    await db.update('concerns', c._id, { moderation: 'pass' });
    return;
  }
  await db.update('concerns', c._id, { moderation: 'rejected' });
  // A rejected text ends the concern: the resident is told why and may file it again.
  if (!OPEN.includes(c.status)) return;
  const { next, event } = await commit(db, ctx.caller, { ...c, moderation: 'rejected' }, { status: 'withdrawn', closedAt: ctx.now, closedReason: 'moderated', wakeAt: null, pausedAt: null }, { type: 'concern.moderated', public: true, note: reason }, ctx.now);
  await notifyAll(ctx.deps.notifier, next, event._id, {
    to: [c.authorId], kind: 'concern.moderated', title: '您的诉求内容未通过审核', body: `${reason ? sentence(reason, 60) : '内容不符合社区规范'}。请修改后重新提交。`,
  });
}

export const concernSubjects: Record<string, SubjectKind> = {
  concern: {
    async readable(ctx, id) {
      const c = await ctx.db().get('concerns', id);
      return c && canView(ctx.caller, c) ? { id: c._id, authorId: c.authorId, text: c.text } : null;
    },
    // Photos are the author's and the staff's, like the text: followers of a merge see neither.
    async photosVisible(ctx, ids) {
      const concerns = await ctx.db().getMany('concerns', ids);
      return new Set(concerns.filter((c) => isAuthor(ctx.caller, c) || isStaffViewer(ctx.caller, c)).map((c) => c._id));
    },
    async hold(ctx, id) {
      await ctx.db().update('concerns', id, { moderation: 'review' }, { moderation: 'pass' });
    },
    async moderated(ctx, id, decision, reason) {
      const c = await ctx.db().get('concerns', id);
      if (c) await settle(ctx, c, decision, reason);
    },
  },
};
