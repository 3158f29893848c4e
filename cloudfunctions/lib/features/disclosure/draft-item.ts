/**
 * 起草. A new item, or the next save of its draft: the draft's version is compared so two
 * staff editing at once do not overwrite each other, and every save runs the privacy gate
 * again — a flag on text that did not change keeps the decision already taken on it.
 * A published item is never edited here: its next version starts with 更正.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { periodKey } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { checkPhotos, markAttached } from '../media/attach';
import { checkPeriod, requireCategory } from './catalogue';
import { flagDraft } from './gate';
import { gateNames } from './gate-names';
import { itemSubject, manualItemId } from './ids';
import { itemView, linkViews } from './presenters';
import type { DraftRecord, ItemRecord } from './records';

type Input = Parameters<Handler<'disclosure.draft'>>[0]['input'];

async function checkInput(ctx: HandlerContext<Input>, subject: string): Promise<void> {
  const { input } = ctx;
  const db = ctx.db();
  const category = await requireCategory(db, input.categoryKey, ctx.now);
  checkPeriod(category, input.period);
  if (category.key === 'finance' && !input.finance) throw fieldError('VALIDATION_ERROR', 'finance', '财务收支须填写收支表');
  if (input.relief && category.key !== 'relief') throw fieldError('VALIDATION_ERROR', 'relief', '受助名单只能放在「救助与补贴款物」类别');
  const links = await linkViews(db, input.links);
  links.forEach((l, i) => {
    if (l.title === '（已不可见）') throw fieldError('VALIDATION_ERROR', `links.${i}.refId`, '关联的事项不存在');
  });
  await Promise.all([
    checkPhotos(db, ctx.caller.memberId, input.attachments, subject),
    checkWritten(ctx, { title: input.title, body: input.body, programme: input.relief?.programme }),
  ]);
}

export async function draftFrom(ctx: HandlerContext<unknown>, content: Omit<DraftRecord, 'flags' | 'draftVersion' | 'updatedAt' | 'byId' | 'byName'>, draftVersion: number, previous: DraftRecord | null, extraNames: { knownNames?: readonly string[]; keepNames?: readonly string[] } = {}): Promise<DraftRecord> {
  const base = { ...content, draftVersion, updatedAt: ctx.now, byId: ctx.caller.memberId ?? 'system', byName: ctx.caller.name ?? '社区工作人员' };
  const names = await gateNames(ctx.db(), ctx.now, extraNames);
  return { ...base, flags: flagDraft(base, names, previous?.flags ?? []) };
}

export const draftItem: Handler<'disclosure.draft'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const itemId = input.itemId ?? manualItemId(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const existing = await db.get('disclosureItems', itemId);
  if (!input.itemId && existing) return itemView(ctx, existing);
  if (input.itemId && !existing) throw new AppError('NOT_FOUND', '没有找到这项公开内容');
  await checkInput(ctx, itemSubject(itemId));
  const content = {
    title: input.title, categoryKey: input.categoryKey, period: input.period, body: input.body, finance: input.finance, relief: input.relief,
    attachments: input.attachments, links: input.links, correctionReason: existing?.draft?.correctionReason ?? null,
  };

  if (!existing) {
    const draft = await draftFrom(ctx, content, 1, null);
    const item: ItemRecord = {
      _id: itemId, communityId: db.communityId, categoryKey: input.categoryKey, title: input.title, period: input.period, periodKey: periodKey(input.period),
      state: 'draft', currentNumber: 0, draft, source: { kind: 'manual', refId: null, title: input.title }, dueId: null, dueAt: null,
      authorIds: [caller.memberId], publishedAt: null, lastPublishedAt: null,
      createdById: caller.memberId, createdByName: caller.name ?? '社区工作人员', createdAt: ctx.now, updatedAt: ctx.now, version: 1,
    };
    await db.store.transaction(async (tx) => {
      tx.insert('disclosureItems', item);
      tx.insert('events', eventRecord(db, caller, { key: `drafted:1`, subject: itemSubject(itemId), type: 'disclosure.drafted', public: false, note: input.title, at: ctx.now }));
    }).catch(async (err) => {
      // A parallel retry with the same key inserted it first.
      if (await db.get('disclosureItems', itemId)) return;
      throw err;
    });
    await markAttached(db, input.attachments, itemSubject(itemId));
    return itemView(ctx, (await db.get('disclosureItems', itemId)) ?? item);
  }

  if (!existing.draft) throw new AppError('CONFLICT', '已公开的内容不能直接修改，请先选择「更正」');
  if (input.draftVersion !== existing.draft.draftVersion) throw new AppError('CONFLICT', '草稿刚被他人修改，请刷新后再改');
  if (existing.currentNumber > 0 && (input.categoryKey !== existing.categoryKey || periodKey(input.period) !== existing.periodKey)) {
    throw fieldError('VALIDATION_ERROR', 'categoryKey', '更正不能改变类别和期间');
  }
  const draft = await draftFrom(ctx, content, existing.draft.draftVersion + 1, existing.draft);
  const next: ItemRecord = {
    ...existing, draft, updatedAt: ctx.now, version: existing.version + 1,
    authorIds: existing.authorIds.includes(caller.memberId) ? existing.authorIds : [...existing.authorIds, caller.memberId],
    ...(existing.currentNumber === 0 ? { title: input.title, categoryKey: input.categoryKey, period: input.period, periodKey: periodKey(input.period) } : {}),
  };
  await db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureItems', itemId);
    if (!current || current.version !== existing.version) throw new AppError('CONFLICT', '草稿刚被他人修改，请刷新后再改');
    tx.set('disclosureItems', next);
    tx.insert('events', eventRecord(db, caller, { key: `drafted:${draft.draftVersion}:${existing.currentNumber}`, subject: itemSubject(itemId), type: 'disclosure.drafted', public: false, note: input.title, at: ctx.now }));
  });
  await markAttached(db, input.attachments, itemSubject(itemId));
  return itemView(ctx, next);
};
