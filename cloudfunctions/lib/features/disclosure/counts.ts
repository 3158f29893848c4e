/**
 * The item's open objection and question counts, moved without a transaction: each opinion or
 * question goes in and out under its own key (records.ts `openObjectionIds`,
 * `openQuestionIds`), by a conditional update on that key, so doing it twice changes nothing
 * and a retry may always do it again. One write, beside the step's others.
 */
import { op } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';

type Counted = 'objection' | 'question';

const FIELDS = {
  objection: { ids: 'openObjectionIds', count: 'openObjections' },
  question: { ids: 'openQuestionIds', count: 'openQuestions' },
} as const;

/** Counts `id` in as open on the item, once. */
export function countOpen(db: ScopedStore, itemId: string, what: Counted, id: string): Promise<boolean> {
  const { ids, count } = FIELDS[what];
  return db.update('disclosureItems', itemId, { [`${ids}.${id}`]: true, [count]: op.inc(1) }, { [`${ids}.${id}`]: { $exists: false } });
}

/**
 * Counts `id` out (answered), once, leaving its key as `false`: counting it in again (a
 * retry that read the question while still open) then finds it and does nothing. Answered
 * before its ask or objection had counted it in (that step still on its way, or died and
 * retried later): the key is set to `false` alone, for the same reason. An item keeps one
 * short key per question or objection it was ever asked or given.
 */
export async function countClosed(db: ScopedStore, itemId: string, what: Counted, id: string): Promise<void> {
  const { ids, count } = FIELDS[what];
  const key = `${ids}.${id}`;
  if (await db.update('disclosureItems', itemId, { [key]: false, [count]: op.inc(-1) }, { [key]: true })) return;
  await db.update('disclosureItems', itemId, { [key]: false }, { [key]: { $exists: false } });
}
