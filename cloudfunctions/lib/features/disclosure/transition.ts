/**
 * One way to change an item outside publication: a versioned commit (kernel/versioned.ts) on
 * the item as the caller loaded it — the change lands only if nothing moved since (else
 * CONFLICT), carrying the step's audit event, so a crash leaves neither a change without its
 * event nor an event without its change. Only the changed fields are written: the open
 * objection and question counts (counts.ts), moved without a version bump, are kept.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { eventRecord, type EventType } from '../../kernel/audit';
import { commitVersioned } from '../../kernel/versioned';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { itemSubject } from './ids';
import type { ItemRecord } from './records';

export interface ItemStep {
  type: EventType;
  note?: string | null;
  /** Drafts are staff business; publication is everyone's. */
  public: boolean;
  /** What the caller is told when the item moved since it was loaded, and the field it is about. */
  conflict?: string;
  conflictField?: string;
}

export async function commitItem(
  db: ScopedStore,
  actor: Caller | 'system',
  expected: ItemRecord,
  change: (current: ItemRecord) => Partial<ItemRecord>,
  step: ItemStep,
  now: number,
): Promise<ItemRecord> {
  if (expected.communityId !== db.communityId) throw new AppError('NOT_FOUND', '公开事项不存在');
  const message = step.conflict ?? '该事项刚被他人修改，请刷新后再看';
  try {
    return await commitVersioned(db, 'disclosureItems', expected, { ...change(expected), updatedAt: now }, (next) =>
      eventRecord(db, actor, { key: `v${next.version}:${step.type}`, subject: itemSubject(expected._id), type: step.type, from: expected.state, to: next.state, public: step.public, note: step.note ?? null, at: now }),
    message);
  } catch (err) {
    if (step.conflictField && err instanceof AppError && err.code === 'CONFLICT') throw fieldError('CONFLICT', step.conflictField, message);
    throw err;
  }
}

/** Adds the caller to the item's authors: nobody supervises what they wrote, reviewed or published. */
export const withAuthor = (ids: readonly string[], memberId: string | null) => (memberId && !ids.includes(memberId) ? [...ids, memberId] : [...ids]);
