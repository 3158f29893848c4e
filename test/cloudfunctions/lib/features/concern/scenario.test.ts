/**
 * The whole life of one concern, as the issue describes it, with the timeline and the
 * three rates checked at each step: submit → A → A away → B → B signs → whistle →
 * department reports → resolved → "not resolved" → supervised → resolved → 5 stars → closed.
 */
import type { ConcernStats, ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { addDepartment } from '../../../../support/departments';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const HOUR = 3600_000;
const labels = (c: ConcernView) => c.timeline.map((e) => e.label);

async function stats(): Promise<ConcernStats> {
  return h.ok<ConcernStats>('demo-admin', 'concern.stats', { from: T0 - 1, to: T0 + 60 * 24 * HOUR, groupBy: 'grid' });
}

describe('one concern from intake to archive', () => {
  let c: ConcernView;

  it('is routed to worker A of the building’s grid', async () => {
    c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', {
      category: 'cat_demo_repair', buildingId: h.ids['2号楼'], text: '2号楼东侧路灯坏了，晚上一片漆黑，老人出门不安全。',
    }, key());
    expect(c.assignee?.memberId).toBe(member('demo-grid-1'));
    expect(c.allowedActions).toEqual(expect.arrayContaining(['concern.supplement', 'concern.withdraw']));
    expect(c.allowedActions).not.toContain('concern.accept');
  });

  it('moves to worker B when A is marked away', async () => {
    h.clock.advance(HOUR);
    await h.ok('demo-grid-1', 'staff.setAway', { away: true });
    const view = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(view.assignee?.memberId).toBe(member('demo-grid-1b'));
    expect(labels(view)).toEqual(['已收到', '已交给网格员', '已转给其他工作人员']);
  });

  it('is signed by B, who becomes the first responder', async () => {
    h.clock.advance(HOUR);
    const view = await h.ok<ConcernView>('demo-grid-1b', 'concern.accept', { concernId: c.id });
    expect(view).toMatchObject({ status: 'accepted', firstResponder: { memberId: member('demo-grid-1b'), name: '赵丽' } });
    expect((await stats()).overall).toMatchObject({ total: 3, responseRate: 1, medianMinutesToSign: 120 });
  });

  it('is whistled to a department, which stops the clock until it reports back', async () => {
    const before = await h.ok<ConcernView>('demo-grid-1b', 'concern.get', { concernId: c.id });
    const whistled = await h.ok<ConcernView>('demo-grid-1b', 'concern.whistle', { concernId: c.id, departmentId: await addDepartment(h, '街道城管科', { kind: 'cityManagement' }), note: '路灯属市政管理，需更换灯杆线路', replyDays: 3 });
    expect(whistled).toMatchObject({ status: 'coordinating', whistle: { department: '街道城管科' }, pausedSince: h.clock.now() });
    h.clock.advance(48 * HOUR);
    const back = await h.ok<ConcernView>('demo-grid-1b', 'concern.reportBack', { concernId: c.id, text: '已安排明天更换线路' });
    expect(back.status).toBe('accepted');
    expect(back.resolveDueAt).toBe(before.resolveDueAt + 48 * HOUR);
    expect(back.whistle).toBeUndefined();
  });

  it('is resolved and the resident says it is not', async () => {
    h.clock.advance(24 * HOUR);
    const resolved = await h.ok<ConcernView>('demo-grid-1b', 'concern.resolve', { concernId: c.id, summary: '已更换路灯线路，恢复照明' });
    expect(resolved.status).toBe('resolved');
    const mine = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['concern.rate', 'concern.reopen']));
    const rated = await h.ok<ConcernView>('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: false, satisfaction: 2, comment: '只亮了一晚又灭了' });
    expect(rated).toMatchObject({ status: 'supervised', statusLabel: '正在重新办理', escalationLevel: 1 });
    expect(rated.allowedActions).not.toContain('concern.rate');
    const s = await stats();
    expect(s.overall).toMatchObject({ rated: 1, resolutionRate: 0, satisfactionRate: 0 });
  });

  it('is resolved again, rated 5 and archived', async () => {
    h.clock.advance(24 * HOUR);
    await h.ok('demo-grid-1b', 'concern.resolve', { concernId: c.id, summary: '更换了灯具和控制器，连续观察三晚正常' });
    const closed = await h.ok<ConcernView>('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5, comment: '谢谢赵丽！' });
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已结束', rating: { resolved: true, satisfaction: 5 } });
    expect(closed.allowedActions).toEqual(['concern.get']);
    expect(labels(closed)).toEqual([
      '已收到', '已交给网格员', '已转给其他工作人员', '工作人员已开始办理', '正在协调相关部门', '部门已回复', '已办好', '居民评价', '已办好', '居民评价',
    ]);
    const staffView = await h.ok<ConcernView>('demo-grid-1b', 'concern.get', { concernId: c.id });
    // Archived: nothing left to do but read it (and report its words if they are abusive).
    expect(staffView.allowedActions).toEqual(['concern.get', 'moderation.report']);
    const s = await stats();
    expect(s.overall).toMatchObject({ rated: 1, resolutionRate: 1, satisfactionRate: 1 });
    const grid1 = s.rows.find((r) => r.key === h.ids['第一网格'])!;
    // 1 h + 1 h + 48 h (whistle) + 24 h from submit to the first resolution.
    expect(grid1.medianHoursToResolve).toBe(74);
  });

  it('is archived: no resident or staff action changes it any more', async () => {
    expect(await h.call('demo-resident-1', 'concern.reopen', { concernId: c.id, reason: '又坏了' })).toMatchObject({ error: { code: 'CLOSED' } });
    expect(await h.call('demo-grid-1b', 'concern.reply', { concernId: c.id, text: '补充说明' })).toMatchObject({ error: { code: 'CLOSED' } });
  });
});
