import type { InboxItem } from '../../../../miniprogram/core/notify/contract';
import type { HandlerContext, Handler } from '../../kernel/action';
import { hasRole, type IdentifiedCaller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Filter } from '../../ports/store';
import { bindingRequestId } from '../member/records';
import { adminsInbox, type InboxRecord } from './records';

/** A person's inbox; admins also read their community's shared inbox. */
function recipients(caller: IdentifiedCaller): string[] {
  const mine = [caller.memberId];
  if (hasRole(caller, 'admin') && caller.communityId) mine.push(adminsInbox(caller.communityId));
  return mine;
}

/** Visitors have no community yet: their messages (binding results) sit in the one they applied to. */
async function inboxStore(ctx: HandlerContext<unknown>): Promise<ScopedStore | null> {
  if (ctx.caller.communityId) return ctx.db();
  const request = ctx.caller.memberId ? await ctx.deps.store.get('bindingRequests', bindingRequestId(ctx.caller.memberId)) : null;
  return request ? ctx.dbFor(request.communityId) : null;
}

function toItem(r: InboxRecord): InboxItem {
  const item: InboxItem = { id: r._id, kind: r.kind, title: r.title, body: r.body, read: r.read, createdAt: r.createdAt };
  if (r.page) item.page = r.page;
  return item;
}

export const listInbox: Handler<'notify.inbox'> = async (ctx) => {
  const db = await inboxStore(ctx);
  if (!db) return { items: [] };
  const page = await db.query('inbox', {
    where: { recipientId: { $in: recipients(ctx.caller) }, ...(ctx.input.unreadOnly ? { read: false } : {}) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map(toItem), next: page.next };
};

/** Counts up to 99 unread; the badge shows "99+" beyond, so no unbounded count is needed. */
export const unreadCount: Handler<'notify.unreadCount'> = async (ctx) => {
  const db = await inboxStore(ctx);
  if (!db) return { count: 0, more: false };
  const page = await db.query('inbox', {
    where: { recipientId: { $in: recipients(ctx.caller) }, read: false },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 99,
  });
  return { count: page.items.length, more: page.next !== undefined };
};

/**
 * Marks the caller's own messages read, in one write whatever their number; ids of anyone
 * else's are not matched by the condition.
 */
export const markRead: Handler<'notify.markRead'> = async (ctx) => {
  const db = await inboxStore(ctx);
  if (!db) return { marked: 0 };
  if (!ctx.input.all && !ctx.input.ids?.length) return { marked: 0 };
  const which: Filter = ctx.input.all ? {} : { _id: { $in: ctx.input.ids ?? [] } };
  const marked = await db.updateMany('inbox', { ...which, recipientId: { $in: recipients(ctx.caller) }, read: false }, { read: true });
  return { marked };
};
