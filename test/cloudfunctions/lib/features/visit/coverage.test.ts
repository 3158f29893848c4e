/**
 * 走访覆盖 against hand-counted fixtures: households visited ÷ households of the grid, the
 * households nobody visited and who raised nothing for 90 days, and the care households —
 * and the same figures on 今日待办 and in the monthly report.
 */
import { makeContext } from '../../../../../cloudfunctions/lib/kernel/action';
import { resolveCaller, type IdentifiedCaller } from '../../../../../cloudfunctions/lib/kernel/caller';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { FEATURE_REGISTRY } from '../../../../../cloudfunctions/lib/manifests';
import { visitManifest } from '../../../../../cloudfunctions/lib/features/visit/manifest';
import { monthSpan } from '../../../../../cloudfunctions/lib/kernel/months';
import type { CoverageView } from '../../../../../miniprogram/core/visit/contract';
import { createHarness, key, T0, type Harness } from '../../../../support/harness';
import { DAY, makeHouseholds } from './support';

const HOUR = 3600_000;
let h: Harness;
let A: string; // 1号楼 3单元 301: visited twice in November
let B: string; // 1号楼 3单元 302: visited once in November, elderly
let C: string; // 2号楼 2单元 201: visited once in October, special care
let D: string; // 2号楼 1单元 201: on the roll from the seed, never contacted
let E: string; // 1号楼 1单元 101: 刘阿姨's, who raises concerns
let grid1: string;
let grid2: string;

async function logAt(householdId: string, at: number) {
  await h.ok('demo-grid-1', 'visit.log', { householdId, visitor: { kind: 'self' }, visitedAt: at, channel: 'door', topics: ['cat_demo_repair'] }, key());
}
const coverage = (openid: string, gridId: string, month: string) => h.ok<CoverageView>(openid, 'visit.coverage', { gridId, month });

beforeEach(async () => {
  h = await createHarness();
  grid1 = h.ids['第一网格'];
  grid2 = h.ids['第二网格'];
  [A, B, C] = await makeHouseholds(h, [['1号楼', '3', '301'], ['1号楼', '3', '302'], ['2号楼', '2', '201']]);
  const find = async (b: string, unit: string, room: string) =>
    (await h.ok<{ items: Array<{ household?: { id: string } }> }>('demo-admin', 'member.find', { buildingId: h.ids[b], unit, room })).items[0].household!.id;
  D = await find('2号楼', '1', '201');
  E = await find('1号楼', '1', '101');
  await logAt(A, T0 - 2 * DAY);
  await logAt(A, T0 - HOUR);
  await logAt(B, T0 - 10 * DAY);
  await logAt(C, T0 - 29 * DAY);
  await h.ok('demo-grid-1', 'visit.setCare', { householdId: B, elderly: true, specialCare: false });
  await h.ok('demo-grid-1', 'visit.setCare', { householdId: C, elderly: false, specialCare: true });
});
afterEach(() => h.close());

describe('the rate counts households visited in the month over the grid’s households', () => {
  it('November: A (twice) and B of five households', async () => {
    const c = await coverage('demo-grid-1', grid1, '2026-11');
    expect(c).toMatchObject({ gridName: '第一网格', visited: 2, households: 5, percent: 40, rateText: '2/5（40%）', visits: 3 });
  });
  it('October: C alone', async () => {
    expect(await coverage('demo-grid-1', grid1, '2026-10')).toMatchObject({ visited: 1, households: 5, percent: 20, visits: 1 });
  });
  it('the other grid’s figures are its own', async () => {
    expect(await coverage('demo-admin', grid2, '2026-11')).toMatchObject({ visited: 0, households: 2, percent: 0, rateText: '0/2（0%）' });
  });
});

describe('households with no visit and no concern for 90 days are listed, longest silent first', () => {
  it('nobody is silent while everyone was just put on the roll or visited', async () => {
    expect((await coverage('demo-grid-1', grid1, '2026-11')).noContact).toEqual([]);
  });
  it('a hundred days on, every household but the one that raised a concern', async () => {
    h.clock.set(T0 + 100 * DAY);
    await h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼下的路灯又坏了，晚上很黑。' }, key());
    const c = await coverage('demo-grid-1', grid1, '2027-03');
    expect(c).toMatchObject({ visited: 0, households: 5, percent: 0 });
    expect(c.noContact.map((n) => [n.householdId, n.reason])).toEqual([
      [C, '129天未联系'],
      [B, '110天未联系'],
      [A, '100天未联系'],
      [D, '登记100天，尚未联系'],
    ]);
    expect(c.noContact.map((n) => n.householdId)).not.toContain(E);
    expect(c.noContact[0]).toMatchObject({ address: '2号楼 2单元 201室', lastContactAt: T0 - 29 * DAY, care: { specialCare: true, text: '特殊关爱' } });
  });
});

describe('care households are flagged with their last contact', () => {
  it('lists B and C, longest silent first', async () => {
    const c = await coverage('demo-grid-1', grid1, '2026-11');
    expect(c.care.map((n) => [n.householdId, n.care.text])).toEqual([[C, '特殊关爱'], [B, '高龄/独居']]);
  });
  it('clearing both flags takes a household off the list', async () => {
    await h.ok('demo-grid-1', 'visit.setCare', { householdId: B, elderly: false, specialCare: false });
    expect((await coverage('demo-grid-1', grid1, '2026-11')).care.map((n) => n.householdId)).toEqual([C]);
  });
});

describe('coverage is read only within the caller’s grids', () => {
  it('another grid reads as missing for a grid worker; residents are refused', async () => {
    expect(await h.call('demo-grid-2', 'visit.coverage', { gridId: grid1, month: '2026-11' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-grid-2', 'visit.list', { gridId: grid1, month: '2026-11' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-grid-2', 'visit.list', { householdId: A })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-resident-1', 'visit.coverage', { gridId: grid1, month: '2026-11' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-resident-1', 'visit.list', { householdId: E })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('visit.list pages a household’s or a grid-month’s visits, newest first', () => {
  it('a household', async () => {
    const l = await h.ok<{ items: Array<{ visitedAt: number }> }>('demo-grid-1', 'visit.list', { householdId: A });
    expect(l.items.map((v) => v.visitedAt)).toEqual([T0 - HOUR, T0 - 2 * DAY]);
  });
  it('a grid and month, in pages', async () => {
    const first = await h.ok<{ items: Array<{ householdId: string }>; next?: string }>('demo-grid-1', 'visit.list', { gridId: grid1, month: '2026-11', limit: 2 });
    expect(first.items.map((v) => v.householdId)).toEqual([A, A]);
    const second = await h.ok<{ items: Array<{ householdId: string }>; next?: string }>('demo-grid-1', 'visit.list', { gridId: grid1, month: '2026-11', limit: 2, cursor: first.next });
    expect(second.items.map((v) => v.householdId)).toEqual([B]);
    expect(second.next).toBeUndefined();
  });
});

describe('visit.setCare is staff of the household’s grid and admins only', () => {
  it('another grid’s worker is refused and the flags stay', async () => {
    expect(await h.call('demo-grid-2', 'visit.setCare', { householdId: B, elderly: false, specialCare: false })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-resident-1', 'visit.setCare', { householdId: E, elderly: true, specialCare: false })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.ok('demo-admin', 'visit.setCare', { householdId: B, elderly: true, specialCare: true })).toMatchObject({ text: '高龄/独居、特殊关爱' });
  });
  it('leaves the household’s roll record untouched', async () => {
    const before = await h.deps.store.get('households', B);
    await h.ok('demo-grid-1', 'visit.setCare', { householdId: B, elderly: false, specialCare: true });
    expect(await h.deps.store.get('households', B)).toEqual(before);
  });
});

async function todayOf(openid: string) {
  const caller = (await resolveCaller(openid, h.deps)) as IdentifiedCaller;
  return visitManifest.today(makeContext(h.deps, FEATURE_REGISTRY, caller, {}, h.clock.now()) as Parameters<typeof visitManifest.today>[0]);
}

describe('今日待办: a grid worker’s households due a contact', () => {
  it('lists care households silent for 30 days, longest silent first', async () => {
    h.clock.set(T0 + 40 * DAY);
    const rows = await todayOf('demo-grid-1');
    expect(rows.map((r) => [r.key, r.title, r.reason, r.dueAt])).toEqual([
      [`visit:${C}`, '2号楼 2单元 201室（特殊关爱）', '69天未联系', T0 + DAY],
      [`visit:${B}`, '1号楼 3单元 302室（高龄/独居）', '50天未联系', T0 + 20 * DAY],
    ]);
    expect(rows[0]).toMatchObject({ kind: 'visit', kindLabel: '走访', overdue: true, open: { label: '走访' } });
    expect(rows[0].open.page).toBe(`/staff/visit-log/index?householdId=${encodeURIComponent(C)}&label=${encodeURIComponent('2号楼 2单元 201室')}`);
  });
  it('leaves households without care flags to the coverage page, however long silent', async () => {
    h.clock.set(T0 + 100 * DAY);
    const rows = await todayOf('demo-grid-1');
    expect(rows.map((r) => r.key)).toEqual([C, B].map((x) => `visit:${x}`));
  });
  it('the other grid’s worker sees none of grid 1; residents and admins get no rows', async () => {
    h.clock.set(T0 + 100 * DAY);
    const rows = await todayOf('demo-grid-2');
    expect(rows.map((r) => r.key).some((k) => [A, B, C, D, E].some((x) => k === `visit:${x}`))).toBe(false);
    expect(await todayOf('demo-resident-1')).toEqual([]);
    expect(await todayOf('demo-admin')).toEqual([]);
  });
  it('reaches the registry’s merged list', async () => {
    h.clock.set(T0 + 40 * DAY);
    const caller = (await resolveCaller('demo-grid-1', h.deps)) as IdentifiedCaller;
    const all = await FEATURE_REGISTRY.today(makeContext(h.deps, FEATURE_REGISTRY, caller, {}, h.clock.now()) as Parameters<typeof FEATURE_REGISTRY.today>[0]);
    expect(all.filter((r) => r.kind === 'visit')).toHaveLength(2);
  });
});

describe('the monthly report’s visits part', () => {
  it('counts visits, coverage per grid and care households not contacted', async () => {
    const parts = await visitManifest.monthlyReport(new ScopedStore(h.deps.store, 'demo'), monthSpan('2026-11'), T0 + 10 * DAY);
    expect(parts).toHaveLength(1);
    const [p] = parts;
    expect(p.key).toBe('visits');
    expect(p.figures).toEqual([
      { label: '登记走访', value: 3, text: '3次' },
      { label: '走访覆盖', value: 2, of: 7, text: '2/7（28%）' },
      // By November's end: B last seen 12 days before, C 32 days before.
      { label: '关爱户30天未联系', value: 1, of: 2, text: '1/2户' },
    ]);
    expect(p.table).toEqual({
      columns: ['网格', '走访次数', '走访户数/总户数', '关爱户30天未联系'],
      rows: [['第一网格', '3', '2/5（40%）', '1/2'], ['第二网格', '0', '0/2（0%）', '0/0']],
    });
  });
});
