import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import { countClosed } from './counts';
import type { ItemRecord, OpinionRecord } from './records';
import { checkWritten } from '../../kernel/content';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { itemSubject } from './ids';
import { itemView } from './presenters';
import { tell } from './tell';

/**
 * 答复监督异议. Staff answer an objection once: the answer is written only while the opinion
 * has none (a conditional update), so two staff answering at once make one answer; the item's
 * open objection count moves by the opinion's key (counts.ts), and the banner comes down when
 * the last objection is answered. The
 * member who objected is told, and the rest of the committee copied.
 */
export const respondToObjection: Handler<'disclosure.respond'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  // The opinion, its item (for the reply) and the committee to copy, in one wait.
  const [opinion, itemFound, term] = await Promise.all([
    db.get('disclosureOpinions', input.opinionId),
    db.get('disclosureItems', input.itemId),
    sittingCommittee(db, now),
  ]);
  if (!opinion || opinion.itemId !== input.itemId) throw fieldError('NOT_FOUND', 'opinionId', '监督意见不存在');
  if (opinion.stance !== 'objection') throw fieldError('VALIDATION_ERROR', 'opinionId', '这条意见无异议，不需要答复');
  if (!itemFound) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  let item: ItemRecord = itemFound;
  await checkWritten(ctx, { text: input.text });

  const response = { text: input.text, byId: caller.memberId, byName: caller.name ?? '社区工作人员', at: now };
  const event = eventRecord(db, caller, {
    key: `responded:${opinion._id}`, subject: itemSubject(opinion.itemId), type: 'disclosure.responded', from: 'objection', to: 'answered', public: true,
    note: sentence(input.text, 60), at: now,
  });
  const tellAll = () => {
    const others = onAppMembers(term).filter((m) => m !== opinion.memberId);
    const title = `异议已答复：${sentence(item.title, 20)}`;
    return Promise.all([
      tell(ctx.deps.notifier, db.communityId, item._id, event._id, { to: [opinion.memberId], kind: 'disclosure.objectionAnswered', title, body: sentence(input.text, 60) }),
      tell(ctx.deps.notifier, db.communityId, item._id, `${event._id}:copy`, { to: others, kind: 'disclosure.objectionAnswered', title, body: `${opinion.memberName}的异议，社区答复：${sentence(input.text, 50)}` }),
    ]);
  };
  const refuse = (earlier: NonNullable<OpinionRecord['response']>) => {
    if (earlier.byId !== caller.memberId || earlier.text !== input.text) throw new AppError('CONFLICT', `这条异议已由${earlier.byName}答复`);
  };

  if (opinion.keyed) {
    if (opinion.response) {
      refuse(opinion.response);
      // A retry: what the first call may have left undone (its event, the count).
      await Promise.all([settleLastEvent(db, opinion), countClosed(db, item._id, 'objection', opinion._id)]);
      return itemView(ctx, item);
    }
    // Answered once: only while it has no answer; the answer carries its event (kernel/versioned.ts)
    // and the item's count follows by the opinion's key (counts.ts).
    if (!(await db.update('disclosureOpinions', opinion._id, { response, lastEvent: event }, { response: null }))) {
      const now_ = await db.require('disclosureOpinions', opinion._id);
      if (now_.response) refuse(now_.response);
      await Promise.all([settleLastEvent(db, now_), countClosed(db, item._id, 'objection', opinion._id)]);
      return itemView(ctx, item);
    }
    // The answer is in: the reply's reads go beside the event, the count and the notices.
    const [view] = await Promise.all([
      itemView(ctx, { ...item, openObjections: Math.max(0, item.openObjections - 1) }),
      countClosed(db, item._id, 'objection', opinion._id),
      db.insert('events', event),
      tellAll(),
    ]);
    return view;
  }

  // An opinion given before counts moved by key: answered as it was, in one transaction with the item's count.
  const earlier = await db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureOpinions', opinion._id);
    if (!current) throw fieldError('NOT_FOUND', 'opinionId', '监督意见不存在');
    if (current.response) return current.response;
    const stored = await tx.get('disclosureItems', opinion.itemId);
    if (!stored || stored.communityId !== db.communityId) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
    tx.set('disclosureOpinions', { ...current, response });
    tx.set('disclosureItems', { ...stored, openObjections: Math.max(0, stored.openObjections - 1) });
    tx.insert('events', event);
    return null;
  });
  if (earlier) refuse(earlier);
  else {
    item = await db.require('disclosureItems', opinion.itemId);
    await tellAll();
  }
  return itemView(ctx, await db.require('disclosureItems', opinion.itemId));
};
