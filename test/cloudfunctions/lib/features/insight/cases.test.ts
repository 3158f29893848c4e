/**
 * Deciding a 未诉先办 case: accepted as a motion (through motion.propose) or as a task with
 * an owner and a due date, or dismissed with a reason; decided once; closed by its owner;
 * and its rows of 今日待办 and its part of the monthly report.
 */
import type { CaseView } from '../../../../../miniprogram/core/insight/contract';
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import type { TodayRow } from '../../../../../miniprogram/core/workbench/today';
import { memberIdFor } from '../../../../../cloudfunctions/lib/kernel/caller';
import { makeContext, type HandlerContext } from '../../../../../cloudfunctions/lib/kernel/action';
import { resolveCaller } from '../../../../../cloudfunctions/lib/kernel/caller';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { FEATURE_REGISTRY } from '../../../../../cloudfunctions/lib/manifests';
import { insightMonthlyReport } from '../../../../../cloudfunctions/lib/features/insight/report';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { codeOf, concernAt, pathOf, R2 } from './fixtures';

const DAY = 86_400_000;
let h: Harness;
let c: CaseView;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  const t0 = h.clock.now();
  await concernAt(h, R2, t0 + 1000, '1号楼', 'repair');
  await concernAt(h, R2, t0 + 2000, '1号楼', 'repair');
  await runSweep(h.deps);
  [c] = (await h.ok<{ items: CaseView[] }>('demo-grid-1', 'insight.cases', {})).items;
});
afterEach(() => h.close());

const task = () => ({ caseId: c.caseId, kind: 'task', ownerId: memberIdFor('demo-grid-1'), dueAt: h.clock.now() + 5 * DAY, note: '排查1号楼全部楼道灯' });

/** The caller's 今日待办 rows of 未诉先办 (other features add their own to the same list). */
async function today(openid: string): Promise<TodayRow[]> {
  const caller = await resolveCaller(openid, h.deps);
  const rows = await FEATURE_REGISTRY.today(makeContext(h.deps, FEATURE_REGISTRY, caller, {}, h.clock.now()) as HandlerContext<unknown>);
  return rows.filter((r) => r.kind === 'case');
}

describe('a proposed case waits on 今日待办 for a decision', () => {
  it('is a row for grid 1 and the admins, not for grid 2', async () => {
    const rows = await today('demo-grid-1');
    expect(rows).toEqual([expect.objectContaining({ key: `case:${c.caseId}`, kind: 'case', kindLabel: '未诉先办', title: '1号楼 · 设施维修', overdue: false, open: { label: '研判', page: `/staff/cases/index?id=${c.caseId}` } })]);
    expect(rows[0].reason).toMatch(/^30天内3件，请在.+前研判$/);
    expect(await today('demo-admin')).toHaveLength(1);
    expect(await today('demo-grid-2')).toEqual([]);
    expect(c.allowedActions).toEqual(['insight.decideCase']);
  });
});

describe('accepting makes it a tracked task', () => {
  it('records the owner and due date, tells the owner, and shows on 今日待办 as it nears', async () => {
    const done = await h.ok<CaseView>('demo-admin', 'insight.decideCase', task(), key());
    expect(done).toMatchObject({ state: 'accepted', decision: { kind: 'task', owner: { memberId: memberIdFor('demo-grid-1'), name: '李秀英' }, overdue: false } });
    const inbox = await h.ok<{ items: Array<{ kind: string }> }>('demo-grid-1', 'notify.inbox', {});
    expect(inbox.items.map((m) => m.kind)).toContain('insight.taskAssigned');
    expect(await today('demo-grid-1')).toEqual([]);
    h.clock.set(h.clock.now() + 3 * DAY);
    const [row] = await today('demo-grid-1');
    expect(row).toMatchObject({ kind: 'case', open: { label: '查看任务' } });
    h.clock.set(h.clock.now() + 3 * DAY);
    expect((await today('demo-grid-1'))[0]).toMatchObject({ overdue: true });
  });
  it('is closed by its owner with a summary', async () => {
    await h.ok('demo-admin', 'insight.decideCase', task(), key());
    expect(codeOf(await h.call('demo-grid-2', 'insight.closeCase', { caseId: c.caseId, summary: '已更换全部灯具' }))).toBe('NOT_FOUND');
    const closed = await h.ok<CaseView>('demo-grid-1', 'insight.closeCase', { caseId: c.caseId, summary: '已更换全部灯具' });
    expect(closed).toMatchObject({ state: 'closed', closed: { by: '李秀英', summary: '已更换全部灯具' } });
    expect((await h.ok<{ items: CaseView[] }>('demo-admin', 'insight.cases', { when: 'closed' })).items.map((x) => x.caseId)).toEqual([c.caseId]);
  });
  it('refuses an owner who is not staff, and a due date in the past', async () => {
    const notStaff = await h.call('demo-admin', 'insight.decideCase', { ...task(), ownerId: memberIdFor('demo-resident-1') }, key());
    expect(pathOf(notStaff)).toBe('ownerId');
    const past = await h.call('demo-admin', 'insight.decideCase', { ...task(), dueAt: h.clock.now() - 1 }, key());
    expect(pathOf(past)).toBe('dueAt');
  });
});

describe('accepting as a motion goes through motion.propose', () => {
  it('proposes the motion for the building, once, and points the case at it', async () => {
    const input = { caseId: c.caseId, kind: 'motion', title: '1号楼楼道照明整体改造', body: '一个月内多次反映楼道灯损坏，建议整体更换为感应灯。' };
    const done = await h.ok<CaseView>('demo-grid-1', 'insight.decideCase', input, key());
    expect(done.decision).toMatchObject({ kind: 'motion', by: '李秀英' });
    const motion = await h.ok<MotionView>('demo-grid-1', 'motion.get', { motionId: done.decision!.motionId });
    expect(motion).toMatchObject({ title: '1号楼楼道照明整体改造', moverName: '社区居委会' });
    // A retry of the same decision returns the case; the motion stays one.
    expect((await h.ok<CaseView>('demo-grid-1', 'insight.decideCase', input, key())).state).toBe('accepted');
    const motions = await h.deps.store.query('motions', { where: { communityId: 'demo', status: 'collecting' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 10 });
    expect(motions.items).toHaveLength(1);
  });
});

describe('dismissing needs a reason; a case is decided once', () => {
  it('refuses a dismissal without a reason', async () => {
    const res = await h.call('demo-admin', 'insight.decideCase', { caseId: c.caseId, kind: 'dismiss' }, key());
    expect(codeOf(res)).toBe('VALIDATION_ERROR');
    expect(pathOf(res)).toBe('reason');
  });
  it('dismisses with a reason, and a second decision is CONFLICT', async () => {
    const done = await h.ok<CaseView>('demo-admin', 'insight.decideCase', { caseId: c.caseId, kind: 'dismiss', reason: '同一户重复反映，已单独处理' }, key());
    expect(done).toMatchObject({ state: 'dismissed', decision: { kind: 'dismiss', reason: '同一户重复反映，已单独处理' }, allowedActions: [] });
    expect(codeOf(await h.call('demo-grid-1', 'insight.decideCase', task(), key()))).toBe('CONFLICT');
    expect(codeOf(await h.call('demo-admin', 'insight.decideCase', task(), key()))).toBe('CONFLICT');
  });
  it('two staff deciding at once: one wins, the other is CONFLICT', async () => {
    const [a, b] = await Promise.all([
      h.call('demo-admin', 'insight.decideCase', { caseId: c.caseId, kind: 'dismiss', reason: '已列入物业月度计划' }, key()),
      h.call('demo-grid-1', 'insight.decideCase', task(), key()),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
  });
  it('hides the case from another grid’s worker', async () => {
    expect(codeOf(await h.call('demo-grid-2', 'insight.decideCase', task(), key()))).toBe('NOT_FOUND');
  });
  it('writes the decision to the audit trail', async () => {
    h.clock.set(h.clock.now() + 60_000);
    await h.ok('demo-admin', 'insight.decideCase', { caseId: c.caseId, kind: 'dismiss', reason: '已列入物业月度计划' }, key());
    const events = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `insightCase:${c.caseId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(events.items.map((e) => [e.type, e.note])).toEqual([['insight.caseProposed', expect.any(String)], ['insight.caseDismissed', '已列入物业月度计划']]);
  });
});

describe('the monthly report’s cases part', () => {
  it('counts the month’s cases opened, accepted, dismissed and closed', async () => {
    await h.ok('demo-admin', 'insight.decideCase', task(), key());
    await h.ok('demo-grid-1', 'insight.closeCase', { caseId: c.caseId, summary: '已更换全部灯具' });
    const month = { month: '2026-11', start: Date.UTC(2026, 9, 31, 16), end: Date.UTC(2026, 10, 30, 16) };
    const [part] = await insightMonthlyReport(new ScopedStore(h.deps.store, 'demo'), month, h.clock.now());
    expect(part.key).toBe('cases');
    expect(part.figures.map((f) => [f.label, f.value])).toEqual([['新提示案例', 1], ['立项', 1], ['不予立项', 0], ['办结', 1]]);
    const parts = await FEATURE_REGISTRY.monthlyReport(new ScopedStore(h.deps.store, 'demo'), month, h.clock.now());
    expect(parts.map((p) => p.key)).toContain('cases');
  });
});
