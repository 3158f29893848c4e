/**
 * The tables over the features (registry.ts) ask the loader for a feature only when one of
 * its actions or hooks is used: the `api` bundle's loader then builds it (test/dev/lazy-api).
 */
import { FEATURES, MANIFEST_INDEX } from '../../../cloudfunctions/lib/manifests';
import { createRegistry } from '../../../cloudfunctions/lib/registry';
import type { AnyFeatureManifest } from '../../../cloudfunctions/lib/kernel/feature';

function counting() {
  const asked: string[] = [];
  const registry = createRegistry(MANIFEST_INDEX, (feature) => {
    asked.push(feature);
    return (FEATURES as unknown as Record<string, AnyFeatureManifest>)[feature];
  });
  return { asked, registry };
}

describe('the registry loads a feature on first use', () => {
  it('asks for nothing to list actions, collections, limits or templates', () => {
    const { asked, registry } = counting();
    expect(registry.actionNames()).toContain('poll.vote');
    expect(registry.COLLECTIONS.concerns).toBeDefined();
    expect(registry.COLLECTIONS.events).toBeDefined();
    expect(registry.DEFAULT_RATE_LIMITS['concern.submit']).toBeDefined();
    expect(registry.templateForKind('concern.dispatched')).toBe('staffTask');
    expect(registry.templateForKind('concern.rated')).toBeUndefined();
    expect(asked).toEqual([]);
  });
  it('asks for the feature of the action looked up, once, and for nothing on an unknown name', () => {
    const { asked, registry } = counting();
    expect(registry.lookupAction('__proto__')).toBeUndefined();
    expect(registry.lookupAction('constructor')).toBeUndefined();
    expect(registry.lookupAction('poll.nope')).toBeUndefined();
    expect(asked).toEqual([]);
    const vote = registry.lookupAction('poll.vote');
    expect(vote).toMatchObject({ name: 'poll.vote', contract: { name: 'poll.vote' } });
    expect(registry.lookupAction('poll.vote')).toBe(vote);
    expect(asked).toEqual(['poll']);
  });
  it('asks, for a hook, only the features that offer it, in manifest order', async () => {
    const { asked, registry } = counting();
    expect(registry.FEATURE_REGISTRY.subject('nothing')).toBeUndefined();
    expect(registry.FEATURE_REGISTRY.subject('concern')).toBeDefined();
    expect(asked).toEqual(['concern']);
    asked.length = 0;
    void registry.FEATURE_REGISTRY.today({} as never).catch(() => undefined);
    const offering = Object.values(FEATURES as unknown as Record<string, AnyFeatureManifest>).filter((m) => m.today).map((m) => m.name);
    expect(asked).toEqual(offering);
    expect(offering.length).toBeLessThan(Object.keys(FEATURES).length);
  });
});
