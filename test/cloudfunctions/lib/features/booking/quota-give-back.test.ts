/**
 * Cancelling gives back the month's quota unit. A document holding this booking's unit
 * alone goes in one conditional remove; documents holding more, or made under another
 * allowance (older ones: the admin changed maxPerMonth since), take the longer path and end
 * the same way as before.
 */
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { quotaIdFor, type BookingRecord, type QuotaRecord } from '../../../../../cloudfunctions/lib/features/booking/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

const DAY = 24 * 3600_000;
let h: Harness;
let service: ServiceView;
let slots: SlotView[];

beforeEach(async () => {
  h = await createHarness();
  service = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', {
    name: '理发', description: '志愿者理发', location: '活动室', durationMinutes: 60, seatsPerSlot: 3, minNoticeHours: 1, cancelCutoffHours: 2, maxPerMonth: 3,
  });
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
  slots = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: service.id, from: h.clock.now() + DAY, limit: 50 })).items;
});
afterEach(() => h.close());

const quotaOf = async (b: BookingView) => {
  const rec = (await h.deps.store.get<BookingRecord>('bookings', b.id))!;
  return { id: quotaIdFor(service.id, member('demo-resident-1'), rec.quotaMonth), rec };
};
const cancel = (b: BookingView) => h.ok<BookingView>('demo-resident-1', 'booking.cancel', { bookingId: b.id });

it('takes away the document that held only this booking, and the resident may book again', async () => {
  const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key());
  const { id } = await quotaOf(b);
  expect(await h.deps.store.get('bookingQuotas', id)).not.toBeNull();
  expect((await cancel(b)).status).toBe('cancelled');
  expect(await h.deps.store.get('bookingQuotas', id)).toBeNull();
  expect((await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key())).status).toBe('booked');
});

it('gives back one unit of a document another booking still uses', async () => {
  const first = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key());
  const { id, rec } = await quotaOf(first);
  // An earlier booking this month (attended: its unit stays used) shares the document.
  await h.deps.store.update('bookingQuotas', id, { left: 1, [`used.bk_other`]: 'bk_other.v1' });
  expect((await cancel(first)).status).toBe('cancelled');
  const quota = (await h.deps.store.get<QuotaRecord>('bookingQuotas', id))!;
  expect(quota).toMatchObject({ max: 3, left: 2, used: { bk_other: 'bk_other.v1' } });
  expect(quota.used[rec._id]).toBeUndefined();
});

it('gives back a unit of a document made under an earlier allowance', async () => {
  const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key());
  const { id } = await quotaOf(b);
  // The admin lowers the allowance after the document was made.
  await h.ok('demo-admin', 'booking.upsertService', {
    serviceId: service.id, name: '理发', description: '志愿者理发', location: '活动室', durationMinutes: 60, seatsPerSlot: 3, minNoticeHours: 1, cancelCutoffHours: 2, maxPerMonth: 1,
  });
  expect((await h.deps.store.get<QuotaRecord>('bookingQuotas', id))!.max).toBe(3);
  expect((await cancel(b)).status).toBe('cancelled');
  // Unused again under its own allowance: gone, as before.
  expect(await h.deps.store.get('bookingQuotas', id)).toBeNull();
});

it('a finished cancellation keeps no audit event on the booking, and the event stays in the trail', async () => {
  const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key());
  await cancel(b);
  const rec = (await h.deps.store.get<BookingRecord & { lastEvent?: unknown }>('bookings', b.id))!;
  expect(rec).toMatchObject({ status: 'cancelled', wakeAt: null });
  expect(rec.lastEvent).toBeUndefined();
  const events = await h.deps.store.query<{ _id: string; type: string; subject: string }>('events', { where: { communityId: rec.communityId, subject: `booking:${b.id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
  expect(events.items.map((e) => e.type).sort()).toEqual(['booking.booked', 'booking.cancelled']);
  // Booked again: the re-made booking's commit has no earlier event to repair, and still books.
  expect((await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slots[0].id }, key())).status).toBe('booked');
});
