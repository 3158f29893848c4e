/**
 * The moderation queue. An item is one piece of content (a concern's text, a photo) that
 * the automatic check could not clear or that residents reported. Until staff approve it,
 * only its author sees it; every decision is audited.
 */
import type { ModerationItemView } from '../../../../miniprogram/core/moderation/contract';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Doc } from '../../ports/store';

export interface ModerationRecord extends Doc {
  communityId: string;
  subjectType: ModerationItemView['subjectType'];
  subjectId: string;
  content: string;
  reason: ModerationItemView['reason'];
  /** watching: reported, not yet enough to hide; pending: hidden, waiting for staff. */
  status: 'watching' | 'pending' | 'approved' | 'rejected';
  reports: Record<string, string>;
  reportCount: number;
  createdAt: number;
  decidedAt: number | null;
  deciderId: string | null;
  decisionReason: string | null;
}

export const moderationId = (subjectType: string, subjectId: string) => `mod_${subjectType}_${subjectId}`;

export async function queueForReview(
  db: ScopedStore,
  item: Pick<ModerationRecord, 'subjectType' | 'subjectId' | 'content' | 'reason'>,
  now: number,
): Promise<void> {
  const id = moderationId(item.subjectType, item.subjectId);
  const created = await db.insert('moderation', {
    _id: id, communityId: db.communityId, ...item, status: 'pending', reports: {}, reportCount: 0, createdAt: now, decidedAt: null, deciderId: null, decisionReason: null,
  } satisfies ModerationRecord);
  if (!created) await db.update('moderation', id, { status: 'pending', reason: item.reason }, { status: 'watching' });
}

export function toItemView(r: ModerationRecord): ModerationItemView {
  return {
    id: r._id,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    content: r.content,
    reason: r.reason,
    reportCount: r.reportCount,
    status: r.status === 'watching' ? 'pending' : r.status,
    createdAt: r.createdAt,
  };
}

declare module '../../ports/store' {
  interface CollectionRecords {
    moderation: ModerationRecord;
  }
}
