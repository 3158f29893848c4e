/**
 * 居务公开 as each reader sees it. A published version is shown as it was frozen; the draft —
 * the next version with the privacy gate's flags and the reviewers' decisions — only to
 * staff. Residents learn nothing of a draft: not its text, not its flags, not that one is
 * being written (an item being corrected reads to them as the version that is up).
 */
import type {
  DraftView,
  FlagView,
  ItemSummaryView,
  ItemView,
  OpinionView,
  VersionEntry,
  VersionView,
} from '../../../../miniprogram/core/disclosure/contract';
import { reconcile, reconciliationText } from '../../../../miniprogram/core/disclosure/finance';
import {
  FLAG_KIND_LABELS,
  ITEM_STATE_LABELS,
  OPINION_STANCE_LABELS,
  periodLabel,
  type ItemState,
} from '../../../../miniprogram/core/disclosure/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { Caller } from '../../kernel/caller';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { applyFlags, unresolvedFlags } from './gate';
import { categoryIdFor } from './ids';
import { linkViews } from './links';
import { toQuestionView } from './questions';
import { mayOpine } from './opinions';
import { isStaff, itemActions } from './permissions';
import type { CategoryRecord, DraftRecord, FlagRecord, ItemRecord, OpinionRecord, VersionRecord } from './records';

export const OBJECTION_BANNER = '居务监督委员会对本项公开有异议，社区正在答复';
/** Characters of context either side of a flag, for the reviewer. */
const CONTEXT = 12;
/** A thread with more publications than this is not one thread. */
export const MAX_VERSIONS = 1000;

/** Residents see an item in correction as the published item it still is. */
function stateFor(caller: Caller, item: ItemRecord): ItemState {
  return !isStaff(caller) && item.state === 'correcting' ? 'published' : item.state;
}

export async function buildingNames(db: ScopedStore, draft: Pick<DraftRecord, 'relief'>): Promise<Map<string, string>> {
  const ids = [...new Set((draft.relief?.rows ?? []).flatMap((r) => (r.buildingId ? [r.buildingId] : [])))];
  return new Map((await db.getMany('buildings', ids)).map((b) => [b._id, b.name]));
}

// ------------------------------------------------------------------------------ versions

export function versionView(v: VersionRecord, links: VersionView['links']): VersionView {
  return {
    number: v.number,
    title: v.title,
    periodLabel: v.periodLabel,
    body: v.body,
    finance: v.finance,
    financeText: v.finance ? reconciliationText(v.finance) : null,
    relief: v.relief,
    attachments: v.attachments,
    links,
    reason: v.reason,
    publishedAt: v.publishedAt,
    publishedByName: v.publishedByName,
    superseded: v.supersededAt !== null,
    supersededAt: v.supersededAt,
  };
}

const entry = (v: VersionRecord): VersionEntry => ({ number: v.number, publishedAt: v.publishedAt, reason: v.reason, superseded: v.supersededAt !== null });

export function versionsOf(db: ScopedStore, itemId: string): Promise<VersionRecord[]> {
  return everyPage(db, 'disclosureVersions', { itemId }, 'number', MAX_VERSIONS);
}

/**
 * The versions as the item's latest publication leaves them once its steps are all done
 * (publish-item.ts): the version the item carries, if its insert is not in yet, and the one
 * before it superseded, if that mark is not in yet. Stored versions are otherwise as stored.
 */
export function settledVersions(item: Pick<ItemRecord, '_id' | 'currentNumber' | 'carriedVersion'>, stored: readonly VersionRecord[]): VersionRecord[] {
  const carried = item.carriedVersion;
  const all = carried && carried.itemId === item._id && carried.number === item.currentNumber && !stored.some((v) => v.number === carried.number) ? [...stored, carried] : [...stored];
  return all.map((v) => {
    if (v.supersededAt !== null || v.number >= item.currentNumber) return v;
    const next = all.find((n) => n.number === v.number + 1);
    return next ? { ...v, supersededAt: next.publishedAt, supersededBy: next.number } : v;
  });
}

// --------------------------------------------------------------------------------- draft

/** The text at a flag's field: `title`, `body`, `finance.income.2.label`, `relief.programme`… */
function textAt(draft: DraftRecord, field: string): string {
  let at: unknown = draft;
  for (const step of field.split('.')) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
  return typeof at === 'string' ? at : '';
}

const FIELD_WORDS: Record<string, string> = { label: '科目', note: '备注', name: '姓名', programme: '项目名称' };

/** 「正文」「收入第3行科目」「受助人第1位姓名」. */
export function fieldLabel(field: string): string {
  if (field === 'title') return '标题';
  if (field === 'body') return '正文';
  const m = /^finance\.(income|expense)\.(\d+)\.(label|note)$/.exec(field);
  if (m) return `${m[1] === 'income' ? '收入' : '支出'}第${Number(m[2]) + 1}行${FIELD_WORDS[m[3]]}`;
  const r = /^relief\.rows\.(\d+)\.name$/.exec(field);
  if (r) return `受助人第${Number(r[1]) + 1}位姓名`;
  if (field === 'relief.programme') return '救助项目名称';
  return '内容';
}

export function flagView(draft: DraftRecord, f: FlagRecord): FlagView {
  const text = textAt(draft, f.field);
  return {
    flagId: f.flagId,
    field: f.field,
    fieldLabel: fieldLabel(f.field),
    kind: f.kind,
    kindLabel: FLAG_KIND_LABELS[f.kind],
    text: f.text,
    suggestion: f.suggestion,
    before: text.slice(Math.max(0, f.start - CONTEXT), f.start),
    after: text.slice(f.end, f.end + CONTEXT),
    decision: f.decision,
    reason: f.reason,
    decidedByName: f.decidedByName,
  };
}

export async function draftView(ctx: HandlerContext<unknown>, draft: DraftRecord): Promise<DraftView> {
  const db = ctx.db();
  const preview = applyFlags(draft, await buildingNames(db, draft));
  return {
    draftVersion: draft.draftVersion,
    title: draft.title,
    categoryKey: draft.categoryKey,
    period: draft.period,
    body: draft.body,
    finance: draft.finance,
    reconciliation: draft.finance ? reconcile(draft.finance) : null,
    relief: draft.relief,
    attachments: draft.attachments,
    links: await linkViews(ctx, draft.links),
    correctionReason: draft.correctionReason,
    flags: draft.flags.map((f) => flagView(draft, f)),
    unresolved: unresolvedFlags(draft.flags),
    preview: { title: preview.title, body: preview.body },
    updatedAt: draft.updatedAt,
    byName: draft.byName,
  };
}

// ------------------------------------------------------------- the committee and residents

export function opinionView(o: OpinionRecord): OpinionView {
  return {
    opinionId: o._id,
    versionNumber: o.versionNumber,
    stance: o.stance,
    stanceLabel: OPINION_STANCE_LABELS[o.stance],
    text: o.text,
    memberName: o.memberName,
    at: o.at,
    response: o.response ? { text: o.response.text, byName: o.response.byName, at: o.response.at } : null,
  };
}

/** A question as the community reads it: questions.ts's presenter (the asker masked, 「我」 to themselves, 「已注销用户」 once erased). */
export const questionView = toQuestionView;

// ---------------------------------------------------------------------------------- item

export interface ItemViewOptions {
  /** The version to show; the current one when absent. */
  version?: number;
  /** Whether the caller may give an opinion now, when the step already knows (opinions.ts otherwise reads it). */
  mayOpine?: boolean;
}

/**
 * The item for `ctx.caller`: the version asked for (or the current one), the history, the
 * committee's opinions, the questions, and for staff the draft. Callers check `mayRead`
 * first; a resident handed an unpublished item still gets no draft here.
 */
export async function itemView(ctx: HandlerContext<unknown>, item: ItemRecord, opts: ItemViewOptions = {}): Promise<ItemView> {
  const db = ctx.db();
  const staff = isStaff(ctx.caller);
  const published = item.currentNumber > 0;
  const [stored, category, opinions, questions, opining] = await Promise.all([
    published ? versionsOf(db, item._id) : Promise.resolve([]),
    db.get('disclosureCategories', categoryIdFor(db.communityId, item.categoryKey)),
    published ? everyPage(db, 'disclosureOpinions', { itemId: item._id }, 'at', 5_000) : Promise.resolve([]),
    published ? everyPage(db, 'disclosureQuestions', { itemId: item._id }, 'askedAt', 5_000) : Promise.resolve([]),
    published ? (opts.mayOpine ?? mayOpine(ctx, item)) : Promise.resolve(false),
  ]);
  const versions = published ? settledVersions(item, stored) : stored;
  const wanted = opts.version ?? item.currentNumber;
  const shownRecord = versions.find((v) => v.number === wanted) ?? null;
  if (opts.version !== undefined && !shownRecord) throw fieldError('NOT_FOUND', 'version', `没有第${opts.version}版`);
  const state = stateFor(ctx.caller, item);
  return {
    itemId: item._id,
    categoryKey: item.categoryKey,
    categoryLabel: category?.label ?? '',
    state,
    stateLabel: ITEM_STATE_LABELS[state],
    shown: shownRecord ? versionView(shownRecord, await linkViews(ctx, shownRecord.links)) : null,
    currentNumber: item.currentNumber,
    versions: versions.map(entry),
    opinions: opinions.map(opinionView),
    objectionBanner: item.openObjections > 0 ? OBJECTION_BANNER : null,
    questions: questions.map((q) => toQuestionView(ctx.caller, q, ctx.now)),
    source: item.source.kind === 'manual' ? null : { kind: item.source.kind, title: item.source.title },
    dueAt: item.dueAt,
    draft: staff && item.draft ? await draftView(ctx, item.draft) : null,
    allowedActions: itemActions(ctx.caller, item, opining),
  };
}

export function summaryView(caller: Caller, item: ItemRecord, category: Pick<CategoryRecord, 'label'> | undefined): ItemSummaryView {
  const state = stateFor(caller, item);
  const draftOnly = item.currentNumber === 0;
  return {
    itemId: item._id,
    // Before the first publication only staff list it, under the draft's title.
    title: draftOnly && item.draft ? item.draft.title : item.title,
    categoryKey: item.categoryKey,
    categoryLabel: category?.label ?? '',
    periodLabel: periodLabel(item.period),
    state,
    stateLabel: ITEM_STATE_LABELS[state],
    versionNumber: item.currentNumber,
    publishedAt: item.lastPublishedAt,
    openObjections: item.openObjections,
    openQuestions: item.openQuestions,
    hasDraft: isStaff(caller) && item.draft !== null,
  };
}

/** A page of items as list rows, each under its category's name. */
export async function summariesOf(ctx: HandlerContext<unknown>, items: readonly ItemRecord[]): Promise<ItemSummaryView[]> {
  const db = ctx.db();
  const categories = new Map((await db.getMany('disclosureCategories', items.map((i) => categoryIdFor(db.communityId, i.categoryKey)))).map((c) => [c.key, c]));
  return items.map((i) => summaryView(ctx.caller, i, categories.get(i.categoryKey)));
}
