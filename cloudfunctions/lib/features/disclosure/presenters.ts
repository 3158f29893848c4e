/**
 * What callers read of an item. Residents see published versions only — never a draft, a
 * flag or what a reviewer kept — and the asker of a question as 「刘某」. Staff of the
 * community see the draft with its flags and a preview of what residents would read.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import type { DraftView, FlagView, ItemView, ItemSummaryView, LinkKind, LinkView, VersionView } from '../../../../miniprogram/core/disclosure/contract';
import { reconcile, reconciliationText } from '../../../../miniprogram/core/disclosure/finance';
import { FLAG_KIND_LABELS, ITEM_STATE_LABELS, periodLabel } from '../../../../miniprogram/core/disclosure/vocabulary';
import { isStaff } from '../../../../miniprogram/core/roles';
import type { HandlerContext } from '../../kernel/action';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { requireCategory } from './catalogue';
import { applyFlags } from './gate';
import type { DraftRecord, FlagRecord, ItemRecord, LinkRef, VersionRecord } from './records';

type Ctx = HandlerContext<unknown>;

export const mayManage = (caller: Caller) => isStaff(caller.roles);

const HIDDEN = '（已不可见）';

/** Each link's title as its own feature shows it; a concern only by its number (its words are the resident's). */
export async function linkViews(db: ScopedStore, links: readonly LinkRef[]): Promise<LinkView[]> {
  const ids = (kind: LinkKind) => links.filter((l) => l.kind === kind).map((l) => l.refId);
  const [resolutions, polls, meetings, concerns] = await Promise.all([
    ids('resolution').length ? db.getMany('resolutions', ids('resolution')) : [],
    ids('poll').length ? db.getMany('polls', ids('poll')) : [],
    ids('meeting').length ? db.getMany('meetings', ids('meeting')) : [],
    ids('concern').length ? db.getMany('concerns', ids('concern')) : [],
  ]);
  const titles = new Map<string, string>([
    ...resolutions.map((r) => [`resolution:${r._id}`, r.title] as const),
    ...polls.map((p) => [`poll:${p._id}`, p.title] as const),
    ...meetings.map((m) => [`meeting:${m._id}`, m.title] as const),
    ...concerns.map((c) => [`concern:${c._id}`, `诉求 ${c.number}`] as const),
  ]);
  return links.map((l) => ({ kind: l.kind, refId: l.refId, title: titles.get(`${l.kind}:${l.refId}`) ?? HIDDEN }));
}

export function versionView(v: VersionRecord): VersionView {
  return {
    number: v.number, title: v.title, periodLabel: v.periodLabel, body: v.body, finance: v.finance,
    financeText: v.finance ? reconciliationText(v.finance) : null, relief: v.relief, attachments: v.attachments,
    links: v.links.map((l) => ({ kind: l.kind, refId: l.refId, title: l.title })), reason: v.reason,
    publishedAt: v.publishedAt, publishedByName: v.publishedByName, superseded: v.supersededAt !== null, supersededAt: v.supersededAt,
  };
}

const FIELD_LABELS: Record<string, string> = { title: '标题', body: '正文', 'relief.programme': '救助项目' };
function fieldLabel(field: string): string {
  const line = /^finance\.(income|expense)\.(\d+)\.(label|note)$/.exec(field);
  if (line) return `${line[1] === 'income' ? '收入' : '支出'}第${Number(line[2]) + 1}行${line[3] === 'label' ? '科目' : '备注'}`;
  return FIELD_LABELS[field] ?? field;
}

function fieldText(d: DraftRecord, field: string): string {
  if (field === 'title') return d.title;
  if (field === 'body') return d.body;
  if (field === 'relief.programme') return d.relief?.programme ?? '';
  const line = /^finance\.(income|expense)\.(\d+)\.(label|note)$/.exec(field);
  if (line && d.finance) return d.finance[line[1] as 'income' | 'expense'][Number(line[2])]?.[line[3] as 'label' | 'note'] ?? '';
  return '';
}

export function flagView(d: DraftRecord, f: FlagRecord): FlagView {
  const text = fieldText(d, f.field);
  return {
    flagId: f.flagId, field: f.field, fieldLabel: fieldLabel(f.field), kind: f.kind, kindLabel: FLAG_KIND_LABELS[f.kind], text: f.text, suggestion: f.suggestion,
    before: text.slice(Math.max(0, f.start - 12), f.start), after: text.slice(f.end, f.end + 12),
    decision: f.decision, reason: f.reason, decidedByName: f.decidedByName,
  };
}

async function draftView(db: ScopedStore, d: DraftRecord): Promise<DraftView> {
  const preview = applyFlags(d, new Map());
  return {
    draftVersion: d.draftVersion, title: d.title, categoryKey: d.categoryKey, period: d.period, body: d.body, finance: d.finance,
    reconciliation: d.finance ? reconcile(d.finance) : null, relief: d.relief, attachments: d.attachments, links: await linkViews(db, d.links),
    correctionReason: d.correctionReason, flags: d.flags.map((f) => flagView(d, f)), unresolved: d.flags.filter((f) => f.decision === null).length,
    preview: { title: preview.title, body: preview.body }, updatedAt: d.updatedAt, byName: d.byName,
  };
}

/** Whether the caller may see the item at all: staff always, others once a version is up. */
export function visibleTo(caller: Caller, item: ItemRecord): boolean {
  return mayManage(caller) || item.currentNumber > 0;
}

function allowedActions(caller: Caller, item: ItemRecord): ActionName[] {
  const out: ActionName[] = [];
  const staff = mayManage(caller);
  if (staff && item.draft) out.push('disclosure.draft', 'disclosure.review');
  if (caller.roles.includes('admin') && item.draft) out.push('disclosure.publish');
  if (staff && item.currentNumber > 0 && !item.draft) out.push('disclosure.correct');
  return out;
}

export async function itemView(ctx: Ctx, item: ItemRecord, opts: { version?: number } = {}): Promise<ItemView> {
  const db = ctx.db();
  const caller = ctx.caller;
  const staff = mayManage(caller);
  const [category, versions] = await Promise.all([
    requireCategory(db, item.categoryKey, ctx.now),
    item.currentNumber > 0 ? db.query('disclosureVersions', { where: { itemId: item._id }, orderBy: { field: 'number', dir: 'asc' }, limit: 100 }) : { items: [] as VersionRecord[] },
  ]);
  const wanted = opts.version ?? item.currentNumber;
  const shown = versions.items.find((v) => v.number === wanted) ?? null;
  return {
    itemId: item._id, categoryKey: item.categoryKey, categoryLabel: category.label, state: item.state, stateLabel: ITEM_STATE_LABELS[item.state],
    shown: shown ? versionView(shown) : null, currentNumber: item.currentNumber,
    versions: versions.items.map((v) => ({ number: v.number, publishedAt: v.publishedAt, reason: v.reason, superseded: v.supersededAt !== null })),
    source: item.source.kind === 'manual' ? null : { kind: item.source.kind, title: item.source.title },
    dueAt: item.dueAt,
    draft: staff && item.draft ? await draftView(db, item.draft) : null,
    allowedActions: allowedActions(caller, item),
  };
}

export function summaryView(item: ItemRecord, categoryLabel: string, staff: boolean): ItemSummaryView {
  return {
    itemId: item._id, title: item.title, categoryKey: item.categoryKey, categoryLabel, periodLabel: periodLabel(item.period), state: item.state,
    stateLabel: ITEM_STATE_LABELS[item.state], versionNumber: item.currentNumber, publishedAt: item.lastPublishedAt,
    hasDraft: staff && item.draft !== null,
  };
}
