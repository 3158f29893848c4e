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

/** WeChat's mediaCheckAsync push: `{ Event: 'wxa_media_check', trace_id, result: { suggest } }`. */
export async function handleMediaPush(deps: Deps, event: { trace_id?: unknown; result?: { suggest?: unknown } }, now: number): Promise<boolean> {
  if (typeof event.trace_id !== 'string') return false;
  const found = await deps.store.query('media', { where: { traceId: event.trace_id }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 });
  const m = found.items[0];
  if (!m) return false;
  const suggest = event.result?.suggest;
  const verdict: ContentVerdict = suggest === 'pass' || suggest === 'risky' ? suggest : 'review';
  return applyVerdict(deps, m, verdict, now);
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
