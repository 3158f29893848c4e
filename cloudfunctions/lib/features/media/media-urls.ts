import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import type { ConcernRecord } from '../concern/records';
import { isAuthor, isHandler } from '../concern/permissions';
import { mediaFor } from './attach';
import { photoVisible } from './records';

/**
 * Short-lived URLs for photos the caller may see: their own uploads, and photos of records
 * they can view that passed the check. Anything else is silently left out.
 */
export async function mediaUrls(ctx: HandlerContext<{ fileIds: string[] }>) {
  const db = ctx.db();
  const media = await mediaFor(db, ctx.input.fileIds);
  const concernIds = [...new Set([...media.values()].map((m) => m.attachedTo).filter((s): s is string => !!s?.startsWith('concern:')).map((s) => s.slice(8)))];
  const concerns = new Map((await db.getMany<ConcernRecord>('concerns', concernIds)).map((c) => [c._id, c]));
  // Admins moderate: they must see photos held for review or hidden, to judge them.
  const moderator = hasRole(ctx.caller, 'admin');
  const allowed = ctx.input.fileIds.filter((f) => {
    const m = media.get(f);
    if (m && moderator) return true;
    if (!m || !photoVisible(m, ctx.caller.memberId)) return false;
    if (m.ownerId === ctx.caller.memberId) return true;
    const c = m.attachedTo?.startsWith('concern:') ? concerns.get(m.attachedTo.slice(8)) : undefined;
    // Photos are the author's and the staff's, like the text: followers of a merge see neither.
    return !!c && (isAuthor(ctx.caller, c) || isHandler(ctx.caller, c));
  });
  return { urls: await ctx.deps.files.tempUrls(allowed) };
}
