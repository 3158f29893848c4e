/**
 * A photo as a subject of reports and moderation. It is readable where the record it is
 * attached to is readable and its own check lets the caller see it.
 */
import type { SubjectKind } from '../../kernel/feature';
import { mediaIdFor, photoVisible } from './records';

export const mediaSubjects: Record<string, SubjectKind> = {
  photo: {
    /** `id` is the fileId the resident saw; the result's text is the file it names. */
    async readable(ctx, fileId) {
      const m = await ctx.db().get('media', mediaIdFor(fileId));
      const at = m?.attachedTo?.indexOf(':') ?? -1;
      if (!m || !m.attachedTo || at <= 0 || !photoVisible(m, ctx.caller.memberId)) return null;
      const host = await ctx.features.subject(m.attachedTo.slice(0, at))?.readable(ctx, m.attachedTo.slice(at + 1));
      return host ? { id: m._id, authorId: m.ownerId, text: m.fileId } : null;
    },
    async photosVisible() {
      return new Set<string>();
    },
    async hold(ctx, fileId) {
      await ctx.db().update('media', mediaIdFor(fileId), { hidden: true });
    },
    async moderated(ctx, fileId, decision, reason) {
      const db = ctx.db();
      const id = mediaIdFor(fileId);
      await db.update('media', id, decision === 'approved' ? { verdict: 'pass', hidden: false } : { hidden: true });
      const m = await db.get('media', id);
      if (m && decision === 'rejected') {
        await ctx.deps.notifier.notify({
          id: `moderation:photo:${id}:rejected`, communityId: db.communityId, recipientId: m.ownerId, kind: 'media.rejected',
          title: '您上传的一张图片未通过审核', body: `已隐藏：${reason ?? ''}`,
        });
      }
    },
  },
};
