/**
 * 公开. The draft becomes the next version only when every flag of the privacy gate has
 * been decided, a finance table reconciles and a correction says why. The version is
 * inserted under its number in the same transaction that moves the item and marks the
 * previous version superseded: two admins tapping at once publish one version, and a
 * published version is never written again.
 */
import { createHash } from 'node:crypto';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { reconcile, reconciliationText } from '../../../../miniprogram/core/disclosure/finance';
import { periodLabel, type FlagKind } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { op } from '../../ports/store';
import { requireCategory } from './catalogue';
import { applyFlags, unresolvedFlags } from './gate';
import { itemSubject, versionRecordId } from './ids';
import { loadItem } from './load';
import { itemView, linkViews } from './presenters';
import type { DraftRecord, ItemRecord, VersionRecord } from './records';

/** What a version's hash covers: everything a reader reads and who put it up. */
export function versionHash(v: Omit<VersionRecord, 'contentHash' | 'supersededAt' | 'supersededBy'>): string {
  const { _id, itemId, number, title, period, body, finance, relief, attachments, links, reason, publishedAt, publishedById } = v;
  return createHash('sha256').update(JSON.stringify({ _id, itemId, number, title, period, body, finance, relief, attachments, links, reason, publishedAt, publishedById })).digest('hex');
}

function checkPublishable(item: ItemRecord, draft: DraftRecord): void {
  const open = unresolvedFlags(draft.flags);
  if (open > 0) {
    throw new AppError('VALIDATION_ERROR', `还有${open}处个人信息未处理，请在隐私审核中逐项选择遮盖或保留`, {
      issues: [{ path: 'flags', message: `还有${open}处个人信息未处理` }],
      flagIds: draft.flags.filter((f) => f.decision === null).map((f) => f.flagId),
    });
  }
  if (draft.finance && !reconcile(draft.finance).ok) throw fieldError('VALIDATION_ERROR', 'finance.closingFen', `收支不平，不能公开：${reconciliationText(draft.finance)}`);
  if (item.categoryKey === 'finance' && !draft.finance) throw fieldError('VALIDATION_ERROR', 'finance', '财务收支须填写收支表');
  if (item.currentNumber > 0 && !draft.correctionReason) throw fieldError('VALIDATION_ERROR', 'correctionReason', '更正须写明原因');
}

async function buildingNames(ctx: HandlerContext<unknown>, draft: DraftRecord): Promise<Map<string, string>> {
  const ids = [...new Set((draft.relief?.rows ?? []).flatMap((r) => (r.buildingId ? [r.buildingId] : [])))];
  if (!ids.length) return new Map();
  return new Map((await ctx.db().getMany('buildings', ids)).map((b) => [b._id, b.name]));
}

export const publishItem: Handler<'disclosure.publish'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const item = await loadItem(ctx, input.itemId);
  if (!item.draft || item.draft.draftVersion !== input.draftVersion) {
    // A retry after the version went up finds it by the draft it came from.
    const last = item.currentNumber > 0 ? await db.get('disclosureVersions', versionRecordId(item._id, item.currentNumber)) : null;
    if (last && last.fromDraftVersion === input.draftVersion) return itemView(ctx, item);
    throw new AppError('CONFLICT', item.draft ? '草稿刚被修改，请刷新后再公开' : '没有待公开的草稿');
  }
  const draft = item.draft;
  checkPublishable(item, draft);
  const category = await requireCategory(db, item.categoryKey, ctx.now);
  const content = applyFlags(draft, await buildingNames(ctx, draft));
  const links = await linkViews(db, draft.links);
  const n = item.currentNumber + 1;
  const masked: Partial<Record<FlagKind, number>> = {};
  for (const f of draft.flags) if (f.decision === 'mask') masked[f.kind] = (masked[f.kind] ?? 0) + 1;
  const unsealed: Omit<VersionRecord, 'contentHash' | 'supersededAt' | 'supersededBy'> = {
    _id: versionRecordId(item._id, n), communityId: db.communityId, itemId: item._id, number: n, categoryKey: item.categoryKey,
    title: content.title, period: draft.period, periodLabel: periodLabel(draft.period), body: content.body, finance: content.finance, relief: content.relief,
    attachments: draft.attachments, links: links.map((l) => ({ kind: l.kind, refId: l.refId, title: l.title })), reason: n > 1 ? draft.correctionReason : null,
    fromDraftVersion: draft.draftVersion, publishedAt: ctx.now, publishedById: caller.memberId, publishedByName: caller.name ?? '社区管理员',
    reviewedByIds: [...new Set(draft.flags.flatMap((f) => (f.decidedById ? [f.decidedById] : [])))],
    masked, kept: draft.flags.filter((f) => f.decision === 'keep').map((f) => ({ kind: f.kind, reason: f.reason ?? '' })),
  };
  const version: VersionRecord = { ...unsealed, contentHash: versionHash(unsealed), supersededAt: null, supersededBy: null };
  const next: ItemRecord = {
    ...item, state: 'published', currentNumber: n, draft: null, title: content.title, updatedAt: ctx.now, version: item.version + 1,
    publishedAt: item.publishedAt ?? ctx.now, lastPublishedAt: ctx.now,
    authorIds: item.authorIds.includes(caller.memberId) ? item.authorIds : [...item.authorIds, caller.memberId],
  };
  try {
    await db.store.transaction(async (tx) => {
      const current = await tx.get('disclosureItems', item._id);
      if (!current || current.version !== item.version) throw new AppError('CONFLICT', '这项内容刚被他人处理，请刷新');
      tx.set('disclosureItems', next);
      tx.insert('disclosureVersions', version);
      if (n > 1) {
        const previous = await tx.get('disclosureVersions', versionRecordId(item._id, n - 1));
        if (previous && previous.supersededAt === null) tx.set('disclosureVersions', { ...previous, supersededAt: ctx.now, supersededBy: n });
      }
      tx.insert('events', eventRecord(db, caller, { key: `published:${n}`, subject: itemSubject(item._id), type: 'disclosure.published', public: true, note: n > 1 ? `第${n}版（更正：${draft.correctionReason}）` : content.title, at: ctx.now }));
    });
  } catch (err) {
    const again = await db.get('disclosureItems', item._id);
    const landed = again && again.currentNumber >= n ? await db.get('disclosureVersions', versionRecordId(item._id, n)) : null;
    if (again && landed?.fromDraftVersion === draft.draftVersion) return itemView(ctx, again);
    throw err;
  }
  await db.update('disclosureCategories', category._id, {
    publishedCount: op.inc(n === 1 ? 1 : 0), latest: { itemId: item._id, title: content.title, periodLabel: periodLabel(draft.period), publishedAt: ctx.now }, updatedAt: ctx.now,
  });
  return itemView(ctx, next);
};
