/**
 * 今日待办's activity rows: on the day of an activity its 项目负责人 and organiser have it on their
 * list with its start time, opening the roster or check-in; nobody else does.
 */
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { HOUR, makeActivity, makeTeam } from '../../../../support/volunteering';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

describe('today’s activity is on its lead’s and organiser’s list', () => {
  it('from midnight of its day, with its start; not before, not for the other grid’s worker', async () => {
    const teamId = await makeTeam(h);
    // Tomorrow 09:00 Beijing (now is 10:00).
    const a = await makeActivity(h, { teamId, leadId: member('demo-grid-1') });
    const k = `activity:${a.id}`;
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(k);
    h.clock.set(h.clock.now() + 22 * HOUR); // tomorrow 08:00
    expect((await today('demo-grid-1')).rows.find((r) => r.key === k)).toMatchObject({
      kindLabel: '今日活动', title: '小区绿地补种 · 3号楼北侧绿地', reason: '今天 09:00', overdue: false, open: { label: '名单', page: `/staff/activity-roster/index?activityId=${a.id}` },
    });
    expect((await today('demo-admin')).rows.find((r) => r.key === k)?.open).toEqual({ label: '签到', page: `/staff/activity-checkin/index?activityId=${a.id}` });
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(k);
    h.clock.set(h.clock.now() + 4 * HOUR); // 12:00, ended at 11:00
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(k);
  });
});
