/**
 * What 居务公开 keeps. An item is the thread a resident follows; each publication of it is a
 * version, inserted once under a deterministic id and never rewritten — the only change a
 * version ever sees is being marked superseded by the next one. What is being written next
 * lives on the item as its draft, with the privacy gate's flags and each decision on them.
 */
import type { FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { LinkKind, ReliefDraft, ReliefView, SourceKind } from '../../../../miniprogram/core/disclosure/contract';
import type { Cadence, FlagDecision, FlagKind, ItemState, Period } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Doc } from '../../ports/store';

export interface CategoryRecord extends Doc {
  communityId: string;
  key: string;
  label: string;
  cadence: Cadence;
  builtin: boolean;
  order: number;
  /** The resolution that adopted this category or its cadence (目录经议事通过). */
  basisResolutionId: string | null;
  publishedCount: number;
  latest: { itemId: string; title: string; periodLabel: string; publishedAt: number } | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface LinkRef {
  kind: LinkKind;
  refId: string;
}

export interface FlagRecord {
  /** Stable across saves while the same text stays at the same place: decisions survive an edit elsewhere. */
  flagId: string;
  field: string;
  kind: FlagKind;
  start: number;
  end: number;
  text: string;
  suggestion: string;
  decision: FlagDecision | null;
  reason: string | null;
  decidedById: string | null;
  decidedByName: string | null;
}

/** As the staff form sends it; rendered per its form at publication, never stored in a version. */
export type ReliefDraftRecord = ReliefDraft;

export interface DraftRecord {
  draftVersion: number;
  title: string;
  categoryKey: string;
  period: Period;
  body: string;
  finance: FinanceTable | null;
  relief: ReliefDraftRecord | null;
  attachments: string[];
  links: LinkRef[];
  correctionReason: string | null;
  flags: FlagRecord[];
  updatedAt: number;
  byId: string;
  byName: string;
}

export interface ItemRecord extends Doc {
  communityId: string;
  categoryKey: string;
  /** The current version's title, or the draft's before the first publication. */
  title: string;
  period: Period;
  periodKey: string;
  state: ItemState;
  /** 0 before the first publication. */
  currentNumber: number;
  draft: DraftRecord | null;
  source: { kind: SourceKind; refId: string | null; title: string };
  /** The calendar obligation this item meets, when it has one. */
  dueId: string | null;
  dueAt: number | null;
  /** Everyone who drafted, reviewed or published any version: none of them may supervise it. */
  authorIds: string[];
  publishedAt: number | null;
  lastPublishedAt: number | null;
  createdById: string;
  createdByName: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface VersionRecord extends Doc {
  communityId: string;
  itemId: string;
  number: number;
  categoryKey: string;
  title: string;
  period: Period;
  periodLabel: string;
  /** Published text: every flag masked or kept by a named reviewer. */
  body: string;
  finance: FinanceTable | null;
  /** Already in the form the programme allows: no recipient's full name is ever stored here. */
  relief: ReliefView | null;
  attachments: string[];
  /** Titles frozen at publication. */
  links: (LinkRef & { title: string })[];
  reason: string | null;
  /** The draft it was published from: a retried publish of the same draft finds it. */
  fromDraftVersion: number;
  publishedAt: number;
  publishedById: string;
  publishedByName: string;
  reviewedByIds: string[];
  masked: Partial<Record<FlagKind, number>>;
  kept: { kind: FlagKind; reason: string }[];
  /** sha256 of every field above: what "nobody can edit a published version" is checked against. */
  contentHash: string;
  supersededAt: number | null;
  supersededBy: number | null;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    disclosureCategories: CategoryRecord;
    disclosureItems: ItemRecord;
    disclosureVersions: VersionRecord;
  }
}
