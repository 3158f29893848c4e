import type { HandlerContext } from '../../kernel/action';
import type { CategoryRecord } from './records';

export async function listCategories(ctx: HandlerContext<{ cursor?: string; limit: number }>) {
  const page = await ctx.db().query<CategoryRecord>('categories', {
    where: {},
    orderBy: { field: 'order', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return {
    items: page.items
      .filter((c) => c.active)
      .map((c) => ({ id: c._id, name: c.name, contactHours: c.contactHours, resolveDays: c.resolveDays })),
    next: page.next,
  };
}
