import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { loadMeeting } from './load';
import { requireMeetingStaff } from './permissions';
import { proxyView } from './presenters';
import { mayHaveProxies } from './proxy-binding';

const ORDER = { pendingConfirm: 0, active: 1, offered: 2, overridden: 3, revoked: 4, refused: 5 } as const;

/**
 * The meeting's proxies for its staff: paper waiting for a second look first, then those
 * standing, then the rest, newest first within each. Paged in memory — a meeting has at most
 * one proxy per entry and scope.
 */
export const meetingProxies: Handler<'meeting.proxies'> = async (ctx) => {
  const db = ctx.db();
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireMeetingStaff(ctx.caller, m);
  const all = (mayHaveProxies(m) ? await everyPage(db, 'meetingProxies', { meetingId: m._id }, 'createdAt') : []).sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.updatedAt - a.updatedAt);
  const start = ctx.input.cursor ? Number.parseInt(ctx.input.cursor, 10) || 0 : 0;
  const items = all.slice(start, start + ctx.input.limit).map((p) => proxyView(ctx.caller, p, m));
  const next = start + ctx.input.limit < all.length ? String(start + ctx.input.limit) : undefined;
  return { items, ...(next ? { next } : {}) };
};
