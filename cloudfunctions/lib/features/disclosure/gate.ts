/**
 * The privacy gate. Scans every published field of a draft (title, body, finance line labels
 * and notes, the relief programme's name) with kernel/redact.ts and turns each field that
 * holds personal data into a flag a reviewer must decide: mask (the field as redact masks
 * it) or keep, with a reason. A reviewer's own mark (`manual`) masks that text wherever it
 * stands in its field. Publishing waits until every flag is decided.
 *
 * One flag per field, not per span: redact reports counts, not positions (a span finder is
 * the next step — see README, Known limits).
 */
import { createHash } from 'node:crypto';
import type { FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { ReliefView } from '../../../../miniprogram/core/disclosure/contract';
import { RELIEF_FORM_LABELS, SMALL_COUNT, type FlagKind } from '../../../../miniprogram/core/disclosure/vocabulary';
import { maskName, redact, type RedactCounts } from '../../kernel/redact';
import type { DraftRecord, FlagRecord } from './records';

export interface GateNames {
  /** Masked wherever they appear: the community's members, a roll's names. */
  knownNames: readonly string[];
  /** Officers and committee members: named in office, never masked. */
  keepNames: readonly string[];
}

/** What residents read once a draft is published. */
export interface GatedContent {
  title: string;
  body: string;
  finance: FinanceTable | null;
  relief: ReliefView | null;
}

type Content = Omit<DraftRecord, 'flags'>;

/** Every published text field of a draft, by its path. */
function fields(d: Content): Array<[string, string]> {
  const out: Array<[string, string]> = [['title', d.title], ['body', d.body]];
  if (d.finance) {
    for (const side of ['income', 'expense'] as const) {
      d.finance[side].forEach((l, i) => {
        out.push([`finance.${side}.${i}.label`, l.label]);
        if (l.note) out.push([`finance.${side}.${i}.note`, l.note]);
      });
    }
  }
  if (d.relief) out.push(['relief.programme', d.relief.programme]);
  return out;
}

const KIND_ORDER: Array<[keyof RedactCounts, FlagKind]> = [['idNumber', 'idNumber'], ['phone', 'phone'], ['room', 'room'], ['name', 'name']];

const flagIdOf = (field: string, kind: string, text: string) => `flag_${createHash('sha256').update(`${field}\u0000${kind}\u0000${text}`).digest('hex').slice(0, 16)}`;

/**
 * The flags of a draft. A field whose text did not change keeps its flag id and the
 * decision already taken; reviewer marks (`manual`) stay while their text is still there.
 */
export function flagDraft(draft: Content, names: GateNames, previous: readonly FlagRecord[]): FlagRecord[] {
  const before = new Map(previous.map((f) => [f.flagId, f]));
  const out: FlagRecord[] = [];
  for (const [field, text] of fields(draft)) {
    const r = redact(text, { knownNames: names.knownNames, keepNames: names.keepNames });
    if (r.text === text) continue;
    const kind = KIND_ORDER.find(([k]) => r.counts[k] > 0)?.[1] ?? 'name';
    const flagId = flagIdOf(field, 'auto', text);
    const kept = before.get(flagId);
    out.push(kept ?? { flagId, field, kind, start: 0, end: text.length, text, suggestion: r.text, decision: null, reason: null, decidedById: null, decidedByName: null });
  }
  for (const f of previous) {
    if (f.kind !== 'manual') continue;
    const text = fields(draft).find(([field]) => field === f.field)?.[1];
    if (text?.includes(f.text)) out.push(f);
  }
  return out;
}

export function manualFlag(field: string, text: string): FlagRecord {
  return { flagId: flagIdOf(field, 'manual', text), field, kind: 'manual', start: 0, end: 0, text, suggestion: '***', decision: 'mask', reason: null, decidedById: null, decidedByName: null };
}

/** 「王*国」, 「王*」: the surname and, for three characters or more, the last one. */
function starred(name: string): string {
  const n = [...name.trim()];
  if (n.length <= 1) return '*';
  return n.length === 2 ? `${n[0]}*` : `${n[0]}${'*'.repeat(n.length - 2)}${n[n.length - 1]}`;
}

function reliefView(d: DraftRecord, buildingNames: ReadonlyMap<string, string>): ReliefView | null {
  if (!d.relief) return null;
  const rows = d.relief.rows;
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const recipient = (name: string) => (d.relief!.form === 'surname' ? maskName(name) : d.relief!.form === 'maskedName' ? starred(name) : null);
  return {
    programme: d.relief.programme, form: d.relief.form, formLabel: RELIEF_FORM_LABELS[d.relief.form],
    countText: rows.length < SMALL_COUNT ? `<${SMALL_COUNT}` : String(rows.length), totalFen,
    // Only counts: no row at all, so no amount can be matched to a household.
    rows: d.relief.form === 'count' ? [] : rows.map((r) => ({ recipient: recipient(r.name), amountFen: r.amountFen, buildingName: r.buildingId ? buildingNames.get(r.buildingId) ?? null : null })),
  };
}

/** The draft as it would be published: each field as its flags decide, relief in its programme's form. */
export function applyFlags(draft: DraftRecord, buildingNames: ReadonlyMap<string, string>): GatedContent {
  const decide = (field: string, text: string) => {
    let out = text;
    for (const f of draft.flags) {
      if (f.field !== field) continue;
      if (f.kind === 'manual') out = out.split(f.text).join(f.suggestion);
      else if (f.decision === 'mask' && f.text === text) out = f.suggestion;
    }
    return out;
  };
  const finance = draft.finance && {
    ...draft.finance,
    income: draft.finance.income.map((l, i) => ({ ...l, label: decide(`finance.income.${i}.label`, l.label), ...(l.note ? { note: decide(`finance.income.${i}.note`, l.note) } : {}) })),
    expense: draft.finance.expense.map((l, i) => ({ ...l, label: decide(`finance.expense.${i}.label`, l.label), ...(l.note ? { note: decide(`finance.expense.${i}.note`, l.note) } : {}) })),
  };
  const relief = reliefView(draft, buildingNames);
  if (relief && draft.relief) relief.programme = decide('relief.programme', draft.relief.programme);
  return { title: decide('title', draft.title), body: decide('body', draft.body), finance, relief };
}

export function unresolvedFlags(flags: readonly FlagRecord[]): number {
  return flags.filter((f) => f.decision === null).length;
}
