import type { Handler, PrefetchOf } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { mediaFor } from './attach';
import { mediaIdFor, photoVisible } from './records';

/** `concern:c_1` → ['concern', 'c_1']. */
function splitSubject(subject: string | null): [string, string] | null {
  const at = subject?.indexOf(':') ?? -1;
  return subject && at > 0 ? [subject.slice(0, at), subject.slice(at + 1)] : null;
}

/** Read with the caller's record: the photos' media records (mediaFor asks them so); the records they are on follow. */
export const prefetchMediaUrls: PrefetchOf<'media.urls'> = (input) => ({ media: { collection: 'media', ids: input.fileIds.map(mediaIdFor) } });

/**
 * Short-lived URLs for photos the caller may see: their own uploads, and photos of records
 * they can view that passed the check. Anything else is silently left out. Which records
 * the caller can view is the owning feature's word (its `subjects` in the manifest).
 */
export const mediaUrls: Handler<'media.urls'> = async (ctx) => {
  const db = ctx.db();
  const media = await mediaFor(db, ctx.input.fileIds);
  const wanted = new Map<string, Set<string>>();
  for (const m of media.values()) {
    const s = splitSubject(m.attachedTo);
    if (s) wanted.set(s[0], (wanted.get(s[0]) ?? new Set()).add(s[1]));
  }
  const visible = new Set<string>();
  for (const [kind, ids] of wanted) {
    const seen = (await ctx.features.subject(kind)?.photosVisible(ctx, [...ids])) ?? new Set<string>();
    for (const id of seen) visible.add(`${kind}:${id}`);
  }
  // Admins moderate: they must see photos held for review or hidden, to judge them.
  const moderator = hasRole(ctx.caller, 'admin');
  const allowed = ctx.input.fileIds.filter((f) => {
    const m = media.get(f);
    if (m && moderator) return true;
    if (!m || !photoVisible(m, ctx.caller.memberId)) return false;
    if (m.ownerId === ctx.caller.memberId) return true;
    return !!m.attachedTo && visible.has(m.attachedTo);
  });
  return { urls: await ctx.deps.files.tempUrls(allowed) };
};
