/**
 * 隐私审核. A reviewer decides each flag of the draft they loaded — mask it, or keep it with a
 * reason — and marks what the scan missed; a mark masks every occurrence of its text in its
 * field. Decisions go on the draft by flag id, on the draftVersion the reviewer loaded (a
 * save or review in between is CONFLICT: they decided on text they would no longer be
 * publishing), and the draft moves to the next draftVersion, so a publisher holding the
 * earlier one publishes nothing they did not see. The reviewer becomes one of the item's
 * authors: nobody supervises what they reviewed.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned } from '../../kernel/versioned';
import { draftFields, markFlags } from './gate';
import { itemSubject } from './ids';
import { loadItem } from './load';
import { requireDraft } from './permissions';
import { itemView } from './presenters';
import type { DraftRecord, FlagRecord } from './records';
import { withAuthor } from './transition';

type Decision = { flagId: string; decision: 'mask' | 'keep'; reason?: string };
type Mark = { field: string; text: string };
type Reviewer = { memberId: string; name: string };

const STALE = '草稿刚被他人修改，请刷新后再审核';

function decide(f: FlagRecord, d: Pick<Decision, 'decision' | 'reason'>, by: Reviewer): FlagRecord {
  return { ...f, decision: d.decision, reason: d.decision === 'keep' ? (d.reason ?? null) : null, decidedById: by.memberId, decidedByName: by.name };
}

/** The draft's flags with the marks added (masked by the reviewer who made them) and the decisions applied. */
export function reviewedFlags(draft: DraftRecord, decisions: readonly Decision[], marks: readonly Mark[], by: Reviewer): FlagRecord[] {
  const fields = new Map(draftFields(draft).map((f) => [f.field, f.text]));
  const flags = new Map(draft.flags.map((f) => [f.flagId, f]));
  marks.forEach((m, i) => {
    const value = fields.get(m.field);
    if (value === undefined) throw fieldError('VALIDATION_ERROR', `marks.${i}.field`, '草稿中没有这个位置，请刷新后再标');
    const found = markFlags(m.field, value, m.text);
    if (found.length === 0) throw fieldError('VALIDATION_ERROR', `marks.${i}.text`, `「${m.text}」不在${m.field === 'title' ? '标题' : '所选位置'}中，请照原文标出`);
    for (const f of found) flags.set(f.flagId, decide(flags.get(f.flagId) ?? f, { decision: 'mask' }, by));
  });
  decisions.forEach((d, i) => {
    const f = flags.get(d.flagId);
    if (!f) throw fieldError('NOT_FOUND', `decisions.${i}.flagId`, '这处标记已不存在（草稿可能刚被修改），请刷新后再审核');
    flags.set(d.flagId, decide(f, d, by));
  });
  const order = new Map([...fields.keys()].map((k, i) => [k, i]));
  return [...flags.values()].sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0) || a.start - b.start || b.end - a.end);
}

/** Whether every decision and mark of this request is already on the flags, as this reviewer's: the same review sent again. */
function alreadyApplied(flags: readonly FlagRecord[], decisions: readonly Decision[], marks: readonly Mark[], by: Reviewer): boolean {
  const byId = new Map(flags.map((f) => [f.flagId, f]));
  const decided = decisions.every((d) => {
    const f = byId.get(d.flagId);
    return !!f && f.decision === d.decision && f.decidedById === by.memberId && (d.decision === 'mask' || f.reason === (d.reason ?? null));
  });
  return decided && marks.every((m) => flags.some((f) => f.kind === 'manual' && f.field === m.field && f.text === m.text && f.decision === 'mask'));
}

export const reviewDraft: Handler<'disclosure.review'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  const item = await loadItem(ctx, input.itemId);
  const draft = requireDraft(item);
  const by: Reviewer = { memberId: caller.memberId, name: caller.name ?? '社区工作人员' };
  if (input.draftVersion !== draft.draftVersion) {
    // The answer to this very review was lost and it comes again: answer with the draft it made.
    if (draft.draftVersion === input.draftVersion + 1 && alreadyApplied(draft.flags, input.decisions, input.marks, by)) return itemView(ctx, item);
    throw fieldError('CONFLICT', 'draftVersion', STALE);
  }
  if (input.decisions.length === 0 && input.marks.length === 0) return itemView(ctx, item);

  const flags = reviewedFlags(draft, input.decisions, input.marks, by);
  const masked = input.decisions.filter((d) => d.decision === 'mask').length + input.marks.length;
  const kept = input.decisions.length - input.decisions.filter((d) => d.decision === 'mask').length;
  const note = [masked ? `遮盖${masked}处` : '', kept ? `保留${kept}处` : ''].filter(Boolean).join('，');
  const next: DraftRecord = { ...draft, flags, draftVersion: draft.draftVersion + 1, updatedAt: now };
  const saved = await commitVersioned(
    db,
    'disclosureItems',
    item,
    { draft: next, authorIds: withAuthor(item.authorIds, caller.memberId), updatedAt: now },
    (n) => eventRecord(db, caller, { key: `v${n.version}:disclosure.reviewed`, subject: itemSubject(item._id), type: 'disclosure.reviewed', from: item.state, to: n.state, public: false, note, at: now }),
    STALE,
  ).catch((e: unknown) => {
    // Anything that moved the item since it was loaded; the reviewer reloads the draft, as after a colleague's save.
    throw e instanceof AppError && e.code === 'CONFLICT' ? fieldError('CONFLICT', 'draftVersion', STALE) : e;
  });
  return itemView(ctx, saved);
};
