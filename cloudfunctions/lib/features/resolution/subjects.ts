/**
 * The resolution as a subject other features point at (`resolution:<id>`): the photos of its
 * progress reports and register attachments are seen by whoever may read it — everyone in
 * its community — once they passed the image check. Its words are the committee's record,
 * not a resident's post: a report does not hide them, staff correct them by a new entry.
 */
import type { SubjectKind } from '../../kernel/feature';

export const resolutionSubjects: Record<string, SubjectKind> = {
  resolution: {
    async readable(ctx, id) {
      const r = await ctx.db().get('resolutions', id);
      return r ? { id: r._id, authorId: null, text: r.text } : null;
    },
    async photosVisible(ctx, ids) {
      return new Set((await ctx.db().getMany('resolutions', ids)).map((r) => r._id));
    },
    async hold() {},
    async moderated() {},
  },
};
