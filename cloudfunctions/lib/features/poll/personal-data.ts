import { CHANNEL_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { everyPage } from '../../kernel/every-page';
import { ScopedStore } from '../../kernel/scoped-store';
import { choiceLabels, openChoice } from './seal';

/**
 * A person's ballots: which poll, when, how. What they chose is exported for an open
 * ballot only — a secret one is not shown even to its voter, so not in the export either.
 * On deletion a ballot stays (the tally must not change) but no longer names anyone, and
 * the frozen rolls forget the person too.
 */
export const pollPersonalData: PersonalData = {
  collections: ['ballots', 'pollRolls'],
  async export({ ctx, all, memberId }) {
    const { items, truncated } = await all('ballots', { voterId: memberId }, 'at');
    const polls = new Map((ctx.caller.communityId ? await ctx.db().getMany('polls', [...new Set(items.map((b) => b.pollId))]) : []).map((p) => [p._id, p]));
    const ballots = items.map((b) => {
      const poll = polls.get(b.pollId);
      const choice = poll && !poll.secret ? openChoice(ctx.deps, b.choiceSealed) : null;
      return {
        poll: poll?.title ?? '',
        at: b.at,
        channel: CHANNEL_LABELS[b.channel],
        unit: b.unitLabel,
        receipt: b.receipt,
        choice: poll && choice ? choiceLabels(poll.options, choice) : '不记名投票，不导出所选内容',
      };
    });
    return { sections: { ballots }, truncated };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('ballots', { voterId: member._id }, 'at', (b) => db.update('ballots', b._id, { voterId: anonymousId, voterName: '已注销用户' }));
    for (const bucket of await everyPage(db, 'pollRolls', {}, 'pollId')) {
      const mine = bucket.voters[member._id];
      const units = Object.entries(bucket.units).filter(([, u]) => u.voterIds.includes(member._id));
      if (!mine && units.length === 0) continue;
      const patch: Record<string, unknown> = {};
      if (mine) {
        patch.voters = Object.fromEntries(Object.entries(bucket.voters).filter(([k]) => k !== member._id));
      }
      for (const [key, u] of units) {
        const names = Object.fromEntries(Object.entries(u.voterNames).filter(([k]) => k !== member._id));
        patch[`units.${key}`] = { ...u, voterIds: u.voterIds.filter((v) => v !== member._id), voterNames: names, label: key === member._id ? '已注销用户' : u.label };
      }
      await db.update('pollRolls', bucket._id, patch);
    }
  },
};
