/**
 * The list of manifests is the one place a feature registers. These tests plant the
 * mistakes a newcomer makes and show the check names each of them.
 */
import { checkManifests, COLLECTIONS, FEATURES, templateForKind } from '../../../cloudfunctions/lib/manifests';
import type { AnyFeatureManifest } from '../../../cloudfunctions/lib/kernel/feature';
import { CONCERN_NOTICES } from '../../../cloudfunctions/lib/features/concern/notices';

const real = Object.values(FEATURES) as unknown as AnyFeatureManifest[];
const withFeature = (extra: AnyFeatureManifest) => [...real, extra];
const base: AnyFeatureManifest = { name: 'petition', actions: {}, collections: {} };

describe('the real manifests', () => {
  it('hold together: every action bound once under its feature, every personal collection exported and erased', () => {
    expect(checkManifests(real)).toEqual([]);
  });
  it('declare every collection the adapters create, with its indexes', () => {
    expect(Object.keys(COLLECTIONS)).toEqual(expect.arrayContaining(['concerns', 'members', 'events', 'inbox', 'bookings', 'rateWindows']));
    expect(COLLECTIONS.concerns).toContainEqual(['wakeAt', '_id']);
  });
  it('give every notice kind its push template, or none for in-app only', () => {
    expect(templateForKind('concern.resolved')).toBe('concernResolved');
    // Staff hear of late items on WeChat too; what only informs them stays in-app.
    expect(templateForKind('concern.overdue')).toBe('staffTask');
    expect(templateForKind('concern.rated')).toBeUndefined();
  });
});

describe('a manifest missing a piece is refused, naming what is missing', () => {
  it('a collection with personal data but no export and erase', () => {
    const poll = { ...base, collections: { signatures: { indexes: [['communityId', 'voterId', 'at']], holds: 'personal' } } } as unknown as AnyFeatureManifest;
    expect(checkManifests(withFeature(poll))).toEqual(['petition: collection signatures holds personal data but personalData does not export and erase it']);
  });
  it('personal data that covers a collection the feature does not declare', () => {
    const poll = { ...base, personalData: { collections: ['signatures'], export: async () => ({ sections: {} }), erase: async () => undefined } } as unknown as AnyFeatureManifest;
    expect(checkManifests(withFeature(poll))).toEqual(['petition: personalData covers signatures, which the feature does not declare']);
  });
  it('a collection another feature already owns', () => {
    const poll = { ...base, collections: { concerns: { indexes: [], holds: 'shared' } } } as unknown as AnyFeatureManifest;
    expect(checkManifests(withFeature(poll))).toEqual(['petition: collection concerns is already declared by concern']);
  });
  it('an action filed under the wrong feature, or bound to another action’s contract', () => {
    const concern = FEATURES.concern.actions;
    const poll = { ...base, actions: { 'concern.get': concern['concern.get'], 'petition.sign': concern['concern.submit'] } } as unknown as AnyFeatureManifest;
    expect(checkManifests(withFeature(poll))).toEqual([
      'petition: action concern.get belongs to another feature',
      'petition: petition.sign is bound to the contract of concern.submit',
    ]);
  });
  it('a contract that no manifest binds', () => {
    const withoutMeta = real.filter((m) => m.name !== 'meta');
    expect(checkManifests(withoutMeta)).toEqual(['action meta.describe has a contract but no manifest binds it']);
  });
  it('a notice kind named for another feature', () => {
    const poll = { ...base, notices: { 'concern.accepted': { audience: 'resident' } } } as unknown as AnyFeatureManifest;
    expect(checkManifests(withFeature(poll))).toEqual([
      'petition: notice kind concern.accepted should be named petition.<what>',
      'petition: notice kind concern.accepted is already declared by concern',
    ]);
  });
});

describe('every concern notice for staff opens a staff page', () => {
  it('is so by construction: the kind’s audience picks the page', () => {
    const staffKinds = Object.entries(CONCERN_NOTICES).filter(([, s]) => s.audience === 'staff').map(([k]) => k);
    expect(staffKinds).toEqual(expect.arrayContaining(['concern.dispatched', 'concern.overdue', 'concern.escalated', 'concern.supplemented']));
  });
});
