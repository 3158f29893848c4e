import { createHash } from 'node:crypto';
import { periodKey, periodLabel, type FlagKind } from '../../../../miniprogram/core/disclosure/vocabulary';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { TransactionConflictError } from '../../ports/store';
import { sentence } from '../../../../miniprogram/core/format';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { requireCategory } from './catalogue';
import { meetDue } from './dues';
import { applyFlags } from './gate';
import { categoryIdFor, itemSubject, versionIdFor } from './ids';
import { frozenLinks } from './links';
import { loadItem } from './load';
import { buildingNames, itemView } from './presenters';
import type { DraftRecord, ItemRecord, VersionRecord } from './records';
import { publishProblem } from './rules';
import { tell } from './tell';
import { withAuthor } from './transition';

type Frozen = Omit<VersionRecord, 'contentHash' | 'supersededAt' | 'supersededBy'>;

/** sha256 of everything a version says and who said it: what "nobody can edit a published version" is checked against. */
export function versionHash(v: Frozen): string {
  const fields = [
    v._id, v.communityId, v.itemId, v.number, v.categoryKey, v.title, v.period, v.periodLabel, v.body, v.finance, v.relief, v.attachments, v.links,
    v.reason, v.fromDraftVersion, v.publishedAt, v.publishedById, v.publishedByName, v.reviewedByIds, v.masked, v.kept,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The draft as residents will read it, every decision applied, frozen under its number. */
async function freeze(ctx: HandlerContext<unknown, IdentifiedCaller>, item: ItemRecord, draft: DraftRecord): Promise<VersionRecord> {
  const db = ctx.db();
  const gated = applyFlags(draft, await buildingNames(db, draft));
  const number = item.currentNumber + 1;
  const masked: Partial<Record<FlagKind, number>> = {};
  for (const f of draft.flags) if (f.decision === 'mask') masked[f.kind] = (masked[f.kind] ?? 0) + 1;
  const frozen: Frozen = {
    _id: versionIdFor(item._id, number), communityId: db.communityId, itemId: item._id, number, categoryKey: draft.categoryKey,
    title: gated.title, period: draft.period, periodLabel: periodLabel(draft.period), body: gated.body, finance: gated.finance, relief: gated.relief,
    attachments: draft.attachments, links: await frozenLinks(ctx, draft.links),
    reason: item.currentNumber > 0 ? draft.correctionReason : null, fromDraftVersion: draft.draftVersion,
    publishedAt: ctx.now, publishedById: ctx.caller.memberId, publishedByName: ctx.caller.name ?? '社区管理员',
    reviewedByIds: [...new Set(draft.flags.flatMap((f) => (f.decidedById ? [f.decidedById] : [])))],
    masked,
    kept: draft.flags.flatMap((f) => (f.decision === 'keep' ? [{ kind: f.kind, reason: f.reason ?? '' }] : [])),
  };
  return { ...frozen, contentHash: versionHash(frozen), supersededAt: null, supersededBy: null };
}

/** Already published from this very draft (a retry, or a colleague's tap a moment earlier). */
async function publishedFrom(ctx: HandlerContext<unknown>, itemId: string, draftVersion: number): Promise<ItemRecord | null> {
  const db = ctx.db();
  const item = await db.get('disclosureItems', itemId);
  if (!item || item.currentNumber === 0) return null;
  const v = await db.get('disclosureVersions', versionIdFor(itemId, item.currentNumber));
  return v?.fromDraftVersion === draftVersion ? item : null;
}

/**
 * 公开. An admin publishes the draft they read (its draftVersion) once it passes every check
 * (rules.ts). The version is inserted in the same transaction that moves the item, marks the
 * version before it superseded and counts the category, with the audit event: one version
 * per draft however many taps race, and a retry answers with what the first one published.
 * The calendar's obligation, if any, is met afterwards (its own conditional update), and the
 * sitting committee asked for its opinion.
 */
export const publishItem: Handler<'disclosure.publish'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  // The item and the committee to ask, in one wait.
  const [item, term] = await Promise.all([loadItem(ctx, input.itemId), sittingCommittee(db, now)]);
  const again = async () => {
    const done = await publishedFrom(ctx, item._id, input.draftVersion);
    if (!done) throw fieldError('CONFLICT', 'draftVersion', '草稿刚被他人修改或已公开，请刷新后再看');
    return itemView(ctx, done);
  };
  if (!item.draft || item.draft.draftVersion !== input.draftVersion) return again();
  const draft = item.draft;
  const category = await requireCategory(db, draft.categoryKey, now);
  const problem = publishProblem(draft, category, item.currentNumber > 0);
  if (problem) throw problem;
  const version = await freeze(ctx, item, draft);

  let published: ItemRecord | null;
  try {
    published = await db.store.transaction(async (tx) => {
      const current = await tx.get('disclosureItems', item._id);
      if (!current || current.draft?.draftVersion !== draft.draftVersion || current.currentNumber !== item.currentNumber) return null;
      const cat = await tx.get('disclosureCategories', categoryIdFor(db.communityId, draft.categoryKey));
      if (!cat) throw new AppError('NOT_FOUND', '没有这个公开类别');
      const previous = current.currentNumber > 0 ? await tx.get('disclosureVersions', versionIdFor(item._id, current.currentNumber)) : null;
      const authors = [caller.memberId, draft.byId, ...version.reviewedByIds].reduce(withAuthor, current.authorIds);
      const next: ItemRecord = {
        ...current, state: 'published', currentNumber: version.number, draft: null, title: version.title, categoryKey: draft.categoryKey,
        period: draft.period, periodKey: periodKey(draft.period), authorIds: authors,
        publishedAt: current.publishedAt ?? now, lastPublishedAt: now, updatedAt: now, version: current.version + 1,
      };
      tx.insert('disclosureVersions', version);
      if (previous) tx.set('disclosureVersions', { ...previous, supersededAt: now, supersededBy: version.number });
      tx.set('disclosureItems', next);
      tx.set('disclosureCategories', {
        ...cat, publishedCount: cat.publishedCount + (current.currentNumber === 0 ? 1 : 0),
        latest: { itemId: item._id, title: version.title, periodLabel: version.periodLabel, publishedAt: now }, updatedAt: now, version: cat.version + 1,
      });
      tx.insert('events', eventRecord(db, caller, {
        key: `v${next.version}:disclosure.published`, subject: itemSubject(item._id), type: 'disclosure.published', from: current.state, to: 'published', public: true,
        note: version.reason ? `第${version.number}版（更正：${version.reason}）` : `第${version.number}版`, at: now,
      }));
      return next;
    });
  } catch (err) {
    // Twenty taps at once: the losers of the race find the winner's version.
    if (err instanceof TransactionConflictError) return again();
    throw err;
  }
  if (!published) return again();
  const done = published;
  // The sitting committee is asked for its opinion on each version — its authors aside. The
  // calendar's obligation, the messages and the reply's reads go side by side.
  const to = onAppMembers(term).filter((m) => !done.authorIds.includes(m));
  const [, , view] = await Promise.all([
    meetDue(db, done, now),
    tell(ctx.deps.notifier, db.communityId, item._id, `${itemSubject(item._id)}:v${done.version}:disclosure.published`, {
      to, kind: 'disclosure.toReview', title: `请监督：${sentence(version.title, 20)}`,
      body: version.reason ? `已更正为第${version.number}版（${sentence(version.reason, 30)}），请查看并登记监督意见。` : '已公开，请查看并登记监督意见。',
    }),
    itemView(ctx, done),
  ]);
  return view;
};

