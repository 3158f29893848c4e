import { createHash } from 'node:crypto';
import { periodKey, periodLabel, type FlagKind } from '../../../../miniprogram/core/disclosure/vocabulary';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { op } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
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

/**
 * How long after a publication the sweep makes sure of what follows its commit: well past any
 * live call's end, so the sweep repeats nothing a call is still doing (it would be harmless:
 * each step is idempotent).
 */
export const SETTLE_AFTER = 15 * 60_000;

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

/** The version an item's latest publication carries, when it is the current one (an older item carries none). */
export function carriedCurrent(item: ItemRecord): VersionRecord | null {
  const v = item.carriedVersion;
  return v && v.number === item.currentNumber && v.itemId === item._id ? v : null;
}

/**
 * What follows a publication's commit on the item, each write idempotent so a retry (or a
 * racing tap that lost) may do it again: the version inserted as the item carries it, the one
 * before marked superseded, the category's count (once per item, by its key) and its latest.
 */
export function settlePublication(db: ScopedStore, item: ItemRecord, v: VersionRecord, opts: { inserted?: boolean } = {}): Promise<unknown> {
  const first = v.number === 1;
  const latest = { itemId: item._id, title: v.title, periodLabel: v.periodLabel, publishedAt: v.publishedAt };
  const counted = `countedItemIds.${item._id}`;
  const categoryId = categoryIdFor(db.communityId, v.categoryKey);
  return Promise.all([
    opts.inserted ? undefined : db.insert('disclosureVersions', v),
    first ? undefined : db.update('disclosureVersions', versionIdFor(item._id, v.number - 1), { supersededAt: v.publishedAt, supersededBy: v.number }, { supersededAt: null }),
    first
      ? db.update('disclosureCategories', categoryId, { [counted]: true, publishedCount: op.inc(1), latest, updatedAt: v.publishedAt }, { [counted]: { $exists: false } })
      // A correction is the category's latest publication, unless a later one got there first.
      : db.update('disclosureCategories', categoryId, { latest, updatedAt: v.publishedAt }, { 'latest.publishedAt': { $lte: v.publishedAt } }),
  ]);
}

/**
 * Already published from this very draft (a retry, or a colleague's tap a moment earlier):
 * the item, with what its publication may have left undone done.
 */
async function publishedFrom(ctx: HandlerContext<unknown>, itemId: string, draftVersion: number): Promise<ItemRecord | null> {
  const db = ctx.db();
  const item = await db.get('disclosureItems', itemId);
  if (!item || item.currentNumber === 0) return null;
  const carried = carriedCurrent(item);
  const stored = await db.get('disclosureVersions', versionIdFor(itemId, item.currentNumber));
  const v = stored ?? carried;
  if (v?.fromDraftVersion !== draftVersion) return null;
  if (carried) await Promise.all([settleLastEvent(db, item), settlePublication(db, item, carried, { inserted: !!stored })]);
  return item;
}

/**
 * 公开. An admin publishes the draft they read (its draftVersion) once it passes every check
 * (rules.ts). The publication is one versioned commit on the item (kernel/versioned.ts): the
 * item moves only if nothing moved since it was loaded, carrying its audit event and the
 * version it publishes, so however many taps race one version is published, and a crash
 * leaves neither a change without its event nor a published number without its text. The
 * version's insert, the superseding of the one before and the category's count follow, each
 * idempotent (settlePublication): a retry, or a tap that lost the race, does what a crash
 * left undone, and readers meanwhile read the version from the item (presenters.ts). The
 * calendar's obligation, if any, is met afterwards (its own conditional update), and the
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

  let done: ItemRecord;
  try {
    done = await commitVersioned(db, 'disclosureItems', item, {
      state: 'published', currentNumber: version.number, draft: null, title: version.title, categoryKey: draft.categoryKey,
      period: draft.period, periodKey: periodKey(draft.period), authorIds: [caller.memberId, draft.byId, ...version.reviewedByIds].reduce(withAuthor, item.authorIds),
      publishedAt: item.publishedAt ?? now, lastPublishedAt: now, updatedAt: now, carriedVersion: version,
      // Rides on the commit, no write of its own: should this call die before what follows and
      // never be retried, the sweep settles the publication then (clock.ts settleCarried).
      wakeAt: now + SETTLE_AFTER,
    }, (next) => eventRecord(db, caller, {
      key: `v${next.version}:disclosure.published`, subject: itemSubject(item._id), type: 'disclosure.published', from: item.state, to: 'published', public: true,
      note: version.reason ? `第${version.number}版（更正：${version.reason}）` : `第${version.number}版`, at: now,
    }), '草稿刚被他人修改或已公开，请刷新后再看');
  } catch (err) {
    // Twenty taps at once: the losers of the race find the winner's version.
    if (err instanceof AppError && err.code === 'CONFLICT') return again();
    throw err;
  }
  // The sitting committee is asked for its opinion on each version — its authors aside. What
  // follows the publication, the calendar's obligation, the messages and the reply's reads go
  // side by side (the reply reads the version from the item if its insert is not in yet).
  const to = onAppMembers(term).filter((m) => !done.authorIds.includes(m));
  const [, , , view] = await Promise.all([
    settlePublication(db, done, version),
    meetDue(db, done, now),
    tell(ctx.deps.notifier, db.communityId, item._id, `${itemSubject(item._id)}:v${done.version}:disclosure.published`, {
      to, kind: 'disclosure.toReview', title: `请监督：${sentence(version.title, 20)}`,
      body: version.reason ? `已更正为第${version.number}版（${sentence(version.reason, 30)}），请查看并登记监督意见。` : '已公开，请查看并登记监督意见。',
    }),
    itemView(ctx, done),
  ]);
  return view;
};
