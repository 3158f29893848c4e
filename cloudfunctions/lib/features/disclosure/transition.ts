/**
 * One way to change an item outside publication: in a transaction, re-read it, let the
 * caller refuse what moved since it was loaded (a stale draftVersion is CONFLICT), replace
 * it with the next one and insert the step's audit event — so a crash leaves neither a
 * change without its event nor an event without its change. Counters other features move
 * by conditional update (objections, questions) are read inside and kept.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord, type EventType } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { itemSubject } from './ids';
import type { ItemRecord } from './records';

export interface ItemStep {
  type: EventType;
  note?: string | null;
  /** Drafts are staff business; publication is everyone's. */
  public: boolean;
}

export async function commitItem(
  db: ScopedStore,
  actor: Caller | 'system',
  itemId: string,
  change: (current: ItemRecord) => Partial<ItemRecord>,
  step: ItemStep,
  now: number,
): Promise<ItemRecord> {
  return db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureItems', itemId);
    if (!current || current.communityId !== db.communityId) throw new AppError('NOT_FOUND', '公开事项不存在');
    const next: ItemRecord = { ...current, ...change(current), updatedAt: now, version: current.version + 1 };
    tx.set('disclosureItems', next);
    tx.insert('events', eventRecord(db, actor, { key: `v${next.version}:${step.type}`, subject: itemSubject(itemId), type: step.type, from: current.state, to: next.state, public: step.public, note: step.note ?? null, at: now }));
    return next;
  });
}

/** Adds the caller to the item's authors: nobody supervises what they wrote, reviewed or published. */
export const withAuthor = (ids: readonly string[], memberId: string | null) => (memberId && !ids.includes(memberId) ? [...ids, memberId] : [...ids]);
