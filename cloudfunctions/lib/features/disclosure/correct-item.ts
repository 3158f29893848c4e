/**
 * 更正. The next version starts as a copy of the current one with the reason stated; the
 * current version stays up, unchanged, until the correction is reviewed and published.
 * Relief rows are not copied: the published version holds only their masked form, so the
 * list is entered again from the source.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { draftFrom } from './draft-item';
import { itemSubject, versionRecordId } from './ids';
import { loadItem } from './load';
import { itemView } from './presenters';
import type { ItemRecord } from './records';

export const correctItem: Handler<'disclosure.correct'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const item = await loadItem(ctx, input.itemId);
  if (item.currentNumber === 0) throw new AppError('CONFLICT', '尚未公开的草稿直接修改即可');
  if (item.draft) {
    if (item.draft.correctionReason === input.reason) return itemView(ctx, item);
    throw new AppError('CONFLICT', '这项内容已在更正中，请在草稿中继续');
  }
  const current = await db.require('disclosureVersions', versionRecordId(item._id, item.currentNumber));
  const draft = await draftFrom(ctx, {
    title: current.title, categoryKey: item.categoryKey, period: current.period, body: current.body, finance: current.finance, relief: null,
    attachments: current.attachments, links: current.links.map((l) => ({ kind: l.kind, refId: l.refId })), correctionReason: input.reason,
  }, 1, null);
  const next: ItemRecord = {
    ...item, state: 'correcting', draft, updatedAt: ctx.now, version: item.version + 1,
    authorIds: item.authorIds.includes(caller.memberId) ? item.authorIds : [...item.authorIds, caller.memberId],
  };
  await db.store.transaction(async (tx) => {
    const now = await tx.get('disclosureItems', item._id);
    if (!now || now.version !== item.version) throw new AppError('CONFLICT', '这项内容刚被他人处理，请刷新');
    tx.set('disclosureItems', next);
    tx.insert('events', eventRecord(db, caller, { key: `correcting:${item.currentNumber + 1}`, subject: itemSubject(item._id), type: 'disclosure.correcting', public: true, note: input.reason, at: ctx.now }));
  });
  return itemView(ctx, next);
};
