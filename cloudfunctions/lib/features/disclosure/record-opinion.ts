import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { adminsInbox } from '../notify/records';
import { sits } from '../supervision/committee';
import { itemSubject } from './ids';
import { loadItem } from './load';
import { opinionIdFor } from './opinions';
import { itemView } from './presenters';
import type { OpinionRecord } from './records';
import { tell } from './tell';

/**
 * 登记监督意见. A member of the sitting committee gives one opinion on the version now
 * published — never on an item they drafted, reviewed or published. The opinion's id is the
 * item, the version and the member, and it is written in one transaction with the item's open
 * objection count and the audit step: parallel taps make one opinion and count it once. An
 * objection tells the staff, and puts up the banner until they answer it.
 */
export const recordOpinion: Handler<'disclosure.opinion'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  if (!(await sits(ctx))) throw new AppError('FORBIDDEN', '只有本届居务监督委员会成员可以登记监督意见');
  const item = await loadItem(ctx, input.itemId);
  if (item.currentNumber === 0) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  if (item.authorIds.includes(caller.memberId)) throw new AppError('FORBIDDEN', '不能监督自己起草或公开的事项');
  if (input.versionNumber > item.currentNumber) throw fieldError('NOT_FOUND', 'versionNumber', '该版本不存在');
  await checkWritten(ctx, { text: input.text });

  const id = opinionIdFor(item._id, input.versionNumber, caller.memberId);
  const record: OpinionRecord = {
    _id: id, communityId: db.communityId, itemId: item._id, versionNumber: input.versionNumber, memberId: caller.memberId,
    memberName: caller.name ?? '监督委员会成员', stance: input.stance, text: input.text, at: now, response: null,
  };
  const objection = input.stance === 'objection';
  const event = eventRecord(db, caller, {
    key: `opinion:${id}`, subject: itemSubject(item._id), type: 'disclosure.opinion', to: input.stance, public: true,
    note: `第${input.versionNumber}版${objection ? `：${sentence(input.text, 60)}` : '：无异议'}`, at: now,
  });
  const existing = await db.store.transaction(async (tx) => {
    const before = await tx.get('disclosureOpinions', id);
    if (before) return before;
    const current = await tx.get('disclosureItems', item._id);
    if (!current || current.communityId !== db.communityId) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
    // A correction went up meanwhile: the opinion would be on a text no longer shown.
    if (current.currentNumber !== input.versionNumber) throw fieldError('CONFLICT', 'versionNumber', `该事项已更正为第${current.currentNumber}版，请查看新版本后再提意见`);
    tx.insert('disclosureOpinions', record);
    if (objection) tx.set('disclosureItems', { ...current, openObjections: current.openObjections + 1 });
    tx.insert('events', event);
    return null;
  });
  if (existing) {
    // A retry of the same opinion is answered as the first; a different one is a second opinion.
    if (existing.stance !== input.stance || existing.text !== input.text) throw new AppError('CONFLICT', `您已对第${input.versionNumber}版登记过意见，每个版本只能登记一次`);
  } else if (objection) {
    await tell(ctx.deps.notifier, db.communityId, item._id, event._id, {
      to: [adminsInbox(db.communityId), ...item.authorIds],
      kind: 'disclosure.objected',
      title: `监督委员会有异议：${sentence(item.title, 20)}`,
      body: `${record.memberName}：${sentence(input.text, 60)}。请及时答复。`,
    });
  }
  return itemView(ctx, await db.require('disclosureItems', item._id));
};
