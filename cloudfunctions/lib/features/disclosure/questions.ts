/**
 * Residents' questions as the community reads them: public, with the asker masked (「刘某」),
 * 「我」 to the asker; the answer names the staff member who gave it (they act in office).
 */
import { createHash } from 'node:crypto';
import type { QuestionView } from '../../../../miniprogram/core/disclosure/contract';
import type { Caller } from '../../kernel/caller';
import { maskName } from '../../kernel/redact';
import type { QuestionRecord } from './records';

/** What an erased asker is called from then on (the question and its answer stay public). */
export const ERASED_ASKER = '已注销用户';

/** An asker who gave no name is 「居民」 to others. */
const UNNAMED = '居民';

export function askerText(name: string): string {
  if (name === ERASED_ASKER) return ERASED_ASKER;
  return name.trim() ? maskName(name) : UNNAMED;
}

/** One question per asker and request: a retried ask finds the first. */
export const questionIdFor = (communityId: string, memberId: string, idempotencyKey: string) =>
  `dq_${createHash('sha256').update(`${communityId}|${memberId}|${idempotencyKey}`).digest('hex').slice(0, 24)}`;

export function toQuestionView(caller: Pick<Caller, 'memberId'>, q: QuestionRecord, now: number): QuestionView {
  const mine = caller.memberId !== null && q.askerId === caller.memberId;
  return {
    questionId: q._id,
    itemId: q.itemId,
    itemTitle: q.itemTitle,
    versionNumber: q.versionNumber,
    askerText: mine ? '我' : askerText(q.askerName),
    mine,
    text: q.text,
    askedAt: q.askedAt,
    dueAt: q.dueAt,
    overdue: q.state === 'open' && now > q.dueAt,
    state: q.state,
    answer: q.answer ? { text: q.answer.text, byName: q.answer.byName, at: q.answer.at } : null,
  };
}
