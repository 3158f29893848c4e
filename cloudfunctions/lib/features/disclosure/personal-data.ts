/**
 * A resident's part of 居务公开: the questions they asked. Questions and their answers are the
 * community's public record, so erasure keeps the text and cuts the tie to the person: the
 * asker becomes 「已注销用户」, their household is forgotten.
 */
import { QUESTION_STATES } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { ERASED_ASKER } from './questions';

const STATE_WORDS: Record<(typeof QUESTION_STATES)[number], string> = { open: '待答复', answered: '已答复' };

export const disclosurePersonalData: PersonalData = {
  collections: ['disclosureQuestions'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('disclosureQuestions', { askerId: memberId }, 'askedAt');
    const questions = items.map((q) => ({
      item: q.itemTitle,
      version: q.versionNumber,
      text: q.text,
      askedAt: q.askedAt,
      dueAt: q.dueAt,
      state: STATE_WORDS[q.state],
      answer: q.answer ? { text: q.answer.text, byName: q.answer.byName, at: q.answer.at } : null,
    }));
    return { sections: { disclosureQuestions: questions }, truncated };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('disclosureQuestions', { askerId: member._id }, 'askedAt', (q) => db.update('disclosureQuestions', q._id, { askerId: anonymousId, askerName: ERASED_ASKER, householdId: null }));
  },
};
