/**
 * 导出服务表格: usage and the bookings behind it as xlsx (read back here); the person booked is
 * named only on an admin's sheet; a grid worker's covers only the services they run. Audited.
 */
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { residents } from '../../../../support/fixtures';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { readXlsx } from '../../../../support/xlsx-read';

const DAY = 24 * 3600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

type Export = { fileName: string; base64: string; rows: number; truncated: boolean; namesShown: boolean };

async function served() {
  const s = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', { name: '血压测量', description: '卫生站测血压', location: '卫生站', durationMinutes: 60, seatsPerSlot: 2, staffIds: [member('demo-grid-1')] });
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: s.id, schedule: [{ weekday: 7, start: '09:00', end: '10:00' }] });
  const [slot] = (await h.ok<{ items: SlotView[] }>('demo-grid-1', 'booking.slots', { serviceId: s.id })).items;
  const [a, b] = await residents(h, 2);
  const ba = await h.ok<BookingView>(a, 'booking.create', { slotId: slot.id }, key());
  const bb = await h.ok<BookingView>(b, 'booking.create', { slotId: slot.id }, key());
  h.clock.set(slot.startAt + 10 * 60_000);
  await h.ok('demo-grid-1', 'booking.checkIn', { bookingId: ba.id });
  await h.ok('demo-grid-1', 'booking.markNoShow', { bookingId: bb.id });
  await h.ok(a, 'booking.rate', { bookingId: ba.id, score: 4 });
}

describe('the service usage and bookings sheet', () => {
  it('gives the figures of booking.stats and each booking, with names for an admin', async () => {
    await served();
    const out = await h.ok<Export>('demo-admin', 'booking.export', { from: T0, to: T0 + 7 * DAY });
    expect(out).toMatchObject({ fileName: 'linli-bookings-2026-11-28.xlsx', rows: 2, namesShown: true });
    const [usage, detail] = await readXlsx(out.base64);
    expect(usage.name).toBe('服务使用');
    expect(usage.rows).toContainEqual(['血压测量', '1', '2', '2', '1', '1', '0', '100%', '50%', '4', '1']);
    expect(detail.rows[2]).toEqual(['服务', '时间', '地点', '状态', '预约方式', '评分', '预约人', '住址']);
    expect(detail.rows.slice(3).map((r) => [r[0], r[4], r[6]]).sort()).toEqual([['血压测量', '本人预约', '居民0'], ['血压测量', '本人预约', '居民1']]);
    expect(detail.rows.slice(3).map((r) => r[3]).sort()).toEqual(['已到场', '未到场']);
  });
  it('names nobody on a grid worker’s sheet and leaves out services they do not run', async () => {
    await served();
    const own = await h.ok<Export>('demo-grid-1', 'booking.export', { from: T0, to: T0 + 7 * DAY });
    expect(own.namesShown).toBe(false);
    const [, detail] = await readXlsx(own.base64);
    expect(detail.rows[2]).toEqual(['服务', '时间', '地点', '状态', '预约方式', '评分']);
    expect(detail.rows.flat().join('\n')).not.toMatch(/居民0|居民1|1号楼/);
    const other = await h.ok<Export>('demo-grid-2', 'booking.export', { from: T0, to: T0 + 7 * DAY });
    expect((await readXlsx(other.base64))[0].rows.flat()).not.toContain('血压测量');
    const events = await h.deps.store.query<{ _id: string; type: string; note: string | null }>('events', { where: { communityId: 'demo', type: 'booking.exported' }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(events.items.map((e) => e.note)).toContainEqual(expect.stringMatching(/^服务\d+项，预约2条，不含预约人姓名$/));
    expect(events.items).toHaveLength(2);
  });
  it('is not for residents', async () => {
    expect(await h.call('demo-resident-1', 'booking.export', { from: T0, to: T0 + DAY })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
