/**
 * 今日待办's hours rows: an entry pending for more than a week is on its verifier's list with
 * how long it waited and one-tap 通过; the other grid's worker does not see it.
 */
import type { HourEntryView, MyHoursView } from '../../../../../miniprogram/core/hours/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { device, HOUR, seedActivity } from '../../../../support/volunteer-records';

const DAY = 24 * HOUR;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

async function served(o: Parameters<typeof seedActivity>[1] = { booked: ['demo-resident-1'] }): Promise<{ entry: HourEntryView; activityId: string }> {
  const a = await seedActivity(h, o);
  const s = a.shifts[0];
  h.clock.set(s.startAt);
  await h.ok('demo-resident-1', 'activity.checkIn', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device('demo-resident-1') });
  h.clock.set(s.endAt);
  await h.ok('demo-resident-1', 'activity.checkOut', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now(), s.shiftId), deviceKey: device('demo-resident-1') });
  return { entry: (await h.ok<MyHoursView>('demo-resident-1', 'hours.mine', {})).entries[0], activityId: a.activityId };
}

describe('hours pending for more than a week are on the verifier’s list', () => {
  it('is absent in the first week, then says how long it waited and offers 通过', async () => {
    const { entry, activityId } = await served();
    const key0 = `hours:${entry.id}`;
    h.clock.set(h.clock.now() + 6 * DAY);
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(key0);
    h.clock.set(h.clock.now() + 2 * DAY);
    const list = await today('demo-grid-1');
    const row = list.rows.find((r) => r.key === key0);
    expect(row).toMatchObject({ kindLabel: '时长核验', reason: '已等待8天', overdue: true, open: { label: '核验', page: `/staff/hours-verify/index?activityId=${activityId}` } });
    expect(row?.title).toContain('刘阿姨');
    expect(row?.act).toEqual({ label: '通过', action: 'hours.verify', input: { entryId: entry.id, decision: 'verify' } });
    expect(list.counts.hours).toBe(1);
    // The admin verifies the community's; the other grid's worker leads nothing here.
    expect((await today('demo-admin')).rows.map((r) => r.key)).toContain(key0);
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(key0);
  });
  it('leaves the list once the one-tap action verified it', async () => {
    const { entry } = await served();
    h.clock.set(h.clock.now() + 8 * DAY);
    const row = (await today('demo-grid-1')).rows.find((r) => r.key === `hours:${entry.id}`)!;
    await h.ok('demo-grid-1', row.act!.action, row.act!.input, key());
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`hours:${entry.id}`);
  });
});

describe('a long entry the lead verified first', () => {
  it('leaves the lead’s list and waits on the admin as the second verifier', async () => {
    const { entry } = await served({ booked: ['demo-resident-1'], shifts: [[HOUR, 10 * HOUR]], dailyCapMinutes: 720 });
    expect(entry.minutes).toBeGreaterThan(8 * 60);
    await h.ok('demo-grid-1', 'hours.verify', { entryId: entry.id, decision: 'verify' });
    h.clock.set(h.clock.now() + 8 * DAY);
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`hours:${entry.id}`);
    expect((await today('demo-admin')).rows.find((r) => r.key === `hours:${entry.id}`)?.reason).toBe('待第二人核验，已等待8天');
  });
});
