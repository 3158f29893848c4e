import type { NoticeSpec } from '../../kernel/feature';

/**
 * Every kind of message 居务公开 sends. Committee members are residents: their copies and
 * queue items arrive in the app's inbox (no subscription template fits them yet); staff get
 * theirs as staffTask pushes.
 */
export const DISCLOSURE_NOTICES = {
  // Staff: a disclosure falls due soon / is overdue; a question is near its deadline; an objection arrived.
  'disclosure.due': { audience: 'staff', template: 'staffTask' },
  'disclosure.overdue': { audience: 'staff', template: 'staffTask' },
  'disclosure.asked': { audience: 'staff', template: 'staffTask' },
  'disclosure.questionDue': { audience: 'staff', template: 'staffTask' },
  'disclosure.objected': { audience: 'staff', template: 'staffTask' },
  // The committee: copies of questions and answers, overdue items escalated, items to opine on, answers to objections.
  'disclosure.escalated': { audience: 'resident' },
  'disclosure.questionCopy': { audience: 'resident' },
  'disclosure.toReview': { audience: 'resident' },
  'disclosure.objectionAnswered': { audience: 'resident' },
  // The asker: the answer to their question.
  'disclosure.answered': { audience: 'resident', template: 'concernProgress' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof DISCLOSURE_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

export type DisclosureNoticeKind = keyof typeof DISCLOSURE_NOTICES;

/** Residents (and committee members) open the item's page, staff its review; a due with no item yet opens the calendar or the board. */
export function disclosurePage(kind: DisclosureNoticeKind, itemId: string | null): string {
  const staff = DISCLOSURE_NOTICES[kind].audience === 'staff';
  if (!itemId) return staff ? '/staff/disclosure/index' : '/disclosure/board/index';
  return staff ? `/staff/disclosure-review/index?id=${itemId}` : `/disclosure/item/index?id=${itemId}`;
}
