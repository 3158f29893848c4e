/**
 * 今日待办's motion rows: a motion whose support reached its threshold is on the admins' list
 * until it is put on an agenda or answered, with its deadline; grid workers have no such task.
 */
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { addHouseholds } from '../../../../support/polls';
import { createHarness, type Harness } from '../../../../support/harness';
import { DAY, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

async function reached(): Promise<MotionView> {
  const neighbours = await addHouseholds(h, Array.from({ length: 11 }, (_, i) => ({ building: '1号楼', room: String(601 + i), people: 1 })));
  const m = await propose(h, 'demo-resident-1');
  await h.ok('demo-resident-1', 'motion.support', { motionId: m.id });
  await h.ok(neighbours[0].openids[0], 'motion.support', { motionId: m.id });
  return h.ok<MotionView>(neighbours[1].openids[0], 'motion.support', { motionId: m.id });
}

describe('a motion past its threshold waits on the admins to convene or answer', () => {
  it('is on the admin’s list with the time left, then late; not on a grid worker’s', async () => {
    const m = await reached();
    expect(m.status).toBe('thresholdMet');
    const row = (await today('demo-admin')).rows.find((r) => r.key === `motion:${m.id}`);
    expect(row).toMatchObject({ kindLabel: '议题', title: m.title, overdue: false, open: { label: '安排', page: '/staff/council/index' } });
    expect(row?.reason).toMatch(/^附议已达3户，上会或答复还剩\d+天到期$/);
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`motion:${m.id}`);
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(`motion:${m.id}`);
    h.clock.set(row!.dueAt! + 2 * DAY);
    expect((await today('demo-admin')).rows.find((r) => r.key === `motion:${m.id}`)).toMatchObject({ overdue: true, reason: '附议已达3户，上会或答复已逾期2天' });
  });
  it('is not on the list while support is still collecting', async () => {
    const m = await propose(h, 'demo-resident-1');
    expect((await today('demo-admin')).rows.map((r) => r.key)).not.toContain(`motion:${m.id}`);
  });
});
