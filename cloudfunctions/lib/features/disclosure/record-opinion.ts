import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import { countOpen } from './counts';
import { checkWritten } from '../../kernel/content';
import { adminsInbox } from '../notify/records';
import { sits } from '../supervision/committee';
import { itemSubject } from './ids';
import { loadItem } from './load';
import { opinionIdFor } from './opinions';
import { itemView } from './presenters';
import type { ItemRecord, OpinionRecord } from './records';
import { tell } from './tell';

/**
 * 登记监督意见. A member of the sitting committee gives one opinion on the version now
 * published — never on an item they drafted, reviewed or published. The opinion's id is the
 * item, the version and the member, so parallel taps make one opinion; it carries its audit
 * step, and an objection is counted on the item once, by its key (counts.ts). An objection
 * tells the staff, and puts up the banner until they answer it.
 */
export const recordOpinion: Handler<'disclosure.opinion'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  // The committee (the right to opine) and the item, in one wait.
  const [sitting, loaded] = await Promise.all([sits(ctx), loadItem(ctx, input.itemId).then((item) => ({ item }), (err: unknown) => ({ err }))]);
  if (!sitting) throw new AppError('FORBIDDEN', '只有本届居务监督委员会成员可以登记监督意见');
  if ('err' in loaded) throw loaded.err;
  const { item } = loaded;
  if (item.currentNumber === 0) throw fieldError('NOT_FOUND', 'itemId', '公开事项不存在');
  if (item.authorIds.includes(caller.memberId)) throw new AppError('FORBIDDEN', '不能监督自己起草或公开的事项');
  if (input.versionNumber > item.currentNumber) throw fieldError('NOT_FOUND', 'versionNumber', '该版本不存在');
  await checkWritten(ctx, { text: input.text });

  const id = opinionIdFor(item._id, input.versionNumber, caller.memberId);
  const record: OpinionRecord = {
    _id: id, communityId: db.communityId, itemId: item._id, versionNumber: input.versionNumber, memberId: caller.memberId,
    memberName: caller.name ?? '监督委员会成员', stance: input.stance, text: input.text, at: now, response: null, keyed: true,
  };
  const objection = input.stance === 'objection';
  const event = eventRecord(db, caller, {
    key: `opinion:${id}`, subject: itemSubject(item._id), type: 'disclosure.opinion', to: input.stance, public: true,
    note: `第${input.versionNumber}版${objection ? `：${sentence(input.text, 60)}` : '：无异议'}`, at: now,
  });
  if (item.currentNumber !== input.versionNumber) {
    // An opinion given on it before the correction is answered as it was; a new one would be
    // on a text no longer shown.
    const earlier = await db.get('disclosureOpinions', id);
    if (earlier) return again(ctx, item, earlier);
    throw fieldError('CONFLICT', 'versionNumber', `该事项已更正为第${item.currentNumber}版，请查看新版本后再提意见`);
  }
  // The opinion carries its event (kernel/versioned.ts); an objection's count on the item
  // follows by the opinion's key (counts.ts), so what a crash leaves undone the retry does.
  // Inserted without a look first: a retry's insert finds the first one (one opinion per
  // member and version), then reads it.
  if (!(await db.insert('disclosureOpinions', { ...record, lastEvent: event } as OpinionRecord))) return again(ctx, item, await db.require('disclosureOpinions', id));
  const shown = objection ? { ...item, openObjections: item.openObjections + 1 } : item;
  // The opinion is in: the reply's reads go beside the event, the count and the notices.
  const [view] = await Promise.all([
    itemView(ctx, shown, { mayOpine: false }),
    objection ? countOpen(db, item._id, 'objection', id) : undefined,
    db.insert('events', event),
    objection
      ? tell(ctx.deps.notifier, db.communityId, item._id, event._id, {
          to: [adminsInbox(db.communityId), ...item.authorIds],
          kind: 'disclosure.objected',
          title: `监督委员会有异议：${sentence(item.title, 20)}`,
          body: `${record.memberName}：${sentence(input.text, 60)}。请及时答复。`,
        })
      : undefined,
  ]);
  return view;
};

/**
 * The caller's opinion on this version is there already. A retry of the same one is answered
 * as the first, with what the first may have left undone (its event, an objection's count); a
 * different one is a second opinion.
 */
async function again(ctx: Parameters<Handler<'disclosure.opinion'>>[0], item: ItemRecord, existing: OpinionRecord) {
  const db = ctx.db();
  if (existing.stance !== ctx.input.stance || existing.text !== ctx.input.text) throw new AppError('CONFLICT', `您已对第${ctx.input.versionNumber}版登记过意见，每个版本只能登记一次`);
  const recount = existing.keyed && existing.stance === 'objection' && !existing.response;
  const [, counted] = await Promise.all([settleLastEvent(db, existing), recount ? countOpen(db, item._id, 'objection', existing._id) : false]);
  return itemView(ctx, counted ? { ...item, openObjections: item.openObjections + 1 } : item, { mayOpine: false });
}
