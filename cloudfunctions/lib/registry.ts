/**
 * The server's tables over the features — the action table, the collections, the default
 * rate limits, the notice templates and the registry features reach each other through —
 * built from an index of what each manifest declares and a loader that gives a feature's
 * manifest when one of its actions or hooks is first used.
 *
 * manifests.ts builds the index from the manifests it imports (tests, the sweep, dev): the
 * loader then only hands over what is loaded. The `api` bundle gets the same index written
 * out at build time and a loader that `require`s a feature's manifest on first use
 * (dev/build.ts), so a cold start neither runs nor fully compiles a feature's schemas and
 * handlers until a call needs them (bench: cold start). Both go through this one file: what
 * a call finds and in which order hooks run is the same either way.
 */
import type { ActionContract } from '../../miniprogram/core/action';
import type { ActionName } from '../../miniprogram/core/contracts';
import type { TemplateKey } from '../../miniprogram/core/notify/contract';
import type { ActionDef } from './kernel/action';
import type { AnyFeatureManifest, CollectionSpec, FeatureRegistry, PersonalData, SubjectKind } from './kernel/feature';
import type { RateLimits } from './kernel/rate-limit';

/** The hooks a manifest may offer other features; the index says which each one has. */
const HOOKS = ['communityOpened', 'householdLeft', 'disclosable', 'today', 'monthlyReport', 'topics', 'personalData', 'events'] as const;
type Hook = (typeof HOOKS)[number];

/** What the server must know of a feature before loading it: plain data (JSON at build time). */
export interface FeatureIndex {
  name: string;
  actions: string[];
  hooks: Hook[];
  subjects: string[];
}

export interface ManifestIndex {
  /** In manifest order (the sweep's, and the order hooks run in). */
  features: FeatureIndex[];
  /** Every collection with its indexes: the kernel's, then each feature's. */
  collections: Record<string, readonly (readonly string[])[]>;
  rateLimits: RateLimits;
  /** Notice kind → the subscription template it may push as; absent = in-app only. */
  templates: Record<string, TemplateKey>;
}

/** The index of loaded manifests (in order), with the kernel's own collections. */
export function indexManifests(manifests: readonly AnyFeatureManifest[], kernelCollections: Record<string, CollectionSpec>): ManifestIndex {
  const templates: Record<string, TemplateKey> = {};
  for (const m of manifests) for (const [kind, spec] of Object.entries(m.notices ?? {})) if (spec.template !== undefined) templates[kind] = spec.template;
  return {
    features: manifests.map((m) => ({
      name: m.name,
      actions: Object.keys(m.actions),
      hooks: HOOKS.filter((h) => m[h] !== undefined),
      subjects: Object.keys(m.subjects ?? {}),
    })),
    collections: Object.fromEntries([
      ...Object.entries(kernelCollections).map(([name, spec]) => [name, spec.indexes] as const),
      ...manifests.flatMap((m) => (Object.entries(m.collections) as [string, CollectionSpec][]).map(([name, spec]) => [name, spec.indexes] as const)),
    ]),
    rateLimits: Object.assign({}, ...manifests.map((m) => m.rateLimits ?? {})) as RateLimits,
    templates,
  };
}

export type LookedUpAction = ActionDef<ActionContract> & { name: ActionName };

export interface Registry {
  lookupAction(name: string): LookedUpAction | undefined;
  actionNames(): ActionName[];
  COLLECTIONS: Readonly<Record<string, readonly (readonly string[])[]>>;
  DEFAULT_RATE_LIMITS: RateLimits;
  templateForKind(kind: string): TemplateKey | undefined;
  FEATURE_REGISTRY: FeatureRegistry;
}

export function createRegistry(index: ManifestIndex, load: (feature: string) => AnyFeatureManifest): Registry {
  // Own names only (Maps), so `__proto__` or `constructor` find nothing.
  const featureOfAction = new Map(index.features.flatMap((f) => f.actions.map((a) => [a, f.name] as const)));
  const featureOfSubject = new Map(index.features.flatMap((f) => f.subjects.map((s) => [s, f.name] as const)));
  const templates = new Map(Object.entries(index.templates));
  const found = new Map<string, LookedUpAction>();
  /** The loaded manifests that offer `hook`, in manifest order. */
  const offering = (hook: Hook) => index.features.filter((f) => f.hooks.includes(hook)).map((f) => load(f.name));
  const once = <T>(make: () => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: make() }).v;
  };
  const personalData = once(() => offering('personalData').map((m) => ({ ...(m.personalData as PersonalData), feature: m.name })));
  const events = once(() => offering('events').map((m) => ({ feature: m.name, labels: m.events as Record<string, string> })));

  const FEATURE_REGISTRY: FeatureRegistry = {
    get personalData() {
      return personalData();
    },
    subject(kind): SubjectKind | undefined {
      const feature = featureOfSubject.get(kind);
      return feature === undefined ? undefined : load(feature).subjects?.[kind];
    },
    // Each feature seeds its own collections: independent, so together.
    async communityOpened(db, now) {
      await Promise.all(offering('communityOpened').map((m) => m.communityOpened?.(db, now)));
    },
    // Each feature settles its own records for the household: independent, so together.
    async householdLeft(ctx, left) {
      await Promise.all(offering('householdLeft').map((m) => m.householdLeft?.(ctx, left)));
    },
    async disclosable(ctx, item) {
      for (const m of offering('disclosable')) await m.disclosable?.(ctx, item);
    },
    async today(ctx) {
      // Independent reads: one round of waits, not one per feature.
      return (await Promise.all(offering('today').map((m) => m.today!(ctx)))).flat();
    },
    async monthlyReport(db, month, now) {
      return (await Promise.all(offering('monthlyReport').map((m) => m.monthlyReport!(db, month, now)))).flat();
    },
    async topics(db, q) {
      const parts = await Promise.all(offering('topics').map((m) => m.topics!(db, q)));
      return { items: parts.flatMap((p) => p.items), truncated: parts.some((p) => p.truncated) };
    },
    get events() {
      return events();
    },
  };

  return {
    lookupAction(name) {
      const hit = found.get(name);
      if (hit) return hit;
      const feature = featureOfAction.get(name);
      if (feature === undefined) return undefined;
      const def = load(feature).actions[name];
      const action: LookedUpAction = { ...def, name: name as ActionName };
      found.set(name, action);
      return action;
    },
    actionNames: () => [...featureOfAction.keys()] as ActionName[],
    COLLECTIONS: index.collections,
    DEFAULT_RATE_LIMITS: index.rateLimits,
    templateForKind: (kind) => templates.get(kind),
    FEATURE_REGISTRY,
  };
}
