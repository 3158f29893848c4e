/**
 * One way to change a resolution: load it in the caller's community, apply a patch by
 * compare-and-set on `version` with its audit event in one transaction, tell the people it
 * concerns, answer with the caller's view. Two people reporting at once get one success and
 * one CONFLICT; a progress entry is never lost or overwritten.
 */
import type { ResolutionView } from '../../../../miniprogram/core/council/resolution-contract';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { eventRecord, type EventRecord, type EventType } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned } from '../../kernel/versioned';
import type { Notifier } from '../../ports/platform';
import { canView } from '../concern/permissions';
import { resolutionPage, type ResolutionNoticeKind } from './notices';
import { toResolutionView } from './presenters';
import { resolutionSubject, type ResolutionRecord } from './records';

export async function loadResolution(ctx: HandlerContext<unknown>, resolutionId: string): Promise<ResolutionRecord> {
  const r = await ctx.db().get('resolutions', resolutionId);
  if (!r) throw fieldError('NOT_FOUND', 'resolutionId', '决议不存在');
  return r;
}

/** The concerns it came from that the caller may see: their own, or within their reach as staff. */
export async function visibleConcerns(ctx: HandlerContext<unknown>, rs: readonly ResolutionRecord[]): Promise<Set<string>> {
  const ids = [...new Set(rs.flatMap((r) => r.concerns.map((c) => c.concernId)))];
  if (ids.length === 0) return new Set();
  const concerns = await ctx.db().getMany('concerns', ids);
  return new Set(concerns.filter((c) => canView(ctx.caller, c)).map((c) => c._id));
}

export async function viewFor(ctx: HandlerContext<unknown>, r: ResolutionRecord): Promise<ResolutionView> {
  return toResolutionView(ctx.caller, r, ctx.now, await visibleConcerns(ctx, [r]));
}

export interface Step {
  type: EventType;
  note?: string | null;
  photos?: string[];
  from?: string | null;
  to?: string | null;
}

export async function commitResolution(db: ScopedStore, actor: Caller | 'system', r: ResolutionRecord, patch: Partial<ResolutionRecord>, step: Step, now: number): Promise<{ next: ResolutionRecord; event: EventRecord }> {
  const version = r.version + 1;
  const makeEvent = (n: ResolutionRecord) =>
    eventRecord(db, actor, {
      key: `v${version}:${step.type}`,
      subject: resolutionSubject(r._id),
      type: step.type,
      from: step.from === undefined ? String(r.percent) : step.from,
      to: step.to === undefined ? String(n.percent) : step.to,
      // Resolutions are the community's business: their steps read on their page for all.
      public: true,
      note: step.note ?? null,
      photos: step.photos,
      at: now,
    });
  const next = await commitVersioned(db, 'resolutions', r, { ...patch, updatedAt: now }, makeEvent, '该决议刚被他人更新，请刷新后重试');
  return { next, event: makeEvent(next) };
}

/** The people told of its progress: the mover and the authors of the concerns it came from. */
export async function followersOf(db: ScopedStore, resolutionId: string): Promise<string[]> {
  const follows = await everyPage(db, 'resolutionFollows', { resolutionId }, 'createdAt', 5_000);
  return [...new Set(follows.flatMap((f) => (f.memberId ? [f.memberId] : [])))];
}

export interface Message {
  to: readonly (string | null)[];
  kind: ResolutionNoticeKind;
  title: string;
  body: string;
}

/** Each recipient once per step: the message id derives from the step's event. */
export async function tell(notifier: Notifier, r: Pick<ResolutionRecord, '_id' | 'communityId'>, stepId: string, m: Message): Promise<void> {
  const seen = new Set<string>();
  for (const to of m.to) {
    if (!to || seen.has(to)) continue;
    seen.add(to);
    await notifier.notify({ id: `${stepId}:to:${to}`, communityId: r.communityId, recipientId: to, kind: m.kind, title: m.title, body: m.body, page: resolutionPage(m.kind, r._id) });
  }
}
