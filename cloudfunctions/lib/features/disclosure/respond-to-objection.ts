import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { itemSubject } from './ids';
import { itemView } from './presenters';
import { tell } from './tell';

/**
 * 答复监督异议. Staff answer an objection once: the answer is written only while the opinion
 * has none, in one transaction with the item's open objection count, so two staff answering
 * at once make one answer and the banner comes down when the last objection is answered. The
 * member who objected is told, and the rest of the committee copied.
 */
export const respondToObjection: Handler<'disclosure.respond'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const opinion = await db.get('disclosureOpinions', input.opinionId);
  if (!opinion || opinion.itemId !== input.itemId) throw fieldError('NOT_FOUND', 'opinionId', '监督意见不存在');
  if (opinion.stance !== 'objection') throw fieldError('VALIDATION_ERROR', 'opinionId', '这条意见无异议，不需要答复');
  await checkWritten(ctx, { text: input.text });

  const response = { text: input.text, byId: caller.memberId, byName: caller.name ?? '社区工作人员', at: now };
  const event = eventRecord(db, caller, {
    key: `responded:${opinion._id}`, subject: itemSubject(opinion.itemId), type: 'disclosure.responded', from: 'objection', to: 'answered', public: true,
    note: sentence(input.text, 60), at: now,
  });
  const earlier = await db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureOpinions', opinion._id);
    if (!current) throw fieldError('NOT_FOUND', 'opinionId', '监督意见不存在');
    if (current.response) return current.response;
    const item = await tx.get('disclosureItems', opinion.itemId);
    if (!item || item.communityId !== db.communityId) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
    tx.set('disclosureOpinions', { ...current, response });
    tx.set('disclosureItems', { ...item, openObjections: Math.max(0, item.openObjections - 1) });
    tx.insert('events', event);
    return null;
  });
  if (earlier) {
    if (earlier.byId !== caller.memberId || earlier.text !== input.text) throw new AppError('CONFLICT', `这条异议已由${earlier.byName}答复`);
  } else {
    const item = await db.require('disclosureItems', opinion.itemId);
    const others = onAppMembers(await sittingCommittee(db, now)).filter((m) => m !== opinion.memberId);
    const title = `异议已答复：${sentence(item.title, 20)}`;
    await tell(ctx.deps.notifier, db.communityId, item._id, event._id, { to: [opinion.memberId], kind: 'disclosure.objectionAnswered', title, body: sentence(input.text, 60) });
    await tell(ctx.deps.notifier, db.communityId, item._id, `${event._id}:copy`, { to: others, kind: 'disclosure.objectionAnswered', title, body: `${opinion.memberName}的异议，社区答复：${sentence(input.text, 50)}` });
  }
  return itemView(ctx, await db.require('disclosureItems', opinion.itemId));
};
