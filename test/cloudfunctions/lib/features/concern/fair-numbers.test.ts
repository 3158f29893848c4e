/**
 * Fair numbers as a street office reads them: a missed clock is charged to whoever held the
 * item when it ran out, the colleague who rescued it is not blamed for the lateness she
 * inherited, nobody is ranked who is not a person, and grids compare month by month.
 */
import type { ConcernStats, ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HOUR = 3600_000;
const submit = () => h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '单元门禁坏了，外人随便进出。' }, key());
const stats = (groupBy: ConcernStats['groupBy']) => h.ok<ConcernStats>('demo-admin', 'concern.stats', { from: T0 - 40 * 24 * HOUR, to: T0 + 40 * 24 * HOUR, groupBy });
const row = (s: ConcernStats, memberKey: string) => s.rows.find((r) => r.key === memberKey);

describe('a contact window that ran out on worker A, rescued by B', () => {
  it('is charged to A, and B’s signature in her own window counts as on time', async () => {
    const c = await submit();
    h.clock.advance(25 * HOUR);
    await runSweep(h.deps);
    expect((await h.ok<ConcernView>('demo-admin', 'concern.get', { concernId: c.id })).assignee?.memberId).toBe(member('demo-grid-1b'));
    h.clock.advance(2 * HOUR);
    await h.ok('demo-grid-1b', 'concern.accept', { concernId: c.id });

    const byPerson = await stats('worker');
    expect(row(byPerson, member('demo-grid-1'))!.label).toBe('李秀英');
    expect(row(byPerson, member('demo-grid-1'))!.missedClocks).toBeGreaterThanOrEqual(1);
    expect(row(byPerson, member('demo-grid-1'))!.responseRate).toBe(0);
    expect(row(byPerson, member('demo-grid-1b'))).toMatchObject({ responseRate: 1, missedClocks: 0 });
    // The resident's promise was still broken: the grid's rate, which is the community's
    // promise to residents, still counts it late.
    const grid = (await stats('grid')).rows.find((r) => r.label === '第一网格')!;
    expect(grid.responseRate).not.toBeNull();
    expect(grid.responseRate!).toBeLessThan(1);
    expect(grid.missedClocks).toBeGreaterThanOrEqual(1);
  });
});

describe('a resolve clock that ran out', () => {
  it('is charged once per round to whoever held the item, not to its first responder', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.transfer', { concernId: c.id, toMemberId: member('demo-grid-1b'), reason: '赵丽住在这栋楼，方便上门' });
    await h.ok('demo-grid-1b', 'concern.accept', { concernId: c.id });
    h.clock.advance(8 * 24 * HOUR); // 设施维修 resolves within 7 days
    await runSweep(h.deps);
    h.clock.advance(25 * HOUR); // the next chase goes up the chain; still the same clock
    await runSweep(h.deps);
    const record = await h.deps.store.get('concerns', c.id);
    expect(record?.clockMisses).toEqual([{ clock: 'resolve', holderId: member('demo-grid-1b'), round: 0, at: expect.any(Number) }]);
    expect(row(await stats('worker'), member('demo-grid-1b'))!.missedClocks).toBeGreaterThanOrEqual(1);
  });
});

describe('rows that stand for nobody', () => {
  it('are shown, marked, and never ranked', async () => {
    for (let i = 0; i < 6; i += 1) await submit();
    const s = await stats('worker');
    const unsigned = row(s, 'unsigned');
    expect(unsigned).toMatchObject({ label: '尚未签收', person: false });
    expect(unsigned!.total).toBeGreaterThanOrEqual(6);
    expect(unsigned!.rank).toBeUndefined();
    expect(s.rows.filter((r) => r.person === false).every((r) => r.rank === undefined)).toBe(true);
  });
});

describe('grid × month', () => {
  it('gives one row per grid and month, labelled with both', async () => {
    await submit();
    const s = await stats('gridMonth');
    expect(s.groupBy).toBe('gridMonth');
    expect(s.rows.length).toBeGreaterThan(0);
    for (const r of s.rows) expect(r.label).toMatch(/ · \d{4}年\d{1,2}月$/);
    expect(s.rows.map((r) => r.label)).toContain('第一网格 · 2026年11月');
  });
});
