import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import { DEFAULT_ANSWER_DAYS } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler, HandlerContext } from '../../kernel/action';
import { settleLastEvent } from '../../kernel/versioned';
import { countOpen } from './counts';
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
 * question's id comes from the asker and the request key, so a retried ask is the same
 * question; it carries its audit step, and the item's open question count moves by its key.
 */
export const askQuestion: Handler<'disclosure.ask'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  if (!caller.householdId) throw new AppError('FORBIDDEN', '请先绑定您所住的住户，再提问');
  const id = questionIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  // The question (a retry finds it), the item and the committee to copy, in one wait.
  const [existing, loaded, term] = await Promise.all([
    db.get('disclosureQuestions', id),
    loadItem(ctx, input.itemId).then((item) => ({ item }), (err: unknown) => ({ err })),
    sittingCommittee(db, now),
  ]);
  if (existing) return answered(ctx, existing);
  if ('err' in loaded) throw loaded.err;
  const { item } = loaded;
  if (item.currentNumber === 0) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  await checkWritten(ctx, { text: input.text });

  const dueAt = now + DEFAULT_ANSWER_DAYS * DAY;
  const record: QuestionRecord = {
    _id: id, communityId: db.communityId, itemId: item._id, itemTitle: item.title, versionNumber: item.currentNumber,
    askerId: caller.memberId, askerName: caller.name ?? '', householdId: caller.householdId,
    text: input.text, askedAt: now, dueAt, state: 'open', answer: null,
    wakeAt: dueAt - REMIND_BEFORE, remindedAt: null, escalatedAt: null, version: 1, keyed: true,
  };
  const event = eventRecord(db, caller, { key: `asked:${id}`, subject: itemSubject(item._id), type: 'disclosure.asked', to: 'open', public: true, at: now });
  // The question carries its event (kernel/versioned.ts); the item's count follows by its key
  // (counts.ts), so whatever a crash leaves undone, the retry does.
  if (!(await db.insert('disclosureQuestions', { ...record, lastEvent: event } as QuestionRecord))) return answered(ctx, await db.require('disclosureQuestions', id));
  const committee = onAppMembers(term).filter((m) => m !== caller.memberId);
  const title = `居民提问：${sentence(record.itemTitle, 20)}`;
  await Promise.all([
    countOpen(db, item._id, 'question', id),
    db.insert('events', event),
    tell(ctx.deps.notifier, db.communityId, item._id, event._id, { to: [adminsInbox(db.communityId)], kind: 'disclosure.asked', title, body: `${sentence(input.text, 60)}。请在${DEFAULT_ANSWER_DAYS}日内答复。` }),
    tell(ctx.deps.notifier, db.communityId, item._id, `${event._id}:copy`, { to: committee, kind: 'disclosure.questionCopy', title: `抄送 ${title}`, body: sentence(input.text, 60) }),
  ]);
  return toQuestionView(caller, record, now);
};

/** A retried ask: the question as it stands, with what the first call may have left undone (its event, its count). */
async function answered(ctx: HandlerContext<unknown>, q: QuestionRecord) {
  const db = ctx.db();
  await Promise.all([settleLastEvent(db, q), q.keyed && q.state === 'open' ? countOpen(db, q.itemId, 'question', q._id) : undefined]);
  return toQuestionView(ctx.caller, q, ctx.now);
}
