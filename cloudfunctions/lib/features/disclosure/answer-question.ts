import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import { countClosed } from './counts';
import type { QuestionRecord } from './records';
import { checkWritten } from '../../kernel/content';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { toQuestionView } from './questions';
import { itemSubject } from './ids';
import { tell } from './tell';

/**
 * 答复居民提问. Staff answer a question once: the answer is written only while the question is
 * open (compare-and-set on its version), so parallel answers make one and the others are told
 * who answered; the item's open question count moves by the question's key (counts.ts). The asker is told, the committee copied; the answer is
 * public like the question.
 */
export const answerQuestion: Handler<'disclosure.answer'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  // The question and the committee to copy, in one wait.
  const [question, term] = await Promise.all([db.get('disclosureQuestions', input.questionId), sittingCommittee(db, now)]);
  if (!question) throw fieldError('NOT_FOUND', 'questionId', '问题不存在');
  await checkWritten(ctx, { text: input.text });

  const answer = { text: input.text, byId: caller.memberId, byName: caller.name ?? '社区工作人员', at: now };
  const event = eventRecord(db, caller, {
    key: `answered:${question._id}`, subject: itemSubject(question.itemId), type: 'disclosure.answered', from: 'open', to: 'answered', public: true,
    note: sentence(input.text, 60), at: now,
  });
  const tellAll = () => {
    const title = `提问已答复：${sentence(question.itemTitle, 20)}`;
    const committee = onAppMembers(term).filter((m) => m !== question.askerId);
    return [
      tell(ctx.deps.notifier, db.communityId, question.itemId, event._id, { to: [question.askerId], kind: 'disclosure.answered', title, body: sentence(input.text, 60) }),
      tell(ctx.deps.notifier, db.communityId, question.itemId, `${event._id}:copy`, { to: committee, kind: 'disclosure.questionCopy', title: `抄送 ${title}`, body: sentence(input.text, 60) }),
    ];
  };
  if (!question.keyed) return answerByTransaction(ctx, question, answer, event, tellAll);

  // The answer carries its event (kernel/versioned.ts); the item's count follows by the
  // question's key (counts.ts). The clock may move the question meanwhile (a reminder): then
  // it is read again and answered on what it is now.
  let current: QuestionRecord = question;
  for (let attempt = 0; ; attempt += 1) {
    if (current.state !== 'open') {
      const earlier = current.answer;
      if (!earlier || earlier.byId !== caller.memberId || earlier.text !== input.text) throw new AppError('CONFLICT', `这个问题已由${earlier?.byName ?? '他人'}答复`);
      // A retry: what the first call may have left undone (its event, the count).
      await Promise.all([settleLastEvent(db, current), countClosed(db, current.itemId, 'question', current._id)]);
      return toQuestionView(caller, current, now);
    }
    try {
      const next = await commitVersioned(db, 'disclosureQuestions', current, { state: 'answered', answer, wakeAt: null }, () => event, '这个问题刚被他人处理，请刷新');
      // commitVersioned has put the event in `events`.
      await Promise.all([countClosed(db, next.itemId, 'question', next._id), ...tellAll()]);
      return toQuestionView(caller, next, now);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT' || attempt >= 2) throw err;
      current = await db.require('disclosureQuestions', question._id);
    }
  }
};

/** A question asked before counts moved by key: answered as it was, in one transaction with its item's count. */
async function answerByTransaction(
  ctx: Parameters<Handler<'disclosure.answer'>>[0],
  question: QuestionRecord,
  answer: NonNullable<QuestionRecord['answer']>,
  event: EventRecord,
  tellAll: () => Promise<void>[],
) {
  const { caller, now } = ctx;
  const db = ctx.db();
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
    if (earlier.byId !== caller.memberId || earlier.text !== ctx.input.text) throw new AppError('CONFLICT', `这个问题已由${earlier.byName}答复`);
  } else {
    await Promise.all(tellAll());
  }
  return toQuestionView(caller, await db.require('disclosureQuestions', question._id), now);
}
