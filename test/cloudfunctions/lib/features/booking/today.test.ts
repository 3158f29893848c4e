/**
 * 今日待办's booking rows: on the day, each slot of a service with people booked is on the list
 * of the service's staff, with its time and the count, until the slot ends.
 */
import type { ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

describe('today’s bookings are on the list of the service’s staff', () => {
  it('one row per slot with its time and count; not for staff of other services', async () => {
    const s = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', {
      name: '法律咨询', description: '社区律师坐班', location: '服务站二楼', durationMinutes: 60, seatsPerSlot: 2,
      minNoticeHours: 2, cancelCutoffHours: 12, maxPerMonth: 2, staffIds: [member('demo-grid-1')],
    });
    await h.ok('demo-admin', 'booking.setSchedule', { serviceId: s.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
    const slots = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: s.id, limit: 50 })).items;
    const slot = slots.find((x) => x.startAt > h.clock.now() + DAY)!; // tomorrow 11:00 (now is 10:00)
    await h.ok('demo-resident-1', 'booking.create', { slotId: slot.id }, key());
    await h.ok('demo-resident-2', 'booking.create', { slotId: slot.id }, key());
    const k = `booking:${slot.id}`;
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(k);
    h.clock.set(slot.startAt - HOUR);
    expect((await today('demo-grid-1')).rows.find((r) => r.key === k)).toMatchObject({
      kindLabel: '今日预约', title: '法律咨询 2人预约', reason: '今天 11:00', dueAt: slot.startAt, overdue: false, open: { label: '今日名单', page: `/staff/service-day/index?serviceId=${s.id}` },
    });
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(k);
    h.clock.set(slot.endAt + 1);
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(k);
  });
});
