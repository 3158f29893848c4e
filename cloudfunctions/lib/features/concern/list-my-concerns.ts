import type { Handler } from '../../kernel/action';
import { toSummary } from './presenters';

export const listMyConcerns: Handler<'concern.listMine'> = async (ctx) => {
  const page = await ctx.db().query('concerns', {
    where: { authorId: ctx.caller.memberId },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map((c) => toSummary(c, ctx.caller)), next: page.next };
};
