/**
 * Every crash point, visited in turn. A function instance can die between any two database
 * calls (timeout, OOM, redeploy); the client then retries. For each action, a dry run
 * lists its writes; then, for each k, the action runs on a store that dies right after
 * write k, and the same request is sent again on a healthy store. After the retry the
 * database must hold exactly what one clean call would have left: no duplicate, no seat
 * without its booking or booking without its seat, no lock or quota held for nothing, and
 * every state change with its audit event.
 *
 * This is the deterministic half of the crash proof; sigkill.test.ts kills real processes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { bookingIdFor, lockIdFor, quotaIdFor, type BookingRecord, type LockRecord, type QuotaRecord } from '../../../cloudfunctions/lib/features/booking/records';
import type { ConcernRecord } from '../../../cloudfunctions/lib/features/concern/records';
import { monthKey } from '../../../cloudfunctions/lib/features/booking/schedule';
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-points-'));
  const file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, { residents: 600 });
  app = inProcess(file);
  reader = new DbReader(file);
}, 30_000);

afterAll(() => {
  reader?.close();
  app?.deps.store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const resident = () => world.residents[nextResident++];

/** A fresh service with one slot a day or more ahead. */
async function freshSlot(seats: number) {
  const service = await app.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
    name: `崩溃点服务${nextService++}`, description: '证明测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: seats, minNoticeHours: 1, maxPerMonth: 31,
  });
  await app.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '10:00' })) });
  const slots = await app.ok<{ items: Array<{ id: string }> }>('demo-admin', 'booking.slots', { serviceId: service.id, from: Date.now() + 26 * 3600_000, limit: 1 });
  return { serviceId: service.id, slotId: slots.items[0].id };
}

interface Case {
  /** Builds the world the request meets; returns the request and how to judge the end state. */
  setup(): Promise<{
    send(): Promise<Envelope<any>>;
    expectRetry(res: Envelope<any>): string[];
    check(): string[];
  }>;
}

interface PointResult {
  k: number;
  op: string;
  problems: string[];
}

/** Dry run for the write list, then one crash-and-retry per write. */
async function visitCrashPoints(c: Case): Promise<{ writes: string[]; results: PointResult[] }> {
  const dry = await c.setup();
  app.hooked.revive();
  const res = await dry.send();
  const writes = app.hooked.writes.map(describeOp);
  const dryProblems = [...dry.expectRetry(res), ...dry.check()];
  if (dryProblems.length) throw new Error(`clean run is already wrong:\n${dryProblems.join('\n')}`);

  const results: PointResult[] = [];
  for (let k = 1; k <= writes.length; k += 1) {
    const point = await c.setup();
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await point.send();
    const problems: string[] = [];
    if (crashed.ok || crashed.error.code !== 'INTERNAL') problems.push(`the crashed call answered ${JSON.stringify(crashed).slice(0, 100)}`);
    app.hooked.revive();
    problems.push(...point.expectRetry(await point.send()), ...point.check());
    results.push({ k, op: writes[k - 1], problems });
  }
  return { writes, results };
}

function report(results: PointResult[]): string {
  return results.filter((r) => r.problems.length).map((r) => `crash after write ${r.k} (${r.op}):\n  ${r.problems.join('\n  ')}`).join('\n');
}

/** Problems with this resident's lock and quota on the service, beyond reconcileSlot's. */
function limitProblems(serviceId: string, slotId: string, openid: string, startAt: number): string[] {
  const m = memberIdFor(openid);
  const id = bookingIdFor(slotId, m);
  const b = reader.doc<BookingRecord>('bookings', id);
  const open = !!b && ['booked', 'waitlisted', 'offered'].includes(b.status);
  const lock = reader.doc<LockRecord>('bookingLocks', lockIdFor(serviceId, m));
  const quota = reader.doc<QuotaRecord>('bookingQuotas', quotaIdFor(serviceId, m, monthKey(startAt)));
  const out: string[] = [];
  if (!open && lock?.bookingId) out.push(`lock still names ${lock.bookingId} though the booking is ${b?.status ?? 'absent'}`);
  const counted = !!quota?.used[id];
  const shouldCount = !!b && b.status !== 'cancelled';
  if (counted !== shouldCount) out.push(`quota ${counted ? 'counts' : 'does not count'} booking ${b?.status ?? 'absent'}`);
  return out;
}

const slotStart = (slotId: string) => Number(slotId.split('_').pop());

const concernCase: Case = {
  async setup() {
    const who = resident();
    const member = reader.doc<{ household: { buildingId: string } }>('members', memberIdFor(who))!;
    const data = { category: 'cat_demo_repair', buildingId: member.household.buildingId, text: '单元门禁坏了，外人随意进出。' };
    const key = `crashpt${nextResident}x${Date.now().toString(36)}`;
    return {
      send: () => app.call(who, 'concern.submit', data, key),
      expectRetry: (res) => (res.ok ? [] : [`retry answered ${res.error.code}`]),
      check() {
        const mine = reader.where<ConcernRecord>('concerns', 'authorId', memberIdFor(who));
        const out = mine.length === 1 ? [] : [`${mine.length} concerns stored`];
        const c = mine[0];
        if (c?.assigneeId && !reader.doc('inbox', `concern:${c._id}:dispatched:to:${c.assigneeId}`)) out.push('the assignee was never notified');
        return [...out, ...reader.concernProblems()];
      },
    };
  },
};

/** The demo's staff who may be routed a concern (the grid workers and the admin). */
const STAFF = ['demo-grid-1', 'demo-grid-2', 'demo-grid-3', 'demo-admin'];

/** concern.accept by its assignee: a versioned step whose event rides on the concern. */
const acceptCase: Case = {
  async setup() {
    const who = resident();
    const member = reader.doc<{ household: { buildingId: string } }>('members', memberIdFor(who))!;
    const c = await app.ok<{ id: string }>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: member.household.buildingId, text: '楼道灯不亮，晚上看不清台阶。' }, `crashac${nextResident}x${Date.now().toString(36)}`);
    const assignee = STAFF.find((o) => memberIdFor(o) === reader.doc<ConcernRecord>('concerns', c.id)?.assigneeId);
    if (!assignee) throw new Error('the concern was routed to nobody the test knows');
    // A first call binds the staff member's openid (a write): make it before, so the crash points are the step's.
    await app.ok(assignee, 'concern.get', { concernId: c.id });
    return {
      send: () => app.call(assignee, 'concern.accept', { concernId: c.id }),
      // A retry after the step landed is told it is done already (CONFLICT); the state is what counts.
      expectRetry: (res) => (res.ok || res.error.code === 'CONFLICT' ? [] : [`retry answered ${res.error.code}`]),
      check() {
        const stored = reader.doc<ConcernRecord>('concerns', c.id);
        const out: string[] = [];
        if (stored?.status !== 'accepted') out.push(`the concern is ${stored?.status}, not accepted`);
        const accepted = reader.events(`concern:${c.id}`).filter((e) => e.type === 'concern.accepted');
        if (accepted.length !== 1) out.push(`${accepted.length} concern.accepted events`);
        const told = reader.where<{ recipientId: string; kind: string }>('inbox', 'recipientId', memberIdFor(who)).filter((n) => n.kind === 'concern.accepted');
        if (told.length !== 1) out.push(`the resident was told ${told.length} times that it is being handled`);
        return out;
      },
    };
  },
};

/** booking.create meeting a slot with `seats` seats and `before` bookings already in it. */
const bookingCase = (seats: number, before: number, expected: 'booked' | 'waitlisted' | 'FULL'): Case => ({
  async setup() {
    const { serviceId, slotId } = await freshSlot(seats);
    for (let i = 0; i < before; i += 1) await app.ok(resident(), 'booking.create', { slotId }, `pre${nextResident}x${i}xk`);
    const who = resident();
    const key = `crashbk${nextResident}xk`;
    return {
      send: () => app.call(who, 'booking.create', { slotId }, key),
      expectRetry: (res) => {
        const got = res.ok ? res.data.status : res.error.code;
        return got === expected ? [] : [`retry answered ${got}, expected ${expected}`];
      },
      check: () => [...reader.reconcileSlot(slotId, { audit: true }).problems, ...limitProblems(serviceId, slotId, who, slotStart(slotId))],
    };
  },
});

/** booking.cancel of a seat while one resident waits: the seat must pass to them. */
const cancelCase: Case = {
  async setup() {
    const { serviceId, slotId } = await freshSlot(1);
    const holder = resident();
    const waiter = resident();
    const booking = await app.ok<{ id: string }>(holder, 'booking.create', { slotId }, `holder${nextResident}xk`);
    await app.ok(waiter, 'booking.create', { slotId }, `waiter${nextResident}xk`);
    return {
      send: () => app.call(holder, 'booking.cancel', { bookingId: booking.id }),
      // A retry after a cancel that did land may say so (CLOSED); the state is what counts.
      expectRetry: (res) => (res.ok || res.error.code === 'CLOSED' ? [] : [`retry answered ${res.error.code}`]),
      check() {
        const out = [...reader.reconcileSlot(slotId, { audit: true }).problems, ...limitProblems(serviceId, slotId, holder, slotStart(slotId))];
        const b = reader.doc<BookingRecord>('bookings', booking.id);
        if (b?.status !== 'cancelled') out.push(`the cancelled booking is ${b?.status}`);
        const w = reader.doc<BookingRecord>('bookings', bookingIdFor(slotId, memberIdFor(waiter)));
        if (w?.status !== 'offered') out.push(`the waiter's booking is ${w?.status}, not offered the freed seat`);
        return out;
      },
    };
  },
};

/** Runs each case's crash points once, shared by the tests that judge them. */
const memo = new Map<string, Promise<{ writes: string[]; results: PointResult[] }>>();
const visit = (name: string, c: Case) => {
  if (!memo.has(name)) memo.set(name, visitCrashPoints(c));
  return memo.get(name)!;
};

/*
 * Booking changes and their audit events commit in one transaction, so there is no crash
 * point between a booking and its event; a retry re-sends the (idempotent) notice. A
 * cancel that dies midway is finished by its retry (and by the sweep: cancel leaves
 * wakeAt set until its place, lock and quota are all back).
 */
describe('a crash between any two writes, then the client retries', () => {
  it('concern.submit: one concern, numbered without gaps, with its intake events and notice', async () => {
    const { writes, results } = await visit('submit', concernCase);
    expect(writes.length).toBeGreaterThan(2);
    expect(report(results)).toBe('');
  }, 30_000);

  it('concern.accept: accepted once, with its one event and the resident told once', async () => {
    const { writes, results } = await visit('accept', acceptCase);
    expect(writes.length).toBeGreaterThan(1);
    expect(report(results)).toBe('');
  }, 30_000);

  it('booking.create taking a seat: the booking, its seat, lock, quota and event, once', async () => {
    expect(report((await visit('seat', bookingCase(2, 0, 'booked'))).results)).toBe('');
  }, 30_000);

  it('booking.create joining the waitlist: likewise', async () => {
    expect(report((await visit('waitlist', bookingCase(1, 1, 'waitlisted'))).results)).toBe('');
  }, 30_000);

  it('booking.create refused FULL: gives back the lock and quota it claimed', async () => {
    expect(report((await visit('full', bookingCase(1, 6, 'FULL'))).results)).toBe('');
  }, 30_000);

  it('booking.cancel: the seat is freed and offered to the waiter, the lock and quota given back', async () => {
    expect(report((await visit('cancel', cancelCase)).results)).toBe('');
  }, 30_000);
});
