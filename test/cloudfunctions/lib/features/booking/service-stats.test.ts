/** Staff see how their services are used: fill, attendance, no-shows, ratings. */
import type { BookingView, ServiceUsageRow, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { residents } from '../../../../support/fixtures';

const DAY = 24 * 3600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('usage statistics per service', () => {
  it('counts bookings, attendance, no-shows and ratings, and the fill of offered seats', async () => {
    const s = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', { name: '血压测量', description: '卫生站测血压', location: '卫生站', durationMinutes: 60, seatsPerSlot: 2, staffIds: [member('demo-grid-1')] });
    await h.ok('demo-admin', 'booking.setSchedule', { serviceId: s.id, schedule: [{ weekday: 7, start: '09:00', end: '10:00' }] });
    const [slot] = (await h.ok<{ items: SlotView[] }>('demo-grid-1', 'booking.slots', { serviceId: s.id })).items; // Sunday 29 Nov, 09:00
    const [a, b, c] = await residents(h, 3);
    const ba = await h.ok<BookingView>(a, 'booking.create', { slotId: slot.id }, key());
    const bb = await h.ok<BookingView>(b, 'booking.create', { slotId: slot.id }, key());
    const bc = await h.ok<BookingView>(c, 'booking.create', { slotId: slot.id }, key());
    expect(bc.status).toBe('waitlisted');
    h.clock.set(slot.startAt + 10 * 60_000);
    await h.ok('demo-grid-1', 'booking.checkIn', { bookingId: ba.id });
    await h.ok('demo-grid-1', 'booking.markNoShow', { bookingId: bb.id });
    await h.ok(a, 'booking.rate', { bookingId: ba.id, score: 4 });
    const stats = await h.ok<{ rows: ServiceUsageRow[] }>('demo-grid-1', 'booking.stats', { from: T0, to: T0 + 7 * DAY, serviceId: s.id });
    expect(stats.rows).toEqual([
      { serviceId: s.id, name: '血压测量', slots: 1, seatsOffered: 2, booked: 2, attended: 1, noShow: 1, cancelled: 0, fillRate: 1, noShowRate: 0.5, averageRating: 4, ratings: 1 },
    ]);
  });
  it('shows a grid worker only the services they run', async () => {
    const stats = await h.ok<{ rows: ServiceUsageRow[] }>('demo-grid-1b', 'booking.stats', { from: T0, to: T0 + 7 * DAY });
    expect(stats.rows).toEqual([]);
  });
});
