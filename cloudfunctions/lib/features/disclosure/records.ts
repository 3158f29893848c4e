/**
 * What 居务公开 keeps. An item is the thread a resident follows; each publication of it is a
 * version, inserted once under a deterministic id and never rewritten — the only change a
 * version ever sees is being marked superseded by the next one. What is being written next
 * lives on the item as its draft, with the privacy gate's flags and each decision on them.
 * The calendar's obligations are records of their own (one per period or trigger, by id), so
 * a parallel sweep creates each once and the on-time rate is a count.
 */
import type { FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { LinkKind, ReliefView, SourceKind } from '../../../../miniprogram/core/disclosure/contract';
import type {
  Cadence,
  DueState,
  FlagDecision,
  FlagKind,
  ItemState,
  OpinionStance,
  Period,
  QuestionState,
  ReliefForm,
} from '../../../../miniprogram/core/disclosure/vocabulary';
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
  /**
   * The items `publishedCount` holds, by id, each counted in once by a conditional update on
   * its key (publish-item.ts), so a publication's retry never counts twice. Absent on
   * categories, and missing the items, counted before (by transaction).
   */
  countedItemIds?: Record<string, true>;
  latest: { itemId: string; title: string; periodLabel: string; publishedAt: number } | null;
  /** A periodic category: when the clock next makes a period's due (its running period's end). */
  wakeAt: number | null;
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

export interface ReliefDraftRecord {
  programme: string;
  form: ReliefForm;
  rows: { name: string; amountFen: number; buildingId?: string }[];
}

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
  openObjections: number;
  openQuestions: number;
  /**
   * The open objections and questions the counts above hold, by the opinion's or question's
   * id: each is counted in and out once by a conditional update on its own key, so a retried
   * step never counts twice and needs no transaction. Absent on items (and missing the ids
   * of opinions and questions) from before; those move by transaction as they did. `false`:
   * answered (counts.ts).
   */
  openObjectionIds?: Record<string, boolean>;
  openQuestionIds?: Record<string, boolean>;
  publishedAt: number | null;
  lastPublishedAt: number | null;
  /**
   * The version the latest publication made, as frozen: the publication is the item's own
   * versioned commit carrying it, and the version's insert follows (publish-item.ts), so until
   * that insert is surely done the item itself has it — readers fall back on it, and whoever
   * finds it missing inserts it. Absent on items published before (by transaction).
   */
  carriedVersion?: VersionRecord;
  /**
   * When the sweep settles the latest publication (the version's insert, the one before
   * superseded, the category's count and latest, the calendar's due): set by the publishing
   * commit itself, cleared by the sweep. Absent on items from before and on drafts.
   */
  wakeAt?: number | null;
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

export interface OpinionRecord extends Doc {
  communityId: string;
  itemId: string;
  versionNumber: number;
  memberId: string;
  memberName: string;
  stance: OpinionStance;
  text: string;
  at: number;
  response: { text: string; byId: string; byName: string; at: number } | null;
  /** An objection counted on the item by its key in `openObjectionIds` (absent: by transaction, from before). */
  keyed?: true;
}

export interface QuestionRecord extends Doc {
  communityId: string;
  itemId: string;
  itemTitle: string;
  versionNumber: number;
  askerId: string;
  askerName: string;
  householdId: string | null;
  text: string;
  askedAt: number;
  dueAt: number;
  state: QuestionState;
  answer: { text: string; byId: string; byName: string; at: number } | null;
  /** The clock's next look (a reminder before the deadline, the committee after it); null when answered. */
  wakeAt: number | null;
  remindedAt: number | null;
  escalatedAt: number | null;
  version: number;
  /** Counted on the item by its key in `openQuestionIds` (absent: by transaction, from before). */
  keyed?: true;
}

export interface DueRecord extends Doc {
  communityId: string;
  categoryKey: string;
  label: string;
  /** Periodic obligations: the period; triggered ones: null. */
  periodKey: string | null;
  source: { kind: SourceKind; refId: string; title: string } | null;
  dueAt: number;
  /** 「2026-10」: the month the rate counts it in. */
  month: string;
  state: DueState;
  metAt: number | null;
  onTime: boolean | null;
  itemId: string | null;
  escalation: 'none' | 'committee' | 'subdistrict';
  /** When the clock looks again; null once met or escalated as far as it goes. */
  wakeAt: number | null;
  createdAt: number;
  version: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    disclosureCategories: CategoryRecord;
    disclosureItems: ItemRecord;
    disclosureVersions: VersionRecord;
    disclosureOpinions: OpinionRecord;
    disclosureQuestions: QuestionRecord;
    disclosureDues: DueRecord;
  }
}
