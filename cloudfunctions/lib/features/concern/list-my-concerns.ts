import type { Handler } from '../../kernel/action';
import { isAuthor } from './permissions';
import { toSummary } from './presenters';

/**
 * The resident's own concerns: what they submitted, what staff filed for them, and what
 * staff filed for their household before anyone there used the app. All of them carry the
 * household, so one indexed read of the household's concerns, keeping the caller's, finds
 * them; a housemate's own concerns stay theirs. (A page may hold fewer than `limit`.)
 */
export const listMyConcerns: Handler<'concern.listMine'> = async (ctx) => {
  const { caller } = ctx;
  const page = await ctx.db().query('concerns', {
    where: caller.householdId ? { householdId: caller.householdId } : { authorId: caller.memberId },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  const mine = page.items.filter((c) => isAuthor(caller, c));
  return { items: mine.map((c) => toSummary(c, caller)), next: page.next };
};
