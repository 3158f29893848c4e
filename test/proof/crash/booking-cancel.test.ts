/**
 * booking.cancel at every crash point (as crash-points.test.ts does it), for the cancels
 * that owe the waitlist nothing: a seat given back while nobody waits (that release is
 * conditioned on an empty waitlist) or a waitlist place given up; then the cancel looks at
 * the slot no more. For each k the call
 * dies right after write k; then either the client retries or (no retry ever comes) the
 * sweep runs. Either way the seat, lock and quota must be back, the booking cancelled with
 * an event per version, and the booking must no longer wake the sweep.
 */
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { lockIdFor, quotaIdFor, type BookingRecord, type LockRecord, type QuotaRecord } from '../../../cloudfunctions/lib/features/booking/records';
import { crashAtEveryWrite, proofWorld, type CrashCase, type Finish } from '../support-b/crash-walk';

const proof = proofWorld('bkcancel', 200);
let nextResident = 0;
let nextService = 0;

const resident = () => proof.world.residents[nextResident++];

async function freshSlot(seats: number) {
  const service = await proof.app.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
    name: `取消崩溃点服务${nextService++}`, description: '证明测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: seats, minNoticeHours: 1, maxPerMonth: 31,
  });
  await proof.app.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '10:00' })) });
  const slots = await proof.app.ok<{ items: Array<{ id: string; startAt: number }> }>('demo-admin', 'booking.slots', { serviceId: service.id, from: Date.now() + 26 * 3600_000, limit: 1 });
  return { serviceId: service.id, slotId: slots.items[0].id };
}

/** `others` residents book first, then the one who cancels: on a seat while seats are left, else on the waitlist. */
async function setup(seats: number, others: number): Promise<CrashCase> {
  const { serviceId, slotId } = await freshSlot(seats);
  for (let i = 0; i < others; i += 1) await proof.app.ok(resident(), 'booking.create', { slotId }, `bkcancelother${nextResident}x${i}`);
  const holder = resident();
  const booking = await proof.app.ok<{ id: string; status: string }>(holder, 'booking.create', { slotId }, `bkcancelholder${nextResident}x`);
  if (booking.status !== (others < seats ? 'booked' : 'waitlisted')) throw new Error(`set up as ${booking.status}`);
  return {
    send: () => proof.app.call(holder, 'booking.cancel', { bookingId: booking.id }),
    check(): string[] {
      const out = [...proof.reader.reconcileSlot(slotId, { audit: true }).problems];
      const b = proof.reader.doc<BookingRecord>('bookings', booking.id);
      if (b?.status !== 'cancelled') out.push(`the booking is ${b?.status}`);
      if (b?.wakeAt !== null) out.push(`the cancelled booking still wakes the sweep at ${b?.wakeAt}`);
      const m = memberIdFor(holder);
      if (proof.reader.doc<LockRecord>('bookingLocks', lockIdFor(serviceId, m))?.bookingId) out.push('the lock still names the booking');
      if (proof.reader.doc<QuotaRecord>('bookingQuotas', quotaIdFor(serviceId, m, b!.quotaMonth))?.used[booking.id]) out.push('the quota still counts the booking');
      const cancelled = proof.reader.events(`booking:${booking.id}`).filter((e) => e.type === 'booking.cancelled');
      if (cancelled.length !== 1) out.push(`${cancelled.length} booking.cancelled events`);
      return out;
    },
  };
}

/** A retry after a cancel that did land may say so (CLOSED). */
const visit = (seats: number, others: number, finish: Finish) => crashAtEveryWrite(proof.app, () => setup(seats, others), finish, ['CLOSED']);

describe('booking.cancel giving back a seat nobody waits for: a crash between any two writes', () => {
  it('then the client retries: seat, lock and quota back, one cancel event, the sweep not woken', async () => {
    const { writes, problems } = await visit(2, 1, 'retry');
    expect(writes.length).toBeGreaterThan(3);
    expect(problems.join('\n')).toBe('');
  }, 60_000);

  it('then no retry comes: the sweep finishes it likewise', async () => {
    const { writes, problems } = await visit(2, 1, 'sweep');
    expect(writes.length).toBeGreaterThan(3);
    expect(problems.join('\n')).toBe('');
  }, 60_000);
});

describe('booking.cancel leaving the waitlist (the seats all held): a crash between any two writes', () => {
  it('then the client retries: the place back, the seat holder untouched, the sweep not woken', async () => {
    const { writes, problems } = await visit(1, 1, 'retry');
    expect(writes.length).toBeGreaterThan(3);
    expect(problems.join('\n')).toBe('');
  }, 60_000);

  it('then no retry comes: the sweep finishes it likewise', async () => {
    const { writes, problems } = await visit(1, 1, 'sweep');
    expect(writes.length).toBeGreaterThan(3);
    expect(problems.join('\n')).toBe('');
  }, 60_000);
});
