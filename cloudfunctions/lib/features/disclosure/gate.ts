/**
 * The privacy gate (STUB — the gate helper replaces the bodies; the signatures are the
 * contract the other files build on).
 *
 * Scans every published field of a draft (title, body, finance line labels and notes, the
 * relief programme's name) for names, phone and ID numbers, room numbers and counts under 5,
 * and turns each finding into a flag a reviewer must decide; applies the decisions to give
 * what residents would read.
 */
import type { FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { ReliefView } from '../../../../miniprogram/core/disclosure/contract';
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

/**
 * The flags of a draft. A flag still found at the same field with the same text keeps its
 * id and the decision already taken on it; reviewer marks (`manual`) in `previous` stay.
 */
export function flagDraft(draft: Omit<DraftRecord, 'flags'>, names: GateNames, previous: readonly FlagRecord[]): FlagRecord[] {
  void draft;
  void names;
  return previous.filter((f) => f.kind === 'manual');
}

/** The draft as it would be published: masked flags replaced by their suggestion, relief rendered per its form. */
export function applyFlags(draft: DraftRecord, buildingNames: ReadonlyMap<string, string>): GatedContent {
  void buildingNames;
  return { title: draft.title, body: draft.body, finance: draft.finance, relief: null };
}

export function unresolvedFlags(flags: readonly FlagRecord[]): number {
  return flags.filter((f) => f.decision === null).length;
}
