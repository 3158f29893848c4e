/**
 * 公开目录: the seven builtin categories with their legal cadence, seeded when a community
 * opens and — for one opened before 居务公开 existed — on first use; admins add their own
 * and adjust cadences, the builtin ones keeping their names.
 */
import type { CategoryView } from '../../../../../miniprogram/core/disclosure/contract';
import { BUILTIN_CATEGORIES } from '../../../../../miniprogram/core/disclosure/vocabulary';
import { createHarness, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const catalogue = async (who = 'demo-resident-1') => (await h.ok<{ categories: CategoryView[] }>(who, 'disclosure.catalogue', {})).categories;

describe('the builtin catalogue', () => {
  it('lists the seven categories in order, each with its cadence, to everyone in the community', async () => {
    const cats = await catalogue();
    expect(cats.map((c) => c.key)).toEqual([...BUILTIN_CATEGORIES]);
    expect(cats[0]).toMatchObject({ label: '决定事项及实施', cadence: { kind: 'immediate', hours: 24 }, cadenceText: '随时公开（事项发生后24小时内）', builtin: true, publishedCount: 0, latest: null });
    expect(cats[1]).toMatchObject({ label: '财务收支', cadence: { kind: 'quarterly', dueDay: 15 }, cadenceText: '每季度公开，次季度首月15日前' });
    expect(cats[6]).toMatchObject({ key: 'charter', label: '居民公约与自治章程' });
  });
  it('is seeded on first use for a community opened before 居务公开, once however many read at once', async () => {
    // Through the api's own store, so the instance forgets what the seed showed it, as one
    // that starts on an older community would never have held it.
    for (const k of BUILTIN_CATEGORIES) await h.referenceCache.remove('disclosureCategories', `dcat_demo_${k}`);
    const lists = await Promise.all([catalogue('demo-resident-1'), catalogue('demo-grid-1'), catalogue('demo-admin')]);
    for (const l of lists) expect(l.map((c) => c.key)).toEqual([...BUILTIN_CATEGORIES]);
  });
});

describe('admins adjust the catalogue', () => {
  it('changes a builtin cadence, with the resolution that decided it, but not its name', async () => {
    expect(await h.call('demo-admin', 'disclosure.setCategory', { key: 'finance', label: '财务', cadence: { kind: 'monthly', dueDay: 10 } })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'label' }] } } });
    expect(await h.call('demo-admin', 'disclosure.setCategory', { key: 'finance', label: '财务收支', cadence: { kind: 'monthly', dueDay: 10 }, basisResolutionId: 'rs_nowhere_it1' })).toMatchObject({ error: { code: 'NOT_FOUND', details: { issues: [{ path: 'basisResolutionId' }] } } });
    const res = await h.ok<{ categories: CategoryView[] }>('demo-admin', 'disclosure.setCategory', { key: 'finance', label: '财务收支', cadence: { kind: 'monthly', dueDay: 10 } });
    expect(res.categories.find((c) => c.key === 'finance')).toMatchObject({ cadence: { kind: 'monthly', dueDay: 10 }, cadenceText: '每月公开，次月10日前' });
    const events = await h.deps.store.query('events', { where: { communityId: 'demo', type: 'disclosure.categorySet' }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(events.items).toMatchObject([{ subject: 'disclosureCategory:dcat_demo_finance', note: '财务收支：每月公开，次月10日前' }]);
  });
  it('adds the community’s own category after the builtin ones; a name once', async () => {
    const res = await h.ok<{ categories: CategoryView[] }>('demo-admin', 'disclosure.setCategory', { label: '物业服务', cadence: { kind: 'withinDays', days: 5 } });
    expect(res.categories).toHaveLength(8);
    expect(res.categories[7]).toMatchObject({ label: '物业服务', builtin: false, cadenceText: '审批或决定后5日内公开', key: expect.stringMatching(/^c[0-9a-f]{12}$/) });
    expect(await h.call('demo-admin', 'disclosure.setCategory', { label: '物业服务', cadence: { kind: 'quarterly', dueDay: 15 } })).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ path: 'label' }] } } });
    expect(await h.call('demo-admin', 'disclosure.setCategory', { label: '财务收支', cadence: { kind: 'quarterly', dueDay: 15 } })).toMatchObject({ error: { code: 'CONFLICT' } });
    // Its own category may be renamed.
    const renamed = await h.ok<{ categories: CategoryView[] }>('demo-admin', 'disclosure.setCategory', { key: res.categories[7].key, label: '物业服务与收费', cadence: { kind: 'withinDays', days: 5 } });
    expect(renamed.categories[7].label).toBe('物业服务与收费');
  });
  it('only admins', async () => {
    for (const who of ['demo-grid-1', 'demo-resident-1']) {
      expect(await h.call(who, 'disclosure.setCategory', { key: 'finance', label: '财务收支', cadence: { kind: 'monthly', dueDay: 10 } })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
  });
});
