import type { Handler } from '../../kernel/action';
import type { QueryPage } from '../../ports/store';
import { isStaff } from './permissions';
import { toResolutionView } from './presenters';
import type { ResolutionRecord } from './records';
import { visibleConcerns } from './transition';

/**
 * 决议落实: open ones soonest due first (the late ones lead), done ones latest first. 「我的」
 * is what staff own, and for residents what came from their own concern or motion — read
 * through their follow records, so nobody else's resolutions are scanned for them.
 */
export const listResolutions: Handler<'resolution.list'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input } = ctx;
  const paging = { limit: input.limit, after: input.cursor };
  let page: QueryPage<ResolutionRecord>;
  if (input.when === 'open') page = await db.query('resolutions', { where: { status: 'inProgress' }, orderBy: { field: 'dueAt', dir: 'asc' }, ...paging });
  else if (input.when === 'done') page = await db.query('resolutions', { where: { status: 'done' }, orderBy: { field: 'doneAt', dir: 'desc' }, ...paging });
  else if (isStaff(caller)) page = await db.query('resolutions', { where: { ownerId: caller.memberId }, orderBy: { field: 'dueAt', dir: 'asc' }, ...paging });
  else {
    const keys = [`m:${caller.memberId}`, ...(caller.householdId ? [`h:${caller.householdId}`] : [])];
    const follows = await db.query('resolutionFollows', { where: { followerKey: { $in: keys } }, orderBy: { field: 'createdAt', dir: 'desc' }, ...paging });
    const found = new Map((await db.getMany('resolutions', follows.items.map((f) => f.resolutionId))).map((r) => [r._id, r]));
    const ordered = [...new Set(follows.items.map((f) => f.resolutionId))].flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    page = { items: ordered, next: follows.next };
  }
  const visible = await visibleConcerns(ctx, page.items);
  return { items: page.items.map((r) => toResolutionView(caller, r, ctx.now, visible)), next: page.next };
};
