import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { toQuestionView } from './questions';
import { itemSubject } from './ids';
import { tell } from './tell';

/**
 * 答复居民提问. Staff answer a question once: the answer is written only while the question is
 * open, in one transaction with the item's open question count, so parallel answers make one
 * and the others are told who answered. The asker is told, the committee copied; the answer is
 * public like the question.
 */
export const answerQuestion: Handler<'disclosure.answer'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const question = await db.get('disclosureQuestions', input.questionId);
  if (!question) throw fieldError('NOT_FOUND', 'questionId', '问题不存在');
  await checkWritten(ctx, { text: input.text });

  const answer = { text: input.text, byId: caller.memberId, byName: caller.name ?? '社区工作人员', at: now };
  const event = eventRecord(db, caller, {
    key: `answered:${question._id}`, subject: itemSubject(question.itemId), type: 'disclosure.answered', from: 'open', to: 'answered', public: true,
    note: sentence(input.text, 60), at: now,
  });
  const earlier = await db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureQuestions', question._id);
    if (!current) throw fieldError('NOT_FOUND', 'questionId', '问题不存在');
    if (current.state !== 'open') return current.answer;
    const item = await tx.get('disclosureItems', current.itemId);
    tx.set('disclosureQuestions', { ...current, state: 'answered', answer, wakeAt: null, version: current.version + 1 });
    if (item && item.communityId === db.communityId) tx.set('disclosureItems', { ...item, openQuestions: Math.max(0, item.openQuestions - 1) });
    tx.insert('events', event);
    return null;
  });
  if (earlier) {
    if (earlier.byId !== caller.memberId || earlier.text !== input.text) throw new AppError('CONFLICT', `这个问题已由${earlier.byName}答复`);
  } else {
    const title = `提问已答复：${sentence(question.itemTitle, 20)}`;
    const committee = onAppMembers(await sittingCommittee(db, now)).filter((m) => m !== question.askerId);
    await tell(ctx.deps.notifier, db.communityId, question.itemId, event._id, { to: [question.askerId], kind: 'disclosure.answered', title, body: sentence(input.text, 60) });
    await tell(ctx.deps.notifier, db.communityId, question.itemId, `${event._id}:copy`, { to: committee, kind: 'disclosure.questionCopy', title: `抄送 ${title}`, body: sentence(input.text, 60) });
  }
  return toQuestionView(caller, await db.require('disclosureQuestions', question._id), now);
};
