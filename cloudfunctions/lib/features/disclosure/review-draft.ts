/**
 * 隐私审核. Each flag is masked or kept with a reason by a named reviewer; text the scan
 * missed is marked and masked wherever it stands in its field. Compared on the draft's
 * version, so a decision is never taken on a draft that changed meanwhile.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { manualFlag } from './gate';
import { itemSubject } from './ids';
import { loadItem } from './load';
import { itemView } from './presenters';
import type { FlagRecord, ItemRecord } from './records';

const FIELD = /^(title|body|relief\.programme|finance\.(income|expense)\.\d+\.(label|note))$/;

export const reviewDraft: Handler<'disclosure.review'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const item = await loadItem(ctx, input.itemId);
  if (!item.draft) throw new AppError('CONFLICT', '没有待审核的草稿');
  if (item.draft.draftVersion !== input.draftVersion) throw new AppError('CONFLICT', '草稿刚被修改，请刷新后再审核');
  const byId = new Map(item.draft.flags.map((f) => [f.flagId, f]));
  input.decisions.forEach((d, i) => {
    if (!byId.has(d.flagId)) throw fieldError('VALIDATION_ERROR', `decisions.${i}.flagId`, '这一处标记已不存在，请刷新');
  });
  const who = { decidedById: caller.memberId, decidedByName: caller.name ?? '社区工作人员' };
  const decided = new Map(input.decisions.map((d) => [d.flagId, d]));
  const flags: FlagRecord[] = item.draft.flags.map((f) => {
    const d = decided.get(f.flagId);
    return d ? { ...f, decision: d.decision, reason: d.decision === 'keep' ? d.reason ?? null : null, ...who } : f;
  });
  input.marks.forEach((m, i) => {
    if (!FIELD.test(m.field)) throw fieldError('VALIDATION_ERROR', `marks.${i}.field`, '位置不正确');
    const flag = { ...manualFlag(m.field, m.text), ...who };
    if (!flags.some((f) => f.flagId === flag.flagId)) flags.push(flag);
  });
  const next: ItemRecord = {
    ...item, draft: { ...item.draft, flags, draftVersion: item.draft.draftVersion + 1, updatedAt: ctx.now }, updatedAt: ctx.now, version: item.version + 1,
    authorIds: item.authorIds.includes(caller.memberId) ? item.authorIds : [...item.authorIds, caller.memberId],
  };
  await db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureItems', item._id);
    if (!current || current.version !== item.version) throw new AppError('CONFLICT', '草稿刚被他人处理，请刷新');
    tx.set('disclosureItems', next);
    tx.insert('events', eventRecord(db, caller, { key: `reviewed:${item.currentNumber}:${next.draft!.draftVersion}`, subject: itemSubject(item._id), type: 'disclosure.reviewed', public: false, note: `${input.decisions.length}处决定，${input.marks.length}处补标`, at: ctx.now }));
  });
  return itemView(ctx, next);
};
