import type { Handler } from '../../kernel/action';
import { toQuestionView } from './questions';

/**
 * 居民提问 lists: open ones soonest deadline first (what staff must answer next), answered
 * ones latest deadline first, or the caller's own, newest first. Questions are public with
 * the asker masked, so everyone in the community reads the first two.
 */
export const listQuestions: Handler<'disclosure.questions'> = async (ctx) => {
  const { caller, input } = ctx;
  const page = await ctx.db().query('disclosureQuestions', {
    where: input.when === 'mine' ? { askerId: caller.memberId } : { state: input.when },
    orderBy: input.when === 'mine' ? { field: 'askedAt', dir: 'desc' } : { field: 'dueAt', dir: input.when === 'open' ? 'asc' : 'desc' },
    limit: input.limit,
    after: input.cursor,
  });
  return { items: page.items.map((q) => toQuestionView(caller, q, ctx.now)), ...(page.next ? { next: page.next } : {}) };
};
