/**
 * 今日待办 as a whole: one list, overdue first, then by deadline, rows without one last; counts
 * per kind and a total for the badge; staff only.
 */
import type { TodayRow } from '../../../../../miniprogram/core/workbench/today';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { BindingRequestView } from '../../../../../miniprogram/core/member/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { compareRows, countRows, orderRows } from '../../../../../cloudfunctions/lib/features/workbench/order';
import { HOUR } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addDepartment, joinAsContact } from '../../../../support/departments';

const row = (key: string, dueAt: number | null, overdue = false): TodayRow => ({
  key, kind: 'concern', kindLabel: '诉求', title: key, reason: '', dueAt, overdue, open: { label: '查看', page: '/staff/concern/index' },
});

describe('the order: overdue first, then the nearest deadline, no deadline last', () => {
  it('sorts a mixed list', () => {
    const rows = [row('none', null), row('later', 300), row('late-new', 250, true), row('soon', 200), row('late-old', 100, true), row('none-late', null, true)];
    expect(orderRows(rows).map((r) => r.key)).toEqual(['late-old', 'late-new', 'none-late', 'soon', 'later', 'none']);
  });
  it('breaks ties by key, so the list does not shuffle between reads', () => {
    expect([row('b', 5), row('a', 5)].sort(compareRows).map((r) => r.key)).toEqual(['a', 'b']);
  });
  it('shows a record raised twice once', () => {
    expect(orderRows([row('x', 1), row('x', 1)])).toHaveLength(1);
  });
  it('counts every kind, zero included', () => {
    const counts = countRows([row('a', 1), { ...row('b', 2), kind: 'hours' }]);
    expect(counts).toMatchObject({ concern: 1, hours: 1, proxy: 0, visit: 0 });
  });
});

describe('workbench.today mixes the features for the caller', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('puts a late concern before a binding request and counts both in the total', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '2单元电梯按钮失灵，老人上下楼很不方便。' }, key());
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', { communityId: 'demo', buildingId: h.ids['2号楼'], unit: '4', room: '401', name: '周大爷' }, key());
    const rec = await h.deps.store.get('concerns', c.id);
    h.clock.set(rec!.contactDueAt + HOUR);
    const v = await h.ok<TodayView>('demo-grid-1', 'workbench.today', {});
    const keys = v.rows.map((r) => r.key);
    expect(keys.indexOf(`concern:${c.id}`)).toBeLessThan(keys.indexOf(`binding:${req.id}`));
    expect(v.rows[0].overdue).toBe(true);
    expect(v.total).toBe(v.rows.length);
    expect(v.counts.concern + v.counts.binding).toBeGreaterThanOrEqual(2);
    expect(Object.values(v.counts).reduce((a, b) => a + b, 0)).toBe(v.total);
    expect(v.more).toBe(false);
    // Ordered as the rule says, whatever the features returned.
    expect(v.rows).toEqual(orderRows(v.rows));
  });

  it('is refused to residents, volunteers and department contacts (they have their own requests list)', async () => {
    await joinAsContact(h, await addDepartment(h), 'dept-contact');
    for (const who of ['demo-resident-1', 'demo-volunteer-1', 'dept-contact']) {
      expect(await h.call(who, 'workbench.today', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
