/**
 * What an item points at — the resolutions, polls, meetings and concerns behind it — named
 * as each feature names it, and only for a reader that feature lets read it: a neighbour's
 * concern linked from a published item is 「（已不可见）」 to everyone but its author and staff.
 */
import type { LinkKind, LinkView } from '../../../../miniprogram/core/disclosure/contract';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { canView as canViewConcern } from '../concern/permissions';
import { mayView as mayViewPoll } from '../poll/my-ballot';
import type { LinkRef } from './records';

export const HIDDEN_LINK = '（已不可见）';

/** Each ref's title when the caller may read it; absent when not (or when it does not exist). */
async function titles(ctx: HandlerContext<unknown>, refs: readonly LinkRef[]): Promise<Map<string, string>> {
  const db = ctx.db();
  const ids = (kind: LinkKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.refId))];
  const [resolutions, meetings, polls, concerns] = await Promise.all([
    db.getMany('resolutions', ids('resolution')),
    db.getMany('meetings', ids('meeting')),
    db.getMany('polls', ids('poll')),
    db.getMany('concerns', ids('concern')),
  ]);
  const out = new Map<string, string>();
  // A resolution and a meeting are the whole community's business.
  for (const r of resolutions) out.set(`resolution:${r._id}`, r.title);
  for (const m of meetings) out.set(`meeting:${m._id}`, m.title);
  for (const p of polls) if (await mayViewPoll(db, ctx.caller, p)) out.set(`poll:${p._id}`, p.title);
  for (const c of concerns) if (canViewConcern(ctx.caller, c)) out.set(`concern:${c._id}`, `诉求 ${c.number}（${c.categoryName}）`);
  return out;
}

export async function linkViews(ctx: HandlerContext<unknown>, refs: readonly LinkRef[]): Promise<LinkView[]> {
  if (refs.length === 0) return [];
  const found = await titles(ctx, refs);
  return refs.map((r) => ({ kind: r.kind, refId: r.refId, title: found.get(`${r.kind}:${r.refId}`) ?? HIDDEN_LINK }));
}

/** A draft may only point at what its writer can read in this community. */
export async function checkLinks(ctx: HandlerContext<unknown>, refs: readonly LinkRef[]): Promise<void> {
  const found = await titles(ctx, refs);
  refs.forEach((r, i) => {
    if (!found.has(`${r.kind}:${r.refId}`)) throw fieldError('NOT_FOUND', `links.${i}.refId`, '关联的事项不存在或无权查看');
  });
}

/** The titles frozen into a version, as its publisher read them. */
export async function frozenLinks(ctx: HandlerContext<unknown>, refs: readonly LinkRef[]): Promise<(LinkRef & { title: string })[]> {
  return (await linkViews(ctx, refs)).map((l) => ({ kind: l.kind, refId: l.refId, title: l.title }));
}
