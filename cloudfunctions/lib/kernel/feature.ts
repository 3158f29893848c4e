/**
 * What a feature declares about itself, in one place: its actions, the collections it owns
 * (with the indexes its queries need and whether they hold personal data), its rate limits,
 * sweep jobs, notices, audit event labels, its share of "download my data" and of account
 * deletion, and the hooks other features reach it through. `cloudfunctions/lib/manifests.ts`
 * lists every manifest; the action table, the collection list, the sweep and the privacy
 * export and erasure are built from that list, so a feature registers in one place.
 */
import type { ActionContract } from '../../../miniprogram/core/action';
import type { ActionName, Contracts } from '../../../miniprogram/core/contracts';
import type { TemplateKey } from '../../../miniprogram/core/notify/contract';
import type { LinkKind } from '../../../miniprogram/core/disclosure/contract';
import type { TodayRow } from '../../../miniprogram/core/workbench/today';
import type { ReportMonth, ReportPart } from '../../../miniprogram/core/workbench/report';
import type { TopicItems, TopicQuery } from '../../../miniprogram/core/insight/contract';
import type { CollectionName, RecordOf } from '../ports/store';
import type { ActionDef, HandlerContext } from './action';
import type { EventType } from './audit';
import type { Deps } from './deps';
import type { MemberRecord } from './members';
import type { RateRule } from './rate-limit';
import type { ScopedStore } from './scoped-store';

/** The action names that belong to feature `F`: `<F>.<verb>`. */
export type ActionsOf<F extends string> = Extract<ActionName, `${F}.${string}`>;

/** Every feature name an action uses; each must have a manifest. */
export type FeatureName = ActionName extends `${infer F}.${string}` ? F : never;

export interface CollectionSpec {
  /** Field lists, all ascending; every query must be backed by one (store/index-check.ts). */
  indexes: readonly (readonly string[])[];
  /**
   * `personal`: documents about one person. The feature's `personalData` must then list
   * the collection, export it field by field and erase it (checked by `checkManifests`).
   * `shared`: community records (structure, services). `bookkeeping`: counters, locks,
   * windows with no content of their own.
   */
  holds: 'personal' | 'shared' | 'bookkeeping';
}

/** A kind of message a feature sends; `template` is the subscription message it may push as. */
export interface NoticeSpec {
  template?: TemplateKey;
  /** Staff notices open a staff page; resident notices a resident page. */
  audience: 'resident' | 'staff';
}

export interface ExportContext {
  ctx: HandlerContext<unknown>;
  memberId: string;
  /** Reads every page of a query for the caller's community, capped; says if it stopped early. */
  all<C extends CollectionName>(collection: C, where: Record<string, unknown>, orderField: string): Promise<{ items: RecordOf<C>[]; truncated: boolean }>;
}

/** A feature's part of PIPL access (export) and deletion (erase). */
export interface PersonalData {
  /** The personal collections this covers; each must be exported and erased below. */
  collections: readonly CollectionName[];
  /**
   * The caller's records, each field named on purpose: a field added to a record later
   * stays out of the export until someone decides it belongs to the person. The result is
   * merged into the export; `truncated` says a list stopped at the cap.
   */
  export(x: ExportContext): Promise<{ sections: Record<string, unknown>; truncated?: boolean }>;
  /** Anonymises or removes a deleted member's records; runs in the sweep, idempotent. */
  erase(deps: Deps, member: MemberRecord, anonymousId: string, now: number): Promise<void>;
  /**
   * The person set a new contact number: a feature that keeps a copy of it on its records
   * (so staff reading them need not read the member too) brings the copies up to date.
   */
  phoneChanged?(deps: Deps, member: MemberRecord): Promise<void>;
}

/**
 * A kind of record other features point at by `<kind>:<id>` subjects: photos follow its
 * visibility, reports and moderation decisions reach it. The concern is one; motions and
 * activities will be others.
 */
export interface SubjectKind {
  /**
   * Its text and author, when the caller may read it; null otherwise (as if missing).
   * `id` is the record's own id, under which the moderation queue files it.
   */
  readable(ctx: HandlerContext<unknown>, ref: string): Promise<{ id: string; authorId: string | null; text: string } | null>;
  /** The ids among `ids` whose photos the caller may see. */
  photosVisible(ctx: HandlerContext<unknown>, ids: readonly string[]): Promise<Set<string>>;
  /** Reports hid its text: keep it from everyone but its author and staff until decided. */
  hold(ctx: HandlerContext<unknown>, id: string): Promise<void>;
  /** Staff decided on its held or reported text. */
  moderated(ctx: HandlerContext<unknown>, id: string, decision: 'approved' | 'rejected', reason: string | null): Promise<void>;
}

export type SweepJob = (deps: Deps, now: number, features: FeatureRegistry) => Promise<unknown>;

export interface FeatureManifest<F extends string = string> {
  name: F;
  actions: { [K in ActionsOf<F>]: ActionDef<Contracts[K]> };
  collections: Partial<Record<CollectionName, CollectionSpec>>;
  rateLimits?: { [K in ActionsOf<F>]?: readonly RateRule[] };
  /** Timed jobs, each bounded and idempotent; run in manifest order, then key order. */
  sweep?: Record<string, SweepJob>;
  notices?: Record<string, NoticeSpec>;
  /** Audit event type → what it is called on a timeline or in the audit log. */
  events?: Partial<Record<EventType, string>>;
  personalData?: PersonalData;
  subjects?: Record<string, SubjectKind>;
  /** Seeds what the feature needs when a community is opened (idempotent). */
  communityOpened?(db: ScopedStore, now: number): Promise<void>;
  /**
   * A resident left their household (搬离, or staff removed them): settle what the feature
   * holds for them there. Runs before the binding ends and again on a retry: idempotent.
   */
  householdLeft?(ctx: HandlerContext<unknown>, left: HouseholdLeft): Promise<void>;
  /**
   * Another feature made something public that 居务公开 must carry (approved minutes, a poll's
   * result, a resolution carried out): the disclosure feature drafts its item and starts the
   * calendar's clock. Idempotent: the caller may call again on a retry.
   */
  disclosable?(ctx: HandlerContext<unknown>, item: Disclosable): Promise<void>;
  /**
   * 今日待办: what this feature needs of the calling staff member today, within their role and
   * scope (a grid worker's grids), each row with its deadline. Bounded: a few reads, at most
   * TODAY_ROWS_PER_FEATURE rows, the most urgent first.
   */
  today?(ctx: HandlerContext<unknown>): Promise<TodayRow[]>;
  /**
   * 定期评事: this feature's part of one community's monthly report, from its records of that
   * month. Run by the sweep on the 1st (no caller); bounded reads.
   */
  monthlyReport?(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]>;
  /**
   * 社情民意: records other than concerns that count as topics raised (a visit's topics), one
   * item per topic, `from < at <= to`. Insight counts them in its overview and its cluster
   * rule. Bounded: an index on the time, a cap, `truncated` when it stopped there.
   */
  topics?(db: ScopedStore, q: TopicQuery): Promise<TopicItems>;
}

/** Each feature's share of 今日待办 stops here: past it the list is no longer a day's work. */
export const TODAY_ROWS_PER_FEATURE = 50;

/** What a feature hands 居务公开 to publish through the privacy gate. */
export interface Disclosable {
  kind: 'minutes' | 'poll' | 'resolution';
  refId: string;
  title: string;
  /** The text as its feature made it public (the minutes' masked record, a result's lines). */
  body: string;
  links: { kind: LinkKind; refId: string }[];
  /** When it became public: the calendar's clock starts here. */
  at: number;
  /** Names the gate must mask beyond the community's members (a roll's), and officers it keeps. */
  knownNames?: readonly string[];
  keepNames?: readonly string[];
}

/** Who left which household, and how: by their own choice or removed by staff. */
export interface HouseholdLeft {
  memberId: string;
  householdId: string;
  by: 'self' | 'staff';
}

/** Any manifest, as the list in manifests.ts iterates them. */
export type AnyFeatureManifest = Omit<FeatureManifest, 'actions' | 'rateLimits'> & {
  actions: Readonly<Record<string, ActionDef<ActionContract>>>;
  rateLimits?: Readonly<Record<string, readonly RateRule[]>>;
};

/** What use cases and sweep jobs may ask of the other features, without importing them. */
export interface FeatureRegistry {
  personalData: ReadonlyArray<PersonalData & { feature: string }>;
  subject(kind: string): SubjectKind | undefined;
  communityOpened(db: ScopedStore, now: number): Promise<void>;
  householdLeft(ctx: HandlerContext<unknown>, left: HouseholdLeft): Promise<void>;
  disclosable(ctx: HandlerContext<unknown>, item: Disclosable): Promise<void>;
  /** Every feature's rows of the caller's 今日待办, unordered. */
  today(ctx: HandlerContext<unknown>): Promise<TodayRow[]>;
  /** Every feature's parts of a community's monthly report, in manifest order. */
  monthlyReport(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]>;
  /** Every feature's topic items (visits' topics), merged; concerns are not among them. */
  topics(db: ScopedStore, q: TopicQuery): Promise<TopicItems>;
  /** Every feature's audit event labels (events.ts), for the audit log. */
  events: ReadonlyArray<{ feature: string; labels: Readonly<Record<string, string>> }>;
}
