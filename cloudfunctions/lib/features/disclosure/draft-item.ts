import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { periodKey } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler, HandlerContext } from '../../kernel/action';
import type { ContractParsed } from '../../../../miniprogram/core/action';
import type { Contracts } from '../../../../miniprogram/core/contracts';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { checkPhotos, markAttached } from '../media/attach';
import { requireCategory } from './catalogue';
import { buildDraft, namesFor, type DraftContent } from './drafts';
import { itemSubject, manualItemIdFor } from './ids';
import { checkLinks } from './links';
import { loadItem } from './load';
import { requireDraft } from './permissions';
import { itemView } from './presenters';
import type { ItemRecord } from './records';
import { sameContent } from './rules';
import { commitItem, withAuthor } from './transition';

type Ctx = HandlerContext<ContractParsed<Contracts['disclosure.draft']>>;

/** What the form sends, checked against the community: its links, the relief rows' buildings, new photos, the words. */
async function checkContent(ctx: Ctx, content: DraftContent, itemId: string, attached: readonly string[]): Promise<void> {
  const db = ctx.db();
  await checkLinks(ctx, content.links);
  const rows = content.relief?.rows ?? [];
  const buildings = new Set((await db.getMany('buildings', rows.flatMap((r) => (r.buildingId ? [r.buildingId] : [])))).map((b) => b._id));
  rows.forEach((r, i) => {
    if (r.buildingId && !buildings.has(r.buildingId)) throw fieldError('NOT_FOUND', `relief.rows.${i}.buildingId`, '所选楼栋不存在');
  });
  // Photos already on the draft (a colleague's, or the published version's) stay; new ones must be the caller's.
  const fresh = content.attachments.filter((a) => !attached.includes(a));
  await checkPhotos(db, ctx.caller.memberId, fresh, itemSubject(itemId));
  await checkWritten(ctx, { title: content.title, body: content.body }, { scene: 'forum' });
}

/**
 * 起草或修改. A new item under an id made of the caller and the request's key (a retry finds
 * it), or the next save of a draft — given the draftVersion the writer loaded, so two staff
 * editing at once get one save and one CONFLICT, never a silent overwrite. A published
 * version is never touched here: an item being corrected keeps showing it until the next
 * one is published. Every save is scanned by the privacy gate.
 */
export const draftItem: Handler<'disclosure.draft'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  const category = await requireCategory(db, input.categoryKey, now);
  const content: DraftContent = {
    categoryKey: category.key, title: input.title, period: input.period, body: input.body,
    finance: input.finance, relief: input.relief, attachments: input.attachments, links: input.links,
  };
  if (!input.itemId) return createItem(ctx, content);

  const item = await loadItem(ctx, input.itemId);
  const draft = requireDraft(item);
  if (input.draftVersion === undefined) throw fieldError('VALIDATION_ERROR', 'draftVersion', '缺少草稿版本，请刷新后再修改');
  if (input.draftVersion !== draft.draftVersion) {
    // The same save arriving again after it went through (a lost answer): answer with it.
    if (draft.draftVersion === input.draftVersion + 1 && draft.byId === caller.memberId && sameContent(draft, content)) return itemView(ctx, item);
    throw fieldError('CONFLICT', 'draftVersion', '草稿刚被他人修改，请刷新后再改');
  }
  if (item.currentNumber > 0 && content.categoryKey !== item.categoryKey) throw fieldError('VALIDATION_ERROR', 'categoryKey', '已公开的事项不能改类别');
  await checkContent(ctx, content, item._id, draft.attachments);
  const next = buildDraft(content, { draftVersion: draft.draftVersion + 1, correctionReason: draft.correctionReason, by: caller, now, names: await namesFor(db, item.source, now), previous: draft.flags });
  const saved = await commitItem(db, caller, item._id, (current) => {
    if (current.draft?.draftVersion !== draft.draftVersion) throw fieldError('CONFLICT', 'draftVersion', '草稿刚被他人修改，请刷新后再改');
    // Until the first publication the item reads as its draft; after it, as its current version.
    const first = current.currentNumber === 0 ? { title: next.title, categoryKey: next.categoryKey, period: next.period, periodKey: periodKey(next.period) } : {};
    return { ...first, draft: next, authorIds: withAuthor(current.authorIds, caller.memberId) };
  }, { type: 'disclosure.drafted', public: false }, now);
  await markAttached(db, next.attachments, itemSubject(item._id));
  return itemView(ctx, saved);
};

async function createItem(ctx: Ctx, content: DraftContent) {
  const { caller, now } = ctx;
  const db = ctx.db();
  const id = manualItemIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const existing = await db.get('disclosureItems', id);
  if (existing) return itemView(ctx, existing);
  if (ctx.input.draftVersion !== undefined && ctx.input.draftVersion !== 0) throw fieldError('VALIDATION_ERROR', 'draftVersion', '新起草的事项没有草稿版本');
  await checkContent(ctx, content, id, []);
  const source: ItemRecord['source'] = { kind: 'manual', refId: null, title: content.title };
  const draft = buildDraft(content, { draftVersion: 1, correctionReason: null, by: caller, now, names: await namesFor(db, source, now), previous: [] });
  const item: ItemRecord = {
    _id: id, communityId: db.communityId, categoryKey: content.categoryKey, title: content.title, period: content.period, periodKey: periodKey(content.period),
    state: 'draft', currentNumber: 0, draft, source, dueId: null, dueAt: null, authorIds: [caller.memberId],
    openObjections: 0, openQuestions: 0, publishedAt: null, lastPublishedAt: null,
    createdById: caller.memberId, createdByName: caller.name ?? '社区工作人员', createdAt: now, updatedAt: now, version: 1,
  };
  const event = eventRecord(db, caller, { key: 'v1:disclosure.drafted', subject: itemSubject(id), type: 'disclosure.drafted', to: 'draft', public: false, at: now });
  const made = await db.store.transaction(async (tx) => {
    if (await tx.get('disclosureItems', id)) return false;
    tx.insert('disclosureItems', item);
    tx.insert('events', event);
    return true;
  });
  if (made) await markAttached(db, draft.attachments, itemSubject(id));
  const stored = made ? item : await db.get('disclosureItems', id);
  if (!stored) throw new AppError('CONFLICT', '操作冲突，请稍后重试');
  return itemView(ctx, stored);
}
