import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { settleLastEvent } from '../../kernel/versioned';
import type { ScopedStore } from '../../kernel/scoped-store';
import { buildDraft, namesFor, type DraftContent } from './drafts';
import { versionIdFor } from './ids';
import { loadItem } from './load';
import { itemView } from './presenters';
import type { ReliefDraftRecord, VersionRecord } from './records';
import { commitItem, withAuthor } from './transition';
import { carriedCurrent } from './publish-item';

/**
 * The relief table as the version shows it, back as rows to edit: recipients as published
 * (「王某」「王*国」), buildings by name. The full names were never kept after publication; the
 * gate renders these again as they were. A table published as counts only named nobody: its
 * rows come back as 「受助人1」…, which a count-only table never shows either — or, below five
 * recipients, not at all (the version listed none), and the staff enter them again.
 */
async function reliefRows(db: ScopedStore, v: VersionRecord): Promise<ReliefDraftRecord | null> {
  if (!v.relief) return null;
  const named = v.relief.rows.some((r) => r.buildingName);
  const byName = new Map(named ? (await everyPage(db, 'buildings', {}, 'name', 2_000)).map((b) => [b.name, b._id] as const) : []);
  return {
    programme: v.relief.programme,
    form: v.relief.form,
    rows: v.relief.rows.map((r, i) => {
      const buildingId = r.buildingName ? byName.get(r.buildingName) : undefined;
      return { name: r.recipient ?? `受助人${i + 1}`, amountFen: r.amountFen, ...(buildingId ? { buildingId } : {}) };
    }),
  };
}

/**
 * 更正. The current version stays up and readable; the next one is drafted from it with the
 * reason it is needed, reviewed and published like any draft, and then marks it superseded.
 * The same correction asked again by its writer answers with the draft it started.
 */
export const correctItem: Handler<'disclosure.correct'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  const item = await loadItem(ctx, input.itemId);
  if (item.state === 'correcting') {
    if (item.draft?.byId === caller.memberId && item.draft.correctionReason === input.reason) {
      // The first call may have died before its event reached `events`.
      await settleLastEvent(ctx.db(), item);
      return itemView(ctx, item);
    }
    throw new AppError('CONFLICT', '这一项已在更正中，请在草稿中继续修改');
  }
  if (item.state !== 'published' || item.draft) throw new AppError('CLOSED', '尚未公开的事项不需要更正，直接修改草稿即可');
  // The version to correct and the gate's names, in one wait.
  const [stored, names] = await Promise.all([db.get('disclosureVersions', versionIdFor(item._id, item.currentNumber)), namesFor(db, item.source, now)]);
  // The publication may have died before its version's insert (publish-item.ts): the item
  // carries it, and it goes in now, before the next version is drafted from it.
  const v = stored ?? carriedCurrent(item);
  if (!v) throw new AppError('NOT_FOUND');
  if (!stored) await db.insert('disclosureVersions', v);
  const content: DraftContent = {
    categoryKey: v.categoryKey, title: v.title, period: v.period, body: v.body, finance: v.finance,
    relief: await reliefRows(db, v), attachments: v.attachments, links: v.links.map((l) => ({ kind: l.kind, refId: l.refId })),
  };
  const draft = buildDraft(content, { draftVersion: v.fromDraftVersion + 1, correctionReason: input.reason, by: caller, now, names, previous: [] });
  const next = await commitItem(db, caller, item, (current) => {
    if (current.state !== 'published' || current.draft || current.currentNumber !== item.currentNumber) throw new AppError('CONFLICT', '这一项刚被他人更正，请刷新后再看');
    return { state: 'correcting', draft, authorIds: withAuthor(current.authorIds, caller.memberId) };
  }, { type: 'disclosure.correcting', note: input.reason, public: false, conflict: '这一项刚被他人更正，请刷新后再看' }, now);
  return itemView(ctx, next);
};
