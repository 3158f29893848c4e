import { hasRole } from '../../kernel/caller';
import type { Handler } from '../../kernel/action';
import type { Filter } from '../../ports/store';
import { toEntryView } from './presenters';

/**
 * What waits on the caller: a lead sees their activities' pending entries, an admin the whole
 * community's (second verifications included). Nobody is shown their own hours to verify.
 */
export const pendingHours: Handler<'hours.pending'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const admin = hasRole(ctx.caller, 'admin');
  const where: Filter = ctx.input.activityId
    ? { activityId: ctx.input.activityId, status: 'pending' }
    : admin
      ? { status: 'pending' }
      : { leadId: me, status: 'pending' };
  const page = await db.query('hourEntries', { where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: ctx.input.limit, after: ctx.input.cursor });
  const mine = page.items.filter((e) => e.memberId !== me && (admin || e.leadId === me));
  // Names ride on the entries since they were made; older entries read the member.
  const names = new Map((await db.getMany('members', mine.filter((e) => e.name === undefined).map((e) => e.memberId))).map((m) => [m._id, m.name ?? '志愿者']));
  return { items: mine.map((e) => toEntryView(ctx.caller, e, e.name ?? names.get(e.memberId) ?? '志愿者')), next: page.next };
};
