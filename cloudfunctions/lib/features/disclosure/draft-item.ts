import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { periodKey } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler, HandlerContext } from '../../kernel/action';
import type { ContractParsed } from '../../../../miniprogram/core/action';
import type { Contracts } from '../../../../miniprogram/core/contracts';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
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
  // The category and the item being edited, in one wait.
  const [category, loaded] = await Promise.all([
    requireCategory(db, input.categoryKey, now),
    input.itemId ? loadItem(ctx, input.itemId) : Promise.resolve(null),
  ]);
  const content: DraftContent = {
    categoryKey: category.key, title: input.title, period: input.period, body: input.body,
    finance: input.finance, relief: input.relief, attachments: input.attachments, links: input.links,
  };
  if (!loaded) return createItem(ctx, content);

  const item = loaded;
  const draft = requireDraft(item);
  if (input.draftVersion === undefined) throw fieldError('VALIDATION_ERROR', 'draftVersion', '缺少草稿版本，请刷新后再修改');
  if (input.draftVersion !== draft.draftVersion) {
    // The same save arriving again after it went through (a lost answer): answer with it.
    if (draft.draftVersion === input.draftVersion + 1 && draft.byId === caller.memberId && sameContent(draft, content)) {
      // The first call may have died before its event reached `events`.
      await settleLastEvent(db, item);
      return itemView(ctx, item);
    }
    throw fieldError('CONFLICT', 'draftVersion', '草稿刚被他人修改，请刷新后再改');
  }
  if (item.currentNumber > 0 && content.categoryKey !== item.categoryKey) throw fieldError('VALIDATION_ERROR', 'categoryKey', '已公开的事项不能改类别');
  // The gate's names are read beside the content checks.
  const [, names] = await Promise.all([checkContent(ctx, content, item._id, draft.attachments), namesFor(db, item.source, now)]);
  const next = buildDraft(content, { draftVersion: draft.draftVersion + 1, correctionReason: draft.correctionReason, by: caller, now, names, previous: draft.flags });
  const saved = await commitItem(db, caller, item, (current) => {
    if (current.draft?.draftVersion !== draft.draftVersion) throw fieldError('CONFLICT', 'draftVersion', '草稿刚被他人修改，请刷新后再改');
    // Until the first publication the item reads as its draft; after it, as its current version.
    const first = current.currentNumber === 0 ? { title: next.title, categoryKey: next.categoryKey, period: next.period, periodKey: periodKey(next.period) } : {};
    return { ...first, draft: next, authorIds: withAuthor(current.authorIds, caller.memberId) };
  }, { type: 'disclosure.drafted', public: false, conflict: '草稿刚被他人修改，请刷新后再改', conflictField: 'draftVersion' }, now);
  await markAttached(db, next.attachments, itemSubject(item._id));
  return itemView(ctx, saved);
};

async function createItem(ctx: Ctx, content: DraftContent) {
  const { caller, now } = ctx;
  const db = ctx.db();
  const id = manualItemIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const source: ItemRecord['source'] = { kind: 'manual', refId: null, title: content.title };
  // A retry finds its item; a first call needs the gate's names: both in one wait.
  const [existing, names] = await Promise.all([db.get('disclosureItems', id), namesFor(db, source, now)]);
  if (existing) return again(ctx, existing);
  if (ctx.input.draftVersion !== undefined && ctx.input.draftVersion !== 0) throw fieldError('VALIDATION_ERROR', 'draftVersion', '新起草的事项没有草稿版本');
  await checkContent(ctx, content, id, []);
  const draft = buildDraft(content, { draftVersion: 1, correctionReason: null, by: caller, now, names, previous: [] });
  const item: ItemRecord = {
    _id: id, communityId: db.communityId, categoryKey: content.categoryKey, title: content.title, period: content.period, periodKey: periodKey(content.period),
    state: 'draft', currentNumber: 0, draft, source, dueId: null, dueAt: null, authorIds: [caller.memberId],
    openObjections: 0, openQuestions: 0, openObjectionIds: {}, openQuestionIds: {}, publishedAt: null, lastPublishedAt: null,
    createdById: caller.memberId, createdByName: caller.name ?? '社区工作人员', createdAt: now, updatedAt: now, version: 1,
  };
  const event = eventRecord(db, caller, { key: 'v1:disclosure.drafted', subject: itemSubject(id), type: 'disclosure.drafted', to: 'draft', public: false, at: now });
  // The item carries its event (kernel/versioned.ts): inserting it is the step, the event follows.
  if (!(await db.insert('disclosureItems', { ...item, lastEvent: event } as ItemRecord))) {
    const stored = await db.get('disclosureItems', id);
    if (!stored) throw new AppError('CONFLICT', '操作冲突，请稍后重试');
    return again(ctx, stored);
  }
  await Promise.all([db.insert('events', event), markAttached(db, draft.attachments, itemSubject(id))]);
  return itemView(ctx, item);
}

/** The item a retried draft made: its event made sure of, in case the first call died before it. */
async function again(ctx: Ctx, item: ItemRecord) {
  await settleLastEvent(ctx.db(), item);
  return itemView(ctx, item);
}
