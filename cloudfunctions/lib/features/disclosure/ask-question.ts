import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import { DEFAULT_ANSWER_DAYS } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { adminsInbox } from '../notify/records';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { questionIdFor, toQuestionView } from './questions';
import type { QuestionRecord } from './records';
import { itemSubject } from './ids';
import { loadItem } from './load';
import { tell } from './tell';

/** The clock reminds the staff this long before an answer is due. */
export const REMIND_BEFORE = 2 * DAY;

/**
 * 就公开事项提问. A resident bound to a household of the community asks about a published item;
 * the staff must answer within DEFAULT_ANSWER_DAYS days, and the committee gets a copy. The
 * question's id comes from the asker and the request key, and it is written in one transaction
 * with the item's open question count and the audit step: a retried ask is the same question.
 */
export const askQuestion: Handler<'disclosure.ask'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  if (!caller.householdId) throw new AppError('FORBIDDEN', '请先绑定您所住的住户，再提问');
  const id = questionIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const existing = await db.get('disclosureQuestions', id);
  if (existing) return toQuestionView(caller, existing, now);
  const item = await loadItem(ctx, input.itemId);
  if (item.currentNumber === 0) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  await checkWritten(ctx, { text: input.text });

  const dueAt = now + DEFAULT_ANSWER_DAYS * DAY;
  const record: QuestionRecord = {
    _id: id, communityId: db.communityId, itemId: item._id, itemTitle: item.title, versionNumber: item.currentNumber,
    askerId: caller.memberId, askerName: caller.name ?? '', householdId: caller.householdId,
    text: input.text, askedAt: now, dueAt, state: 'open', answer: null,
    wakeAt: dueAt - REMIND_BEFORE, remindedAt: null, escalatedAt: null, version: 1,
  };
  const event = eventRecord(db, caller, { key: `asked:${id}`, subject: itemSubject(item._id), type: 'disclosure.asked', to: 'open', public: true, at: now });
  const made = await db.store.transaction(async (tx) => {
    if (await tx.get('disclosureQuestions', id)) return false;
    const current = await tx.get('disclosureItems', item._id);
    if (!current || current.communityId !== db.communityId || current.currentNumber === 0) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
    tx.insert('disclosureQuestions', { ...record, itemTitle: current.title, versionNumber: current.currentNumber });
    tx.set('disclosureItems', { ...current, openQuestions: current.openQuestions + 1 });
    tx.insert('events', event);
    return true;
  });
  const question = await db.require('disclosureQuestions', id);
  if (made) {
    const committee = onAppMembers(await sittingCommittee(db, now)).filter((m) => m !== caller.memberId);
    const title = `居民提问：${sentence(question.itemTitle, 20)}`;
    await tell(ctx.deps.notifier, db.communityId, item._id, event._id, { to: [adminsInbox(db.communityId)], kind: 'disclosure.asked', title, body: `${sentence(input.text, 60)}。请在${DEFAULT_ANSWER_DAYS}日内答复。` });
    await tell(ctx.deps.notifier, db.communityId, item._id, `${event._id}:copy`, { to: committee, kind: 'disclosure.questionCopy', title: `抄送 ${title}`, body: sentence(input.text, 60) });
  }
  return toQuestionView(caller, question, now);
};
