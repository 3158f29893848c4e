/**
 * A person's part of resolutions: that they hear of one, because they moved its motion or
 * raised the concern it came from. The resolutions themselves are the community's record
 * and name only staff; on deletion the person's follow records go.
 */
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';

const WHY = { mover: '我提出的议题', concern: '我反映的诉求' } as const;

export const resolutionPersonalData: PersonalData = {
  collections: ['resolutionFollows'],
  async export({ ctx, all, memberId }) {
    const follows = await all('resolutionFollows', { memberId }, 'createdAt');
    const ids = [...new Set(follows.items.map((f) => f.resolutionId))];
    const titles = new Map((ctx.caller.communityId ? await ctx.db().getMany('resolutions', ids) : []).map((r) => [r._id, r.title]));
    return {
      sections: { resolutionFollows: follows.items.map((f) => ({ resolution: titles.get(f.resolutionId) ?? '', why: WHY[f.why], since: f.createdAt })) },
      truncated: follows.truncated,
    };
  },
  async erase(deps, member) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('resolutionFollows', { memberId: member._id }, 'createdAt', (f) => db.remove('resolutionFollows', f._id));
  },
};
