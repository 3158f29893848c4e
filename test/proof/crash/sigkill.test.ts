/**
 * Crash safety with a real process: a gateway takes a burst of writes (concern.submit with
 * idempotency keys, booking.create on a small slot, all sent at once), SIGKILLs itself right
 * after it has sent its K-th response — with requests still in flight — and is restarted on the
 * same SQLite file. Then:
 * - every write acknowledged before the kill is there (no lost acknowledged write);
 * - retrying every request with the same key gives one record each (no duplicate), and the
 *   acknowledged ones answer as they did the first time;
 * - nothing is half-done after the retries: each concern has its intake events, numbers
 *   have no gaps, the slot's seats and waitlist equal its bookings, no lock or quota is held
 *   for nothing.
 * Repeated with different K so the kill lands at different depths of the burst.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { bookingIdFor, type BookingRecord } from '../../../cloudfunctions/lib/features/booking/records';
import type { ConcernRecord } from '../../../cloudfunctions/lib/features/concern/records';
import type { MemberRecord } from '../../../cloudfunctions/lib/kernel/members';
import { waitlistCap } from '../../../cloudfunctions/lib/features/booking/admin-services';
import { DbReader, SEATED } from '../support-b/checks';
import { callApi, startGateway, type Reply } from '../support-b/gateways';
import { baseSeed, rng } from '../support-b/rng';
import { prepareWorld, type World } from '../support-b/world';

/** Kill after this many responses, one repetition each. */
const KILL_AFTER = [1, 12, 37, 70];
const CONCERN_RESIDENTS = 30; // two keys each
const BOOKERS = 30;
const SEATS = 3;
const IN_FLIGHT = 12;
const PER_REP = CONCERN_RESIDENTS + BOOKERS;

const SEED = baseSeed();
let dir: string;
let file: string;
let world: World;
let reader: DbReader;

interface Req {
  kind: 'concern' | 'booking';
  who: string;
  data: Record<string, unknown>;
  key: string;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-kill-'));
  file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, {
    residents: PER_REP * KILL_AFTER.length,
    services: KILL_AFTER.map((_, i) => ({ name: `小班服务${i}`, seats: SEATS })),
  });
  reader = new DbReader(file);
}, 30_000);

afterAll(() => {
  reader?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function requestsFor(rep: number): Req[] {
  const people = world.residents.slice(rep * PER_REP, (rep + 1) * PER_REP);
  const reqs: Req[] = [];
  people.slice(0, CONCERN_RESIDENTS).forEach((who, i) => {
    const buildingId = reader.doc<MemberRecord>('members', memberIdFor(who))!.household!.buildingId;
    for (const n of [1, 2]) {
      reqs.push({ kind: 'concern', who, key: `kill${rep}x${i}x${n}x${SEED}`, data: { category: 'cat_demo_environment', buildingId, text: `第${n}件：楼下垃圾桶满了，已经两天没人清运。` } });
    }
  });
  const { slotId } = world.services[rep];
  people.slice(CONCERN_RESIDENTS).forEach((who, i) => reqs.push({ kind: 'booking', who, key: `killbk${rep}x${i}x${SEED}`, data: { slotId } }));
  return rng(SEED + rep).shuffle(reqs);
}

const send = (url: string, r: Req) => callApi(url, r.who, r.kind === 'concern' ? 'concern.submit' : 'booking.create', r.data, r.key);

/**
 * Sends all of `reqs` at once to a gateway that SIGKILLs itself the moment it has finished
 * its K-th response, so the kill lands mid-burst however slowly this process reads the
 * answers (a timer, even of 2 ms, let a busy gateway answer them all first). Returns the
 * responses that arrived (acknowledged).
 */
async function burstAndKill(reqs: Req[], killAfter: number) {
  const gw = await startGateway(file, {}, 30_000, ['--kill-after', String(killAfter)]);
  const acked = new Map<number, Reply>();
  await Promise.all(reqs.map(async (r, i) => {
    try {
      acked.set(i, await send(gw.url, r));
    } catch {
      // Connection reset by the kill: not acknowledged.
    }
  }));
  await gw.exited;
  return { acked, inFlightAtKill: reqs.length - acked.size };
}

describe('SIGKILL in the middle of a burst of writes, restart, retry', () => {
  it.each(KILL_AFTER.map((k, rep) => [k, rep]))('kill after %i responses: no acknowledged write lost, no duplicate, nothing half-done', async (killAfter, rep) => {
    const reqs = requestsFor(rep);
    const { slotId, serviceId } = world.services[rep];
    const { acked, inFlightAtKill } = await burstAndKill(reqs, killAfter);
    expect(acked.size).toBeGreaterThanOrEqual(killAfter);
    expect(acked.size).toBeLessThan(reqs.length); // the kill did land mid-burst

    // The file survived the kill intact.
    expect(reader.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Every acknowledged write is there, as acknowledged.
    for (const [i, res] of acked) {
      if (!res.ok) continue;
      if (reqs[i].kind === 'concern') expect(reader.doc<ConcernRecord>('concerns', res.data.id)?.number).toBe(res.data.number);
      else expect(reader.doc<BookingRecord>('bookings', res.data.id)?.status).toBe(res.data.status);
    }

    // What the kill left behind before any retry (reported, not judged: half-done is allowed
    // until the client retries).
    const landedUnacked = reqs.filter((r, i) => !acked.has(i) && (r.kind === 'concern'
      ? reader.where<ConcernRecord>('concerns', 'authorId', memberIdFor(r.who)).some((c) => c.text === r.data.text)
      : !!reader.doc('bookings', bookingIdFor(slotId, memberIdFor(r.who))))).length;
    const bookerIds = reqs.filter((r) => r.kind === 'booking').map((r) => memberIdFor(r.who));
    const halfDone = reader.reconcileSlot(slotId).problems.length + reader.concernProblems().length + reader.staleLocks(serviceId, bookerIds).length;

    // Restart on the same file and retry everything, acknowledged or not.
    const gw = await startGateway(file);
    try {
      const retried: Reply[] = [];
      for (let from = 0; from < reqs.length; from += IN_FLIGHT) {
        retried.push(...(await Promise.all(reqs.slice(from, from + IN_FLIGHT).map((r) => send(gw.url, r)))));
      }
      reqs.forEach((r, i) => {
        const now = retried[i];
        const before = acked.get(i);
        if (r.kind === 'concern') expect(now.ok).toBe(true);
        else expect(now.ok ? now.data.status : now.error.code).toMatch(/^(booked|waitlisted|FULL)$/);
        // An acknowledged answer does not change on retry.
        const same = (x: Reply) => (x.ok ? [x.data.id, r.kind === 'concern' ? x.data.number : x.data.status] : [x.error.code]);
        if (before?.ok && now.ok) expect(same(now)).toEqual(same(before));
        else if (before) expect(now.ok ? now.data.status : now.error.code).toBe(before.ok ? before.data.status : before.error.code);
      });

      // One concern per key, each with its intake events; numbers without gaps.
      const concernAuthors = [...new Set(reqs.filter((r) => r.kind === 'concern').map((r) => r.who))];
      for (const who of concernAuthors) expect(reader.where<ConcernRecord>('concerns', 'authorId', memberIdFor(who))).toHaveLength(2);
      expect(reader.concernProblems()).toEqual([]);

      // Seats and waitlist equal the bookings; no booking for a FULL answer.
      const bookers = reqs.filter((r) => r.kind === 'booking').map((r) => r.who);
      const { problems, slot, bookings } = reader.reconcileSlot(slotId);
      expect([...problems, ...reader.staleLocks(serviceId, bookers.map(memberIdFor))]).toEqual([]);
      expect(bookings.filter((b) => SEATED.includes(b.status))).toHaveLength(SEATS);
      expect(bookings.filter((b) => b.status === 'waitlisted')).toHaveLength(waitlistCap(SEATS));
      expect(bookings).toHaveLength(SEATS + waitlistCap(SEATS));
      expect(slot.seatsLeft).toBe(0);
      reqs.forEach((r, i) => {
        if (r.kind !== 'booking') return;
        const res = retried[i];
        expect(!!reader.doc('bookings', bookingIdFor(slotId, memberIdFor(r.who)))).toBe(res.ok);
      });
      // A booking and its audit event commit together: none may be without it.
      expect(bookings.filter((b) => !reader.events(`booking:${b._id}`).length)).toEqual([]);
      console.info(`sigkill K=${killAfter}: ${acked.size} acknowledged, ${inFlightAtKill} unanswered at the kill (${landedUnacked} of them had written); ${halfDone} inconsistencies before the retries, none after`);
    } finally {
      await gw.stop();
    }
  }, 30_000);
});
