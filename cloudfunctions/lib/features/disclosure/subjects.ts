/**
 * The item as a subject other features point at (`disclosureItem:<id>`): its photos are seen by
 * whoever may read it — staff from the first draft, everyone in the community once a
 * version is up. Its words are the community's official record, not a resident's post: a
 * report does not hide them; staff correct them by a new version.
 */
import type { SubjectKind } from '../../kernel/feature';
import { mayRead } from './permissions';

export const disclosureSubjects: Record<string, SubjectKind> = {
  disclosureItem: {
    async readable(ctx, id) {
      const item = await ctx.db().get('disclosureItems', id);
      return item && mayRead(ctx.caller, item) ? { id: item._id, authorId: null, text: item.title } : null;
    },
    async photosVisible(ctx, ids) {
      return new Set((await ctx.db().getMany('disclosureItems', ids)).filter((i) => mayRead(ctx.caller, i)).map((i) => i._id));
    },
    async hold() {},
    async moderated() {},
  },
};
