/**
 * Never overbooked: the parallel scenarios, with every response checked, and the
 * slot's counters reconciled against the bookings after each.
 */
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import type { BookingRecord, SlotRecord } from '../../../../../cloudfunctions/lib/features/booking/records';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { residents } from '../../../../support/fixtures';

let h: Harness;
let slot: SlotView;
let service: ServiceView;
beforeEach(async () => {
  h = await createHarness();
  service = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', {
    name: '流感疫苗接种', description: '社区卫生服务站集中接种', location: '卫生服务站', durationMinutes: 60, seatsPerSlot: 10, minNoticeHours: 1, maxPerMonth: 2,
  });
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
  // Tomorrow's first slot: well outside the notice and cancellation windows.
  slot = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: service.id, from: h.clock.now() + 24 * 3600_000 })).items[0];
});
afterEach(() => h.close());

async function reconcile(slotId: string) {
  const s = (await h.deps.store.get<SlotRecord>('slots', slotId))!;
  const all: BookingRecord[] = [];
  let after: string | undefined;
  do {
    const page = await h.deps.store.query<BookingRecord>('bookings', { where: { communityId: 'demo', slotId }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    all.push(...page.items);
    after = page.next;
  } while (after);
  const seated = all.filter((b) => ['booked', 'offered', 'attended', 'noShow'].includes(b.status));
  const waiting = all.filter((b) => b.status === 'waitlisted');
  expect(s.seatsLeft).toBe(s.seats - seated.length);
  expect(Object.keys(s.holders).sort()).toEqual(seated.map((b) => b._id).sort());
  expect(s.waitlistCount).toBe(waiting.length);
  expect([...s.waitlist].sort()).toEqual(waiting.map((b) => b._id).sort());
  return { slot: s, seated, waiting };
}

describe('1,000 residents booking 10 seats at once', () => {
  it('books exactly 10, waitlists up to the cap, and tells everyone else FULL', async () => {
    const people = await residents(h, 1000);
    const results = await Promise.all(people.map((p) => h.call<BookingView>(p, 'booking.create', { slotId: slot.id }, key())));
    const booked = results.filter((r) => r.ok && r.data.status === 'booked');
    const waitlisted = results.filter((r) => r.ok && r.data.status === 'waitlisted');
    const full = results.filter((r) => !r.ok && r.error.code === 'FULL');
    expect(booked).toHaveLength(10);
    expect(waitlisted).toHaveLength(10);
    expect(full).toHaveLength(980);
    expect(booked.length + waitlisted.length + full.length).toBe(1000);
    const { slot: s } = await reconcile(slot.id);
    expect(s.seatsLeft).toBe(0);
    // Waitlist positions are 1..10 with no ties.
    expect(waitlisted.map((r) => r.ok && r.data.waitlistPosition).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // A thousand calls through the in-memory store take seconds on a loaded machine.
  }, 30_000);
});

describe('one resident tapping 50 times', () => {
  it('makes one booking for the same slot, and every answer names it', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => h.call<BookingView>('demo-resident-1', 'booking.create', { slotId: slot.id }, key())));
    const ids = new Set(results.map((r) => (r.ok ? r.data.id : r.error.code)));
    expect(ids.size).toBe(1);
    expect(results.every((r) => r.ok && r.data.status === 'booked')).toBe(true);
    expect((await reconcile(slot.id)).seated).toHaveLength(1);
  });
  it('holds one open booking per service across different slots', async () => {
    const slots = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: service.id, limit: 20 })).items.slice(0, 10);
    const results = await Promise.all(slots.flatMap((s) => Array.from({ length: 5 }, () => h.call<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key()))));
    const bookedSlots = new Set(results.filter((r) => r.ok).map((r) => r.ok && r.data.slotId));
    expect(bookedSlots.size).toBe(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'BOOKING_LIMIT')).toBe(true);
    for (const s of slots) await reconcile(s.id);
  });
});

describe('cancellations racing new bookings', () => {
  it('never seats 11, and the freed seat goes to the waitlist first', async () => {
    const people = await residents(h, 30);
    const first = await Promise.all(people.slice(0, 15).map((p) => h.ok<BookingView>(p, 'booking.create', { slotId: slot.id }, key())));
    const holders = first.filter((b) => b.status === 'booked');
    expect(holders).toHaveLength(10);
    const cancels = holders.slice(0, 4).map((b) => h.call(people[first.indexOf(b)], 'booking.cancel', { bookingId: b.id }));
    const newcomers = people.slice(15).map((p) => h.call<BookingView>(p, 'booking.create', { slotId: slot.id }, key()));
    const [cancelled, joined] = await Promise.all([Promise.all(cancels), Promise.all(newcomers)]);
    expect(cancelled.filter((r) => !r.ok)).toEqual([]);
    // The waitlist was not empty, so no newcomer took a freed seat directly.
    expect(joined.filter((r) => r.ok && r.data.status === 'booked')).toHaveLength(0);
    const { seated, slot: s } = await reconcile(slot.id);
    expect(seated.length).toBeLessThanOrEqual(10);
    expect(seated.filter((b) => b.status === 'offered')).toHaveLength(4);
    expect(s.seatsLeft).toBe(0);
  });
});
