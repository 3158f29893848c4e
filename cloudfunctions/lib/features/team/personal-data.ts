import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';

/** The teams the person joined; erasing takes them out (the team's count with them). */
export const teamPersonalData: PersonalData = {
  collections: ['teamMembers'],
  async export({ ctx, all, memberId }) {
    const { items, truncated } = await all('teamMembers', { memberId }, 'joinedAt');
    const teams = ctx.caller.communityId ? await ctx.db().getMany('teams', items.map((m) => m.teamId)) : [];
    const names = new Map(teams.map((t) => [t._id, t.name]));
    return { sections: { teams: items.map((m) => ({ team: names.get(m.teamId) ?? '', joinedAt: m.joinedAt })) }, truncated };
  },
  async erase(deps, member) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('teamMembers', { memberId: member._id }, 'joinedAt', async (m) => {
      if (await db.remove('teamMembers', m._id)) await db.update('teams', m.teamId, { memberCount: op.inc(-1) });
    });
  },
};
