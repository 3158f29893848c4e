import type { Filter } from '../../ports/store';
import type { Handler } from '../../kernel/action';
import { toVolunteerView } from './presenters';

/** The community's volunteer roll, newest first; `status` narrows it (待核实 for the workbench). */
export const listVolunteers: Handler<'volunteer.list'> = async (ctx) => {
  const db = ctx.db();
  const where: Filter = ctx.input.status ? { status: ctx.input.status } : {};
  const page = await db.query('volunteers', { where, orderBy: { field: 'createdAt', dir: 'desc' }, limit: ctx.input.limit, after: ctx.input.cursor });
  return { items: page.items.map((v) => toVolunteerView(ctx.caller, v)), ...(page.next ? { next: page.next } : {}) };
};
