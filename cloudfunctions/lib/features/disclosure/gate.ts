/**
 * The privacy gate. Scans every published field of a draft (title, body, finance line labels
 * and notes, the relief programme's name) for names, phone and ID numbers, room numbers and
 * counts under 5, and turns each finding into a flag a reviewer must decide; applies the
 * decisions to give what residents would read. Relief recipients are never scanned as text:
 * they are rendered in the form their programme allows (relief.ts).
 *
 * A flag's id is a hash of where it is (the field), what it is (kind and text) and which
 * occurrence of that text in that field it is — not of its offset — so typing a sentence
 * above it keeps the flag, and the decision taken on it, while the same text stays there.
 */
import { createHash } from 'node:crypto';
import type { FinanceLine, FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { ReliefView } from '../../../../miniprogram/core/disclosure/contract';
import type { FlagKind } from '../../../../miniprogram/core/disclosure/vocabulary';
import { COMMON_SURNAMES, COMPOUND_SURNAMES, MASK, findPersonalData, maskName } from '../../kernel/redact';
import type { DraftRecord, FlagRecord } from './records';
import { renderRelief } from './relief';

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

type Scanned = Pick<DraftRecord, 'title' | 'body' | 'finance' | 'relief'>;

/** Every field the gate reads, in reading order, with its text: 「title」「body」「finance.income.2.label」「relief.programme」. */
export function draftFields(draft: Scanned): { field: string; text: string }[] {
  const fields = [
    { field: 'title', text: draft.title },
    { field: 'body', text: draft.body },
  ];
  for (const side of ['income', 'expense'] as const) {
    (draft.finance?.[side] ?? []).forEach((line, i) => {
      fields.push({ field: `finance.${side}.${i}.label`, text: line.label });
      if (line.note !== undefined) fields.push({ field: `finance.${side}.${i}.note`, text: line.note });
    });
  }
  if (draft.relief) fields.push({ field: 'relief.programme', text: draft.relief.programme });
  return fields;
}

export function fieldText(draft: Scanned, field: string): string | null {
  return draftFields(draft).find((f) => f.field === field)?.text ?? null;
}

export function flagIdFor(field: string, kind: FlagKind, text: string, occurrence: number): string {
  return `flag_${createHash('sha256').update(JSON.stringify([field, kind, text, occurrence])).digest('hex').slice(0, 24)}`;
}

/** A reviewer's mark: a name-like mark (「李四」) reads 「李某」, anything else 「***」. */
export function markSuggestion(text: string): string {
  const t = text.trim();
  const compound = COMPOUND_SURNAMES.some((s) => t.startsWith(s));
  const looksLikeName = /^\p{Script=Han}{2,4}$/u.test(t) && (compound || COMMON_SURNAMES.includes(t[0]));
  return looksLikeName ? maskName(t) : MASK;
}

/** Every occurrence of `text` in a field, as undecided manual flags (what a mark becomes). */
export function markFlags(field: string, value: string, text: string): FlagRecord[] {
  const flags: FlagRecord[] = [];
  if (!text) return flags;
  for (let at = value.indexOf(text), n = 0; at >= 0; at = value.indexOf(text, at + text.length), n++) {
    flags.push(undecided(field, 'manual', at, at + text.length, text, markSuggestion(text), n));
  }
  return flags;
}

function undecided(field: string, kind: FlagKind, start: number, end: number, text: string, suggestion: string, occurrence: number): FlagRecord {
  return { flagId: flagIdFor(field, kind, text, occurrence), field, kind, start, end, text, suggestion, decision: null, reason: null, decidedById: null, decidedByName: null };
}

/**
 * The flags of a draft. A flag still found at the same field with the same text keeps its
 * id and the decision already taken on it; reviewer marks (`manual`) in `previous` stay,
 * found again wherever their text now is in their field (and gone with it).
 */
export function flagDraft(draft: Omit<DraftRecord, 'flags'>, names: GateNames, previous: readonly FlagRecord[]): FlagRecord[] {
  const fields = draftFields(draft);
  // A relief recipient is masked wherever else the draft names them, not only in the table.
  const knownNames = [...names.knownNames, ...(draft.relief?.rows.map((r) => r.name) ?? [])];
  const flags: FlagRecord[] = [];
  for (const { field, text } of fields) {
    const seen = new Map<string, number>();
    for (const f of findPersonalData(text, { knownNames, keepNames: names.keepNames, smallCounts: true })) {
      const key = `${f.kind}|${f.text}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      flags.push(undecided(field, f.kind, f.start, f.end, f.text, f.suggestion, n));
    }
    const marked = new Set(previous.filter((p) => p.kind === 'manual' && p.field === field).map((p) => p.text));
    for (const m of marked) flags.push(...markFlags(field, text, m));
  }
  const decided = new Map(previous.map((p) => [p.flagId, p]));
  const order = new Map(fields.map((f, i) => [f.field, i]));
  return flags
    .map((f) => {
      const before = decided.get(f.flagId);
      return before ? { ...f, decision: before.decision, reason: before.reason, decidedById: before.decidedById, decidedByName: before.decidedByName } : f;
    })
    .sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0) || a.start - b.start || b.end - a.end);
}

/**
 * A field with its masked flags replaced. Where a reviewer's mark overlaps a finding, the one
 * starting first (the longer at the same start) is applied and the other is inside it.
 */
function gateField(field: string, value: string, flags: readonly FlagRecord[]): string {
  const masked = flags.filter((f) => f.field === field && f.decision === 'mask').sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of masked) {
    // Flags are found on the draft they are stored with; a mismatch would publish what a reviewer never saw.
    if (value.slice(f.start, f.end) !== f.text) throw new Error(`flag ${f.flagId} does not match ${field}`);
    if (f.start < at) {
      if (f.end > at) {
        // Overlapping beyond what was already masked: mask the rest as well, never leave a tail.
        out += f.suggestion;
        at = f.end;
      }
      continue;
    }
    out += value.slice(at, f.start) + f.suggestion;
    at = f.end;
  }
  return out + value.slice(at);
}

/** The draft as it would be published: masked flags replaced by their suggestion, relief rendered per its form. */
export function applyFlags(draft: DraftRecord, buildingNames: ReadonlyMap<string, string>): GatedContent {
  const gate = (field: string, value: string) => gateField(field, value, draft.flags);
  const line = (side: 'income' | 'expense') => (l: FinanceLine, i: number): FinanceLine => ({
    ...l,
    label: gate(`finance.${side}.${i}.label`, l.label),
    ...(l.note !== undefined ? { note: gate(`finance.${side}.${i}.note`, l.note) } : {}),
  });
  return {
    title: gate('title', draft.title),
    body: gate('body', draft.body),
    finance: draft.finance ? { ...draft.finance, income: draft.finance.income.map(line('income')), expense: draft.finance.expense.map(line('expense')) } : null,
    relief: draft.relief ? renderRelief(draft.relief, gate('relief.programme', draft.relief.programme), buildingNames) : null,
  };
}

export function unresolvedFlags(flags: readonly FlagRecord[]): number {
  return flags.filter((f) => f.decision === null).length;
}
