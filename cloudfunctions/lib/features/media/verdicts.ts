/**
 * Image verdicts: requested on registration, answered later (WeChat's push, or the local
 * checker polled by the sweep). `review` goes to the moderation queue; `risky` is hidden.
 * A failed request is treated as `review`: closed, never open.
 */
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import type { ContentVerdict } from '../../ports/platform';
import { queueForReview } from '../moderation/queue';
import type { MediaRecord } from './records';

export async function requestCheck(deps: Deps, db: ScopedStore, m: MediaRecord, openid: string, now: number): Promise<void> {
  try {
    const { traceId } = await deps.media.request({ fileId: m.fileId, openid });
    await db.update('media', m._id, { traceId }, { traceId: null });
  } catch (err) {
    deps.log.error({ port: 'media', error: err instanceof Error ? err.message : 'media check request failed' });
    await applyVerdict(deps, { ...m, traceId: null }, 'review', now, 'checkFailed');
  }
}

export async function applyVerdict(deps: Deps, m: MediaRecord, verdict: ContentVerdict, now: number, reason: 'imageReview' | 'checkFailed' = 'imageReview'): Promise<boolean> {
  const db = new ScopedStore(deps.store, m.communityId);
  const changed = await db.update('media', m._id, { verdict }, { verdict: 'pending' });
  if (changed && verdict === 'review') await queueForReview(db, { subjectType: 'photo', subjectId: m._id, content: m.fileId, reason }, now);
  return changed;
}

/** WeChat's mediaCheckAsync push, as its documentation gives it. */
export interface MediaPush {
  MsgType?: 'event';
  Event: 'wxa_media_check';
  appid?: unknown;
  trace_id: string;
  result?: { suggest?: unknown };
}

export function isMediaPush(event: unknown): event is MediaPush {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return e.Event === 'wxa_media_check' && (e.MsgType === undefined || e.MsgType === 'event') && typeof e.trace_id === 'string';
}

/** Applies a push's verdict to the photo waiting under its trace id; false if none waits. */
export async function handleMediaPush(deps: Deps, event: MediaPush, now: number): Promise<boolean> {
  const found = await deps.store.query('media', { where: { traceId: event.trace_id }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 });
  const m = found.items[0];
  if (!m) return false;
  const suggest = event.result?.suggest;
  const verdict: ContentVerdict = suggest === 'pass' || suggest === 'risky' ? suggest : 'review';
  return applyVerdict(deps, m, verdict, now);
}

/** A verdict that never came (a lost push) must not leave a photo pending forever. */
export const VERDICT_WAIT_MS = 6 * 3600 * 1000;

/** Sends photos still pending after VERDICT_WAIT_MS to staff review (bounded per run). */
export async function expireVerdicts(deps: Deps, now: number, budget: { items: number }) {
  const late = await deps.store.query('media', { where: { verdict: 'pending', requestedAt: { $lt: now - VERDICT_WAIT_MS } }, orderBy: { field: 'requestedAt', dir: 'asc' }, limit: budget.items });
  let held = 0;
  for (const m of late.items) if (await applyVerdict(deps, m, 'review', now, 'checkFailed')) held += 1;
  return { held };
}

/** Local runs: ask the checker for verdicts of pending images (bounded per run). */
export async function pollVerdicts(deps: Deps, now: number, budget: { items: number }) {
  if (!deps.media.poll) return { decided: 0 };
  const pending = await deps.store.query('media', { where: { verdict: 'pending' }, orderBy: { field: 'requestedAt', dir: 'asc' }, limit: budget.items });
  let decided = 0;
  for (const m of pending.items) {
    const verdict = m.traceId ? deps.media.poll({ traceId: m.traceId, requestedAt: m.requestedAt, fileId: m.fileId }, now) : undefined;
    if (verdict && (await applyVerdict(deps, m, verdict, now))) decided += 1;
  }
  return { decided };
}
