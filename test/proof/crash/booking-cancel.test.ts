/**
 * booking.cancel at every crash point (as crash-points.test.ts does it), for the cancels
 * that owe the waitlist nothing: a seat given back while nobody waits (that release is
 * conditioned on an empty waitlist) or a waitlist place given up; then the cancel looks at
 * the slot no more. For each k the call
 * dies right after write k; then either the client retries or (no retry ever comes) the
 * sweep runs. Either way the seat, lock and quota must be back, the booking cancelled with
 * an event per version, and the booking must no longer wake the sweep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { lockIdFor, quotaIdFor, type BookingRecord, type LockRecord, type QuotaRecord } from '../../../cloudfunctions/lib/features/booking/records';
import { runSweep } from '../../../cloudfunctions/lib/sweep/run-sweep';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { DbReader } from '../support-b/checks';
import { describeOp, inProcess, type InProcess } from '../support-b/hooked-store';
import { prepareWorld, type World } from '../support-b/world';

let dir: string;
let world: World;
let app: InProcess;
let reader: DbReader;
let nextResident = 0;
let nextService = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-bkcancel-'));
  const file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, { residents: 200 });
  app = inProcess(file);
  reader = new DbReader(file);
}, 30_000);

afterAll(() => {
  reader?.close();
  app?.deps.store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const resident = () => world.residents[nextResident++];

async function freshSlot(seats: number) {
  const service = await app.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
    name: `取消崩溃点服务${nextService++}`, description: '证明测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: seats, minNoticeHours: 1, maxPerMonth: 31,
  });
  await app.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '10:00' })) });
  const slots = await app.ok<{ items: Array<{ id: string; startAt: number }> }>('demo-admin', 'booking.slots', { serviceId: service.id, from: Date.now() + 26 * 3600_000, limit: 1 });
  return { serviceId: service.id, slotId: slots.items[0].id };
}

type Repair = 'retry' | 'sweep';

/** `others` residents book first, then the one who cancels: on a seat while seats are left, else on the waitlist. */
async function setup(seats: number, others: number) {
  const { serviceId, slotId } = await freshSlot(seats);
  for (let i = 0; i < others; i += 1) await app.ok(resident(), 'booking.create', { slotId }, `bkcancelother${nextResident}x${i}`);
  const holder = resident();
  const booking = await app.ok<{ id: string; status: string }>(holder, 'booking.create', { slotId }, `bkcancelholder${nextResident}x`);
  if (booking.status !== (others < seats ? 'booked' : 'waitlisted')) throw new Error(`set up as ${booking.status}`);
  return {
    send: (): Promise<Envelope<any>> => app.call(holder, 'booking.cancel', { bookingId: booking.id }),
    check(): string[] {
      const out = [...reader.reconcileSlot(slotId, { audit: true }).problems];
      const b = reader.doc<BookingRecord>('bookings', booking.id);
      if (b?.status !== 'cancelled') out.push(`the booking is ${b?.status}`);
      if (b?.wakeAt !== null) out.push(`the cancelled booking still wakes the sweep at ${b?.wakeAt}`);
      const m = memberIdFor(holder);
      if (reader.doc<LockRecord>('bookingLocks', lockIdFor(serviceId, m))?.bookingId) out.push('the lock still names the booking');
      if (reader.doc<QuotaRecord>('bookingQuotas', quotaIdFor(serviceId, m, b!.quotaMonth))?.used[booking.id]) out.push('the quota still counts the booking');
      const cancelled = reader.events(`booking:${booking.id}`).filter((e) => e.type === 'booking.cancelled');
      if (cancelled.length !== 1) out.push(`${cancelled.length} booking.cancelled events`);
      return out;
    },
  };
}

async function visit(seats: number, others: number, repair: Repair): Promise<{ writes: string[]; problems: string[] }> {
  const dry = await setup(seats, others);
  app.hooked.revive();
  const res = await dry.send();
  if (!res.ok) throw new Error(`clean run failed: ${res.error.code}`);
  const writes = app.hooked.writes.map(describeOp);
  const problems = dry.check().map((p) => `clean run: ${p}`);
  for (let k = 1; k <= writes.length; k += 1) {
    const c = await setup(seats, others);
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await c.send();
    app.hooked.revive();
    const found: string[] = crashed.ok ? ['the crashed call answered ok'] : [];
    if (repair === 'retry') {
      const again = await c.send();
      // A retry after a cancel that did land may say so (CLOSED); the state is what counts.
      if (!again.ok && again.error.code !== 'CLOSED') found.push(`retry answered ${again.error.code}`);
    } else {
      await runSweep(app.deps);
    }
    found.push(...c.check());
    if (found.length) problems.push(`crash after write ${k} (${writes[k - 1]}): ${found.join('; ')}`);
  }
  return { writes, problems };
}

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
