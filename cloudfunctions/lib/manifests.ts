/**
 * The list of features. Everything the server knows about a feature is built from here:
 * the action table, the collections and their indexes, the default rate limits, the sweep,
 * the notice kinds and their templates, and "download my data" and account deletion.
 * A new feature adds its manifest to FEATURES; a feature whose actions have no manifest,
 * or a manifest missing a piece (checkManifests), fails to compile or to start.
 */
import type { ActionContract } from '../../miniprogram/core/action';
import { contracts, type ActionName } from '../../miniprogram/core/contracts';
import type { TemplateKey } from '../../miniprogram/core/notify/contract';
import type { ActionDef } from './kernel/action';
import { KERNEL_COLLECTIONS } from './kernel/collections';
import type { AnyFeatureManifest, CollectionSpec, FeatureManifest, FeatureName, FeatureRegistry, SubjectKind, SweepJob } from './kernel/feature';
import { dropClosedWindows, type RateLimits } from './kernel/rate-limit';
import { bookingManifest } from './features/booking/manifest';
import { communityManifest } from './features/community/manifest';
import { concernManifest } from './features/concern/manifest';
import { mediaManifest } from './features/media/manifest';
import { memberManifest } from './features/member/manifest';
import { metaManifest } from './features/meta/manifest';
import { moderationManifest } from './features/moderation/manifest';
import { notifyManifest } from './features/notify/manifest';
import { privacyManifest } from './features/privacy/manifest';
import { staffManifest } from './features/staff/manifest';
import { departmentManifest } from './features/department/manifest';
import { auditManifest } from './features/audit/manifest';
import { volunteerManifest } from './features/volunteer/manifest';
import { teamManifest } from './features/team/manifest';
import { activityManifest } from './features/activity/manifest';
import { hoursManifest } from './features/hours/manifest';
import { rollManifest } from './features/roll/manifest';
import { pollManifest } from './features/poll/manifest';
import { motionManifest } from './features/motion/manifest';
import { meetingManifest } from './features/meeting/manifest';
import { resolutionManifest } from './features/resolution/manifest';
import { supervisionManifest } from './features/supervision/manifest';
import { disclosureManifest } from './features/disclosure/manifest';
import { reportManifest } from './features/report/manifest';
import { noticeManifest } from './features/notice/manifest';
import { subdistrictManifest } from './features/subdistrict/manifest';
import { visitManifest } from './features/visit/manifest';
import { workbenchManifest } from './features/workbench/manifest';
import { insightManifest } from './features/insight/manifest';

/**
 * In sweep order: the clocks first, deletions after them, and the outbox last so messages
 * the jobs above just wrote go out in the same run.
 */
export const FEATURES = {
  meta: metaManifest,
  community: communityManifest,
  member: memberManifest,
  concern: concernManifest,
  staff: staffManifest,
  department: departmentManifest,
  booking: bookingManifest,
  volunteer: volunteerManifest,
  team: teamManifest,
  activity: activityManifest,
  hours: hoursManifest,
  roll: rollManifest,
  poll: pollManifest,
  motion: motionManifest,
  meeting: meetingManifest,
  resolution: resolutionManifest,
  supervision: supervisionManifest,
  disclosure: disclosureManifest,
  notice: noticeManifest,
  subdistrict: subdistrictManifest,
  visit: visitManifest,
  workbench: workbenchManifest,
  insight: insightManifest,
  media: mediaManifest,
  moderation: moderationManifest,
  privacy: privacyManifest,
  audit: auditManifest,
  report: reportManifest,
  notify: notifyManifest,
} as const satisfies { [F in FeatureName]: FeatureManifest<F> };

const MANIFESTS: readonly AnyFeatureManifest[] = Object.values(FEATURES);

/**
 * What a manifest must hold together, beyond what types can say: its name matches its
 * actions, every personal collection is exported and erased, no two features claim one
 * collection or one notice kind. Returns the problems, empty when sound.
 */
export function checkManifests(manifests: readonly AnyFeatureManifest[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>(Object.keys(KERNEL_COLLECTIONS).map((c) => [c, 'kernel']));
  const kinds = new Map<string, string>();
  for (const m of manifests) {
    for (const [name, def] of Object.entries(m.actions)) {
      if (!name.startsWith(`${m.name}.`)) problems.push(`${m.name}: action ${name} belongs to another feature`);
      if (def.contract.name !== name) problems.push(`${m.name}: ${name} is bound to the contract of ${def.contract.name}`);
    }
    const covered = new Set<string>(m.personalData?.collections ?? []);
    for (const [collection, spec] of Object.entries(m.collections) as [string, CollectionSpec][]) {
      const first = owner.get(collection);
      if (first) problems.push(`${m.name}: collection ${collection} is already declared by ${first}`);
      owner.set(collection, m.name);
      if (spec.holds === 'personal' && !covered.has(collection)) {
        problems.push(`${m.name}: collection ${collection} holds personal data but personalData does not export and erase it`);
      }
    }
    for (const collection of covered) {
      if (!(collection in m.collections)) problems.push(`${m.name}: personalData covers ${collection}, which the feature does not declare`);
    }
    for (const kind of Object.keys(m.notices ?? {})) {
      // Binding requests are the member feature's: their notices keep the word residents know.
      if (!kind.startsWith(`${m.name}.`) && !(m.name === 'member' && kind.startsWith('binding.'))) {
        problems.push(`${m.name}: notice kind ${kind} should be named ${m.name}.<what>`);
      }
      const first = kinds.get(kind);
      if (first) problems.push(`${m.name}: notice kind ${kind} is already declared by ${first}`);
      kinds.set(kind, m.name);
    }
  }
  const bound = new Set(manifests.flatMap((m) => Object.keys(m.actions)));
  for (const name of Object.keys(contracts)) if (!bound.has(name)) problems.push(`action ${name} has a contract but no manifest binds it`);
  return problems;
}

const problems = checkManifests(MANIFESTS);
if (problems.length) throw new Error(`feature manifests are incomplete:\n${problems.join('\n')}`);

/** Every action by name; own properties only, so `__proto__` or `constructor` find nothing. */
const ACTIONS = new Map<string, ActionDef<ActionContract> & { name: ActionName }>(
  MANIFESTS.flatMap((m) => (Object.entries(m.actions) as [ActionName, ActionDef<ActionContract>][]).map(([name, def]) => [name, { ...def, name }] as const)),
);

export function lookupAction(name: string): (ActionDef<ActionContract> & { name: ActionName }) | undefined {
  return ACTIONS.get(name);
}

export const actionNames = (): ActionName[] => [...ACTIONS.keys()] as ActionName[];

/** Every collection with its indexes, for both adapters (and the deploy checklist). */
export const COLLECTIONS: Readonly<Record<string, readonly (readonly string[])[]>> = Object.fromEntries([
  ...Object.entries(KERNEL_COLLECTIONS).map(([name, spec]) => [name, spec.indexes] as const),
  ...MANIFESTS.flatMap((m) => (Object.entries(m.collections) as [string, CollectionSpec][]).map(([name, spec]) => [name, spec.indexes] as const)),
]);

export const DEFAULT_RATE_LIMITS: RateLimits = Object.assign({}, ...MANIFESTS.map((m) => m.rateLimits ?? {}));

/** Which subscription template a notice kind may push as; undefined = in-app only. */
const TEMPLATE_BY_KIND = new Map<string, TemplateKey | undefined>(MANIFESTS.flatMap((m) => Object.entries(m.notices ?? {}).map(([kind, spec]) => [kind, spec.template] as const)));
export function templateForKind(kind: string): TemplateKey | undefined {
  return TEMPLATE_BY_KIND.get(kind);
}

/** The kernel's own housekeeping first, then every feature's jobs in manifest order. */
export const SWEEP_JOBS: ReadonlyArray<readonly [string, SweepJob]> = [
  ['rateWindows', (deps, now) => dropClosedWindows(deps.store, now, { items: 200 })],
  ...MANIFESTS.flatMap((m) => Object.entries(m.sweep ?? {})),
];

const SUBJECTS = new Map<string, SubjectKind>(MANIFESTS.flatMap((m) => Object.entries(m.subjects ?? {})));

export const FEATURE_REGISTRY: FeatureRegistry = {
  personalData: MANIFESTS.flatMap((m) => (m.personalData ? [{ ...m.personalData, feature: m.name }] : [])),
  subject: (kind) => SUBJECTS.get(kind),
  async communityOpened(db, now) {
    for (const m of MANIFESTS) await m.communityOpened?.(db, now);
  },
  // Each feature settles its own records for the household: independent, so together.
  async householdLeft(ctx, left) {
    await Promise.all(MANIFESTS.map((m) => m.householdLeft?.(ctx, left)));
  },
  async disclosable(ctx, item) {
    for (const m of MANIFESTS) await m.disclosable?.(ctx, item);
  },
  async today(ctx) {
    // Independent reads: one round of waits, not one per feature.
    return (await Promise.all(MANIFESTS.map((m) => m.today?.(ctx) ?? Promise.resolve([])))).flat();
  },
  async monthlyReport(db, month, now) {
    return (await Promise.all(MANIFESTS.map((m) => m.monthlyReport?.(db, month, now) ?? Promise.resolve([])))).flat();
  },
  async topics(db, q) {
    const parts = await Promise.all(MANIFESTS.map((m) => m.topics?.(db, q) ?? Promise.resolve({ items: [], truncated: false })));
    return { items: parts.flatMap((p) => p.items), truncated: parts.some((p) => p.truncated) };
  },
  events: MANIFESTS.flatMap((m) => (m.events ? [{ feature: m.name, labels: m.events as Record<string, string> }] : [])),
};
