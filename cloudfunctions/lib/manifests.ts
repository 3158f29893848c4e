/**
 * The list of features. Everything the server knows about a feature is built from here:
 * the action table, the collections and their indexes, the default rate limits, the sweep,
 * the notice kinds and their templates, and "download my data" and account deletion.
 * A new feature adds its manifest to FEATURES; a feature whose actions have no manifest,
 * or a manifest missing a piece (checkManifests), fails to compile or to start.
 */
import { contracts } from '../../miniprogram/core/contracts';
import { KERNEL_COLLECTIONS } from './kernel/collections';
import type { AnyFeatureManifest, CollectionSpec, FeatureManifest, FeatureName, SweepJob } from './kernel/feature';
import { dropClosedWindows } from './kernel/rate-limit';
import { createRegistry, indexManifests, type ManifestIndex } from './registry';
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

/**
 * The tables the server reads (action table, collections, rate limits, templates, the
 * registry), through the same code as the `api` bundle's lazy loading (registry.ts); here
 * every manifest is already loaded.
 */
export const MANIFEST_INDEX: ManifestIndex = indexManifests(MANIFESTS, KERNEL_COLLECTIONS);
const BY_NAME = new Map(MANIFESTS.map((m) => [m.name, m]));
const registry = createRegistry(MANIFEST_INDEX, (feature) => BY_NAME.get(feature)!);

export const lookupAction = registry.lookupAction;
export const actionNames = registry.actionNames;
/** Every collection with its indexes, for both adapters (and the deploy checklist). */
export const COLLECTIONS = registry.COLLECTIONS;
export const DEFAULT_RATE_LIMITS = registry.DEFAULT_RATE_LIMITS;
/** Which subscription template a notice kind may push as; undefined = in-app only. */
export const templateForKind = registry.templateForKind;
export const FEATURE_REGISTRY = registry.FEATURE_REGISTRY;

/** The kernel's own housekeeping first, then every feature's jobs in manifest order. */
export const SWEEP_JOBS: ReadonlyArray<readonly [string, SweepJob]> = [
  ['rateWindows', (deps, now) => dropClosedWindows(deps.store, now, { items: 200 })],
  ...MANIFESTS.flatMap((m) => Object.entries(m.sweep ?? {})),
];

