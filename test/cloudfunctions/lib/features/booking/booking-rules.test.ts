/**
 * Limits and windows enforced on the server, each with its own code; the waitlist and its
 * promotion; staff booking on behalf; the day itself; closures; reminders.
 */
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { residents } from '../../../../support/fixtures';
import { op } from '../../../../../cloudfunctions/lib/ports/store';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let h: Harness;
let service: ServiceView;
let slots: SlotView[];

async function makeService(over: Record<string, unknown> = {}) {
  const s = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', {
    name: '法律咨询', description: '社区律师坐班', location: '服务站二楼', durationMinutes: 60, seatsPerSlot: 1,
    minNoticeHours: 2, cancelCutoffHours: 12, maxPerMonth: 2, staffIds: [member('demo-grid-1')], ...over,
  });
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: s.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
  return s;
}
const slotsOf = async (s: ServiceView) => (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: s.id, limit: 50 })).items;
const book = (who: string, slot: SlotView) => h.call<BookingView>(who, 'booking.create', { slotId: slot.id }, key());
const inbox = async (openid: string) =>
  (await h.deps.store.query<{ _id: string; title: string; body: string }>('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 })).items.map((m) => m.title);

beforeEach(async () => {
  h = await createHarness();
  service = await makeService();
  slots = await slotsOf(service);
});
afterEach(() => h.close());

const raiseCutoffTo = (hours: number) =>
  h.ok('demo-admin', 'booking.upsertService', {
    serviceId: service.id, name: service.name, description: service.description, location: service.location, durationMinutes: service.durationMinutes,
    seatsPerSlot: 2, minNoticeHours: service.minNoticeHours, cancelCutoffHours: hours, maxPerMonth: service.maxPerMonth,
  });
const tomorrow = () => slots.find((s) => s.startAt > h.clock.now() + DAY)!;

describe('windows and limits have their own error codes', () => {
  it('refuses a slot inside the minimum notice with BOOKING_TOO_LATE', async () => {
    const soon = slots.find((s) => s.startAt - h.clock.now() < 2 * HOUR)!; // today 11:00, now 10:00
    expect(await book('demo-resident-1', soon)).toMatchObject({ error: { code: 'BOOKING_TOO_LATE' } });
  });
  it('refuses a past slot with CLOSED', async () => {
    const s = tomorrow();
    h.clock.advance(2 * DAY);
    expect(await book('demo-resident-1', s)).toMatchObject({ error: { code: 'CLOSED' } });
  });
  it('refuses a closed slot with CLOSED and the reason', async () => {
    const s = tomorrow();
    await h.ok('demo-admin', 'booking.closeSlots', { serviceId: service.id, from: s.startAt, to: s.endAt, reason: '律师外出培训' });
    const res = await book('demo-resident-1', s);
    expect(res).toMatchObject({ error: { code: 'CLOSED' } });
    expect(!res.ok && res.error.message).toContain('律师外出培训');
  });
  it('refuses cancelling inside the cutoff with BOOKING_CUTOFF_PASSED, but lets staff do it', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    h.clock.set(s.startAt - 6 * HOUR);
    expect(await h.call('demo-resident-1', 'booking.cancel', { bookingId: b.id })).toMatchObject({ error: { code: 'BOOKING_CUTOFF_PASSED' } });
    const cancelled = await h.ok<BookingView>('demo-grid-1', 'booking.cancel', { bookingId: b.id, reason: '居民电话告知生病' });
    expect(cancelled.status).toBe('cancelled');
    expect(await inbox('demo-resident-1')).toContain('预约已取消：法律咨询');
  });
  it('keeps the cancel terms a resident booked under when the service later tightens them', async () => {
    const s = tomorrow();
    const before = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    await raiseCutoffTo(24);
    const after = await h.ok<BookingView>('demo-resident-2', 'booking.create', { slotId: s.id }, key());
    h.clock.set(s.startAt - 13 * HOUR);
    expect((await h.ok<BookingView>('demo-resident-1', 'booking.cancel', { bookingId: before.id })).status).toBe('cancelled');
    expect(await h.call('demo-resident-2', 'booking.cancel', { bookingId: after.id })).toMatchObject({ error: { code: 'BOOKING_CUTOFF_PASSED', message: expect.stringContaining('开始前24小时') } });
  });
  it('lets a booking made before bookings carried their terms follow the service’s current cutoff', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    await h.deps.store.update('bookings', b.id, { cancelCutoffHours: op.unset() });
    await raiseCutoffTo(24);
    h.clock.set(s.startAt - 13 * HOUR);
    expect(await h.call('demo-resident-1', 'booking.cancel', { bookingId: b.id })).toMatchObject({ error: { code: 'BOOKING_CUTOFF_PASSED', message: expect.stringContaining('开始前24小时') } });
  });
  it('enforces N per month with BOOKING_LIMIT, counting attended bookings, and starts afresh next month', async () => {
    const monthly = await makeService({ name: '人民调解', maxPerMonth: 1 });
    const all = await slotsOf(monthly);
    const at = (day: number) => all.find((x) => new Date(x.startAt + 8 * HOUR).getUTCDate() === day && x.startAt > h.clock.now())!;
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: at(29).id }, key());
    h.clock.set(at(29).startAt);
    await h.ok('demo-grid-1', 'booking.checkIn', { bookingId: b.id });
    expect(await book('demo-resident-1', at(30))).toMatchObject({ error: { code: 'BOOKING_LIMIT' } });
    expect((await book('demo-resident-1', at(1))).ok).toBe(true); // 1 December
  });
  it('refuses residents outside the service’s grids with BOOKING_NOT_ELIGIBLE', async () => {
    const grid1Only = await makeService({ name: '居家养老上门', homeVisit: true, location: undefined, gridIds: [h.ids['第一网格']] });
    const s = (await slotsOf(grid1Only)).find((x) => x.startAt > h.clock.now() + DAY)!;
    expect(await book('demo-resident-2', s)).toMatchObject({ error: { code: 'BOOKING_NOT_ELIGIBLE' } });
    expect((await book('demo-resident-1', s)).ok).toBe(true);
    const list = await h.ok<{ items: ServiceView[] }>('demo-resident-2', 'booking.services', {});
    expect(list.items.map((x) => x.id)).not.toContain(grid1Only.id);
  });
  it('refuses visitors and volunteers', async () => {
    expect(await book('demo-visitor-1', tomorrow())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('the waitlist and promotion', () => {
  it('offers a freed seat to the first waiting, who confirms in time', async () => {
    const s = tomorrow();
    const [a, b, c] = await residents(h, 3);
    const first = await h.ok<BookingView>(a, 'booking.create', { slotId: s.id }, key());
    const second = await h.ok<BookingView>(b, 'booking.create', { slotId: s.id }, key());
    const third = await h.ok<BookingView>(c, 'booking.create', { slotId: s.id }, key());
    expect([first.status, second.status, second.waitlistPosition, third.waitlistPosition]).toEqual(['booked', 'waitlisted', 1, 2]);
    await h.ok(a, 'booking.cancel', { bookingId: first.id });
    const mine = await h.ok<{ items: BookingView[] }>(b, 'booking.listMine', {});
    expect(mine.items[0]).toMatchObject({ status: 'offered', allowedActions: expect.arrayContaining(['booking.confirmPromotion']) });
    expect(await inbox(b)).toContain('候补转正：法律咨询');
    const confirmed = await h.ok<BookingView>(b, 'booking.confirmPromotion', { bookingId: second.id });
    expect(confirmed.status).toBe('booked');
    expect((await h.ok<{ items: BookingView[] }>(c, 'booking.listMine', {})).items[0].waitlistPosition).toBe(1);
  });
  it('passes the seat on when the offer is not confirmed in time', async () => {
    const s = tomorrow();
    const [a, b, c] = await residents(h, 3);
    const first = await h.ok<BookingView>(a, 'booking.create', { slotId: s.id }, key());
    const second = await h.ok<BookingView>(b, 'booking.create', { slotId: s.id }, key());
    await h.ok<BookingView>(c, 'booking.create', { slotId: s.id }, key());
    await h.ok(a, 'booking.cancel', { bookingId: first.id });
    h.clock.advance(5 * HOUR);
    expect(await h.call(b, 'booking.confirmPromotion', { bookingId: second.id })).toMatchObject({ error: { code: 'BOOKING_OFFER_EXPIRED' } });
    const report = await runSweep(h.deps);
    expect(report.jobs.bookingClocks).toMatchObject({ expiredOffers: 1 });
    expect((await h.ok<{ items: BookingView[] }>(c, 'booking.listMine', {})).items[0].status).toBe('offered');
    expect((await h.ok<{ items: BookingView[] }>(b, 'booking.listMine', {})).items[0].status).toBe('expired');
    expect((await runSweep(h.deps)).jobs.bookingClocks).toMatchObject({ expiredOffers: 0 });
  });
  it('lets a waitlisted resident leave the queue at any time', async () => {
    const s = tomorrow();
    const [a, b] = await residents(h, 2);
    await h.ok(a, 'booking.create', { slotId: s.id }, key());
    const waiting = await h.ok<BookingView>(b, 'booking.create', { slotId: s.id }, key());
    h.clock.set(s.startAt - HOUR);
    expect((await h.ok<BookingView>(b, 'booking.cancel', { bookingId: waiting.id })).status).toBe('cancelled');
  });
});

describe('staff book on behalf of residents who cannot use the phone', () => {
  it('records the staff member and the reason, and tells the resident', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-grid-1', 'booking.create', { slotId: s.id, onBehalfOf: member('demo-resident-2'), reason: '老人不会用手机，电话委托', channel: 'phone' }, key());
    expect(b).toMatchObject({ status: 'booked', onBehalf: { staffName: '李秀英', reason: '老人不会用手机，电话委托', channel: 'phone' } });
    const mine = await h.ok<{ items: BookingView[] }>('demo-resident-2', 'booking.listMine', {});
    expect(mine.items[0]).toMatchObject({ id: b.id, onBehalf: { staffName: '李秀英' } });
    expect(mine.items[0].residentName).toBeUndefined();
  });
  it('is refused to residents', async () => {
    expect(await h.call('demo-resident-1', 'booking.create', { slotId: tomorrow().id, onBehalfOf: member('demo-resident-2'), reason: '帮邻居约', channel: 'visit' }, key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('on the day', () => {
  it('shows staff the list with names, checks people in with a note, and lets the resident rate', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    const list = await h.ok<{ items: BookingView[] }>('demo-grid-1', 'booking.listForSlot', { slotId: s.id });
    expect(list.items[0]).toMatchObject({ residentName: '刘阿姨', address: '1号楼 1单元 101室' });
    expect(await h.call('demo-grid-2', 'booking.listForSlot', { slotId: s.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-grid-1', 'booking.checkIn', { bookingId: b.id })).toMatchObject({ error: { code: 'CONFLICT' } });
    h.clock.set(s.startAt - 30 * 60_000);
    const attended = await h.ok<BookingView>('demo-grid-1', 'booking.checkIn', { bookingId: b.id, note: '咨询继承纠纷，已给出书面意见' });
    expect(attended).toMatchObject({ status: 'attended', note: '咨询继承纠纷，已给出书面意见' });
    const rated = await h.ok<BookingView>('demo-resident-1', 'booking.rate', { bookingId: b.id, score: 5, comment: '律师很耐心' });
    expect(rated).toMatchObject({ rating: { score: 5 }, allowedActions: [] });
    expect(rated.note).toBeUndefined();
  });
  it('marks a no-show only after the start', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    h.clock.set(s.startAt - 10 * 60_000);
    expect(await h.call('demo-grid-1', 'booking.markNoShow', { bookingId: b.id })).toMatchObject({ error: { code: 'CONFLICT' } });
    h.clock.set(s.startAt + 20 * 60_000);
    expect((await h.ok<BookingView>('demo-grid-1', 'booking.markNoShow', { bookingId: b.id })).status).toBe('noShow');
  });
  it('reminds the resident the day before, once', async () => {
    const s = slots.find((x) => x.startAt > h.clock.now() + 2 * DAY)!;
    await h.ok('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    h.clock.set(s.startAt - 23 * HOUR);
    expect((await runSweep(h.deps)).jobs.bookingClocks).toMatchObject({ reminded: 1 });
    expect((await runSweep(h.deps)).jobs.bookingClocks).toMatchObject({ reminded: 0 });
    expect(await inbox('demo-resident-1')).toContainEqual(expect.stringMatching(/^明天 \d\d:\d\d 的预约：法律咨询$/));
  });
});

describe('a closure cancels the bookings in it and tells each resident', () => {
  it('closes slots, cancels their bookings, frees the limits and skips future slots', async () => {
    const s = tomorrow();
    const b = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    const result = await h.ok<{ closed: number; bookingsCancelled: number }>('demo-admin', 'booking.closeSlots', {
      serviceId: service.id, from: s.startAt - HOUR, to: s.startAt + 30 * DAY, reason: '春节假期',
    });
    expect(result.bookingsCancelled).toBe(1);
    expect(result.closed).toBeGreaterThan(0);
    expect((await h.ok<{ items: BookingView[] }>('demo-resident-1', 'booking.listMine', {})).items.find((x) => x.id === b.id)?.status).toBe('closed');
    expect(await inbox('demo-resident-1')).toContain('预约已取消：法律咨询');
    h.clock.advance(20 * DAY);
    await runSweep(h.deps);
    const later = await slotsOf(service);
    expect(later.every((x) => x.status === 'closed' || x.startAt >= s.startAt + 30 * DAY || x.startAt < s.startAt)).toBe(true);
  });
});

describe('slots roll forward with the days', () => {
  it('keeps two weeks of slots ahead as time passes', async () => {
    h.clock.advance(3 * DAY);
    await runSweep(h.deps);
    const ahead = await slotsOf(service);
    expect(Math.max(...ahead.map((x) => x.startAt))).toBeGreaterThan(h.clock.now() + 13 * DAY);
  });
});

describe('closures entered at the same time', () => {
  it('both stand', async () => {
    const day = 24 * 3600_000;
    await Promise.all([
      h.ok('demo-admin', 'booking.closeSlots', { serviceId: service.id, from: T0 + 20 * day, to: T0 + 21 * day, reason: '元旦' }),
      h.ok('demo-admin', 'booking.closeSlots', { serviceId: service.id, from: T0 + 25 * day, to: T0 + 26 * day, reason: '培训' }),
    ]);
    const stored = await h.deps.store.get<{ _id: string; closures: Array<{ reason: string }> }>('services', service.id);
    expect(stored?.closures.map((c) => c.reason).sort()).toEqual(['元旦', '培训'].sort());
  });
});

describe('a reminder sent shortly before the start', () => {
  it('says 今天 and the time, never 明天', async () => {
    const s = slots.find((x) => x.startAt > h.clock.now() + DAY)!;
    await h.ok('demo-resident-1', 'booking.create', { slotId: s.id }, key());
    // The sweep was late (or the booking came in late): 45 minutes before the start.
    h.clock.set(s.startAt - 45 * 60_000);
    await runSweep(h.deps);
    const d = new Date(s.startAt + 8 * HOUR);
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    expect(await inbox('demo-resident-1')).toContain(`今天 ${time} 的预约：法律咨询`);
  });
});
