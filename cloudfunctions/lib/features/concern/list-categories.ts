import type { Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { DEFAULT_RESIDENT_WAIT_DAYS } from './lifecycle';

export const listCategories: Handler<'concern.categories'> = async (ctx) => {
  const page = await ctx.db().query('categories', {
    where: {},
    orderBy: { field: 'order', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  // Admins keep the catalogue, so they also see retired categories and the editing fields.
  const admin = hasRole(ctx.caller, 'admin');
  return {
    items: page.items
      .filter((c) => admin || c.active)
      .map((c) => ({
        id: c._id,
        name: c.name,
        contactHours: c.contactHours,
        resolveDays: c.resolveDays,
        ...(admin ? { order: c.order, active: c.active, templates: c.templates ?? [], residentWaitDays: c.residentWaitDays ?? DEFAULT_RESIDENT_WAIT_DAYS } : {}),
      })),
    next: page.next,
  };
};
