/**
 * 今日待办's concern rows: a concern near or past its clock is on its handler's list with the
 * time left and one-tap 签收; under 督办 it is on the grid leader's; the other grid sees none of it.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { HOUR, DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const lamp = () => ({ category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '2单元电梯按钮失灵，老人上下楼很不方便。' });
const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});
const rowOf = (v: TodayView, key: string) => v.rows.find((r) => r.key === key);

describe('an unsigned concern near its contact clock is on its signer’s list with 签收', () => {
  it('is absent while the clock is young, then says the time left and offers 签收', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    const fresh = await h.deps.store.get('concerns', c.id);
    expect(rowOf(await today('demo-grid-1'), `concern:${c.id}`)).toBeUndefined();
    // Two hours before the signing window closes.
    h.clock.set(fresh!.contactDueAt - 2 * HOUR);
    const row = rowOf(await today('demo-grid-1'), `concern:${c.id}`);
    expect(row).toMatchObject({ kindLabel: '诉求', reason: '签收还剩2小时超时', overdue: false, dueAt: fresh!.contactDueAt });
    expect(row?.title).toContain(c.number);
    expect(row?.open.page).toBe(`/staff/concern/index?id=${c.id}`);
    expect(row?.act).toEqual({ label: '签收', action: 'concern.accept', input: { concernId: c.id } });
    expect(rowOf(await today('demo-grid-2'), `concern:${c.id}`)).toBeUndefined();
  });
  it('is back on the list, without 签收, in the last quarter of the resolve clock', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const rec = (await h.deps.store.get('concerns', c.id))!;
    h.clock.set(rec.resolveDueAt - (rec.resolveDays * DAY) / 4 + HOUR);
    const row = rowOf(await today('demo-grid-1'), `concern:${c.id}`);
    expect(row?.reason).toMatch(/^办结还剩\d+(天|小时)超时$/);
    expect(row?.act).toBeUndefined();
    expect(rowOf(await today('demo-grid-2'), `concern:${c.id}`)).toBeUndefined();
  });
  it('leaves the list once signed, while the resolve clock is young', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    expect(rowOf(await today('demo-grid-1'), `concern:${c.id}`)).toBeUndefined();
  });
});

describe('a signed concern past its resolve clock is on its handler’s list as late, and on the leader’s as 督办', () => {
  it('says how late it is, first on the list', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const rec = await h.deps.store.get('concerns', c.id);
    h.clock.set(rec!.resolveDueAt + DAY + HOUR);
    await runSweep(h.deps);
    const mine = await today('demo-grid-1');
    expect(rowOf(mine, `concern:${c.id}`)).toMatchObject({ reason: '办结已超时1天', overdue: true });
    expect(rowOf(mine, `concern:${c.id}`)?.act).toBeUndefined();
    expect(mine.rows[0].overdue).toBe(true);
    expect(rowOf(await today('demo-grid-2'), `concern:${c.id}`)).toBeUndefined();
    const leader = await today('demo-leader');
    expect(rowOf(leader, `supervision:${c.id}`)).toMatchObject({ kindLabel: '督办', overdue: true, open: { label: '查看', page: `/staff/concern/index?id=${c.id}` } });
    expect(rowOf(leader, `supervision:${c.id}`)?.reason).toContain('已超时1天');
  });
});

describe('the community’s shared queue is on the admins’ list', () => {
  it('shows an unsigned concern no grid worker holds', async () => {
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第一网格'], name: '第一网格' });
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', lamp(), key());
    const rec = await h.deps.store.get('concerns', c.id);
    h.clock.set(rec!.contactDueAt + HOUR);
    const row = rowOf(await today('demo-admin'), `concern:${c.id}`);
    expect(row).toMatchObject({ overdue: true, reason: '签收已超时1小时' });
    expect(member('demo-admin')).toBeTruthy();
  });
});
