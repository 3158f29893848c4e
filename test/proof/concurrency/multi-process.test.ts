/**
 * Races across processes. CloudBase runs many instances of `api` at once, each with its
 * own memory, so a rule that only holds because one Node process runs one handler step at
 * a time is no rule. Three gateway processes share one SQLite file (the store's BEGIN
 * IMMEDIATE writes and optimistic transactions are what keeps them honest) and every round
 * fires its requests at all three in a random interleaving, then reconciles what the
 * responses said against what the database holds.
 *
 * Seeded: a failing round prints `PROOF_SEED=<n>`; set it to replay the same orders.
 *
 * Sensitivity, checked once by hand: with takePlace's conditional seat update turned into
 * read-then-write (invisible to the in-process 1,000-way race, where nothing runs between
 * the read and the write), (a) failed in round 11 of 20. Races found here that a fix must
 * close are replayed deterministically in known-races.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import { bookingIdFor, type BookingRecord, type SlotRecord } from '../../../cloudfunctions/lib/features/booking/records';
import type { ConcernRecord } from '../../../cloudfunctions/lib/features/concern/records';
import type { InviteRecord } from '../../../cloudfunctions/lib/features/member/records';
import type { MemberRecord } from '../../../cloudfunctions/lib/kernel/members';
import { waitlistCap } from '../../../cloudfunctions/lib/features/booking/admin-services';
import { DbReader } from '../support-b/checks';
import { callApi, startGateway, type GatewayProcess, type Reply } from '../support-b/gateways';
import { baseSeed, interleave, rng, type Rng } from '../support-b/rng';
import { prepareWorld, type World } from '../support-b/world';

const ROUNDS = 20;
const PROCESSES = 3;
/** Residents racing for one slot of 10 seats in scenario (a). */
const CROWD = 200;
const SEATS = 10;

// Resident pools, disjoint so the per-resident rate limits (booking.create 60/h,
// concern.submit 10/h) never decide an outcome.
const POOL = { crowd: [0, CROWD], taps: [CROWD, CROWD + ROUNDS], cancel: [CROWD + ROUNDS, CROWD + ROUNDS + 30], concern: [CROWD + ROUNDS + 30, CROWD + 2 * ROUNDS + 30] } as const;
const RESIDENTS = POOL.concern[1];

const SEED = baseSeed();
let dir: string;
let file: string;
let world: World;
let gateways: GatewayProcess[] = [];
let reader: DbReader;

const roundRng = (scenario: number, round: number): Rng => rng(SEED + scenario * 1000 + round);
const pool = (name: keyof typeof POOL) => world.residents.slice(POOL[name][0], POOL[name][1]);
/** A random one of the processes, so consecutive requests land on different instances. */
const anyGateway = (r: Rng) => r.pick(gateways).url;
const replay = () => `(replay with PROOF_SEED=${SEED})`;

/** Fails with every unexpected response listed, not just the first. */
function expectOnly(results: Reply[], allowed: (r: Reply) => boolean, what: string) {
  const bad = results.filter((r) => !allowed(r)).map((r) => (r.ok ? `ok:${JSON.stringify(r.data).slice(0, 120)}` : `${r.error.code}:${r.error.message}`));
  if (bad.length) throw new Error(`${what}: ${bad.length} unexpected responses ${replay()}\n${[...new Set(bad)].join('\n')}`);
}

function expectConsistent(problems: string[], what: string) {
  if (problems.length) throw new Error(`${what} ${replay()}:\n${problems.join('\n')}`);
}

beforeAll(async () => {
  const t0 = Date.now();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-conc-'));
  file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, {
    residents: RESIDENTS,
    services: [
      ...Array.from({ length: ROUNDS }, (_, i) => ({ name: `抢号服务${i}`, seats: SEATS })),
      ...Array.from({ length: ROUNDS }, (_, i) => ({ name: `连点服务${i}`, seats: SEATS })),
      ...Array.from({ length: ROUNDS }, (_, i) => ({ name: `退约服务${i}`, seats: SEATS })),
    ],
    invites: ROUNDS * 5,
  });
  const prepared = Date.now() - t0;
  gateways = await Promise.all(Array.from({ length: PROCESSES }, () => startGateway(file)));
  reader = new DbReader(file);
  // Printed so the suite's own cost stays visible.
  console.info(`proof/concurrency: seed ${SEED}; prepared in ${prepared} ms; ${PROCESSES} gateways ready in ${gateways.map((g) => g.startMs).join('/')} ms`);
}, 60_000);

afterAll(async () => {
  reader?.close();
  await Promise.all(gateways.map((g) => g.stop()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 20_000);

describe('(a) a crowd books one slot of 10 seats through three processes', () => {
  it(`seats exactly ${SEATS}, waitlists up to the cap, tells the rest FULL — ${ROUNDS} rounds`, async () => {
    const crowd = pool('crowd');
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(1, round);
      const { slotId, serviceId } = world.services[round];
      const results = await interleave(r, crowd.map((p, i) => () => callApi(anyGateway(r), p, 'booking.create', { slotId }, `crowd${round}x${i}x${SEED}`)));

      expectOnly(results, (x) => (x.ok ? ['booked', 'waitlisted'].includes(x.data.status) : x.error.code === 'FULL'), `round ${round}`);
      const booked = results.filter((x) => x.ok && x.data.status === 'booked');
      const waitlisted = results.filter((x) => x.ok && x.data.status === 'waitlisted');
      expect(booked).toHaveLength(SEATS);
      expect(waitlisted).toHaveLength(waitlistCap(SEATS));
      expect(results.filter((x) => !x.ok)).toHaveLength(CROWD - SEATS - waitlistCap(SEATS));
      // Every answer names the caller's own booking, and waitlist places are 1..cap.
      results.forEach((x, i) => x.ok && expect(x.data.id).toBe(bookingIdFor(slotId, memberIdFor(crowd[i]))));
      expect(waitlisted.map((x) => x.ok && x.data.waitlistPosition).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: waitlistCap(SEATS) }, (_, i) => i + 1));

      const { problems, slot } = reader.reconcileSlot(slotId, { audit: true });
      expectConsistent([...problems, ...reader.staleLocks(serviceId, crowd.map(memberIdFor))], `round ${round}`);
      expect(slot.seatsLeft).toBe(0);
      expect(slot.waitlistCount).toBe(waitlistCap(SEATS));
    }
  }, 60_000);
});

describe('(b) one resident sends the same booking again and again, to every process', () => {
  it(`makes one booking, and one open booking per service — ${ROUNDS} rounds`, async () => {
    const residents = pool('taps');
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(2, round);
      const { slotId, otherSlotIds, serviceId } = world.services[ROUNDS + round];
      const who = residents[round];
      const m = memberIdFor(who);
      // 30 sends of one booking (new keys as from double taps, old keys as from retries),
      // plus a few for other slots of the same service, all at once.
      const keys = Array.from({ length: 5 }, (_, i) => `taps${round}x${i}x${SEED}`);
      const jobs = [
        ...Array.from({ length: 30 }, () => ({ slot: slotId, key: r.pick(keys) })),
        ...Array.from({ length: 6 }, (_, i) => ({ slot: otherSlotIds[i % 2], key: `tapso${round}x${i}x${SEED}` })),
      ];
      const results = await interleave(r, jobs.map((j) => () => callApi(anyGateway(r), who, 'booking.create', { slotId: j.slot }, j.key)));

      const bookings = [slotId, ...otherSlotIds].flatMap((s) => reader.where<BookingRecord>('bookings', 'slotId', s)).filter((b) => b.memberId === m);
      expect(bookings).toHaveLength(1);
      const [only] = bookings;
      expect(only.status).toBe('booked');
      // Everything sent for the winning slot answers with that one booking; everything
      // for another slot is refused by the one-open-booking rule.
      results.forEach((x, i) => {
        if (jobs[i].slot === only.slotId) expect(x.ok && x.data.id).toBe(only._id);
        else expect(!x.ok && x.error.code).toBe('BOOKING_LIMIT');
      });
      for (const s of [slotId, ...otherSlotIds]) {
        const { problems, slot } = reader.reconcileSlot(s, { audit: true });
        expectConsistent(problems, `round ${round}, slot ${s}`);
        expect(Object.keys(slot.holders)).toEqual(s === only.slotId ? [only._id] : []);
      }
      expectConsistent(reader.staleLocks(serviceId, [m]), `round ${round}`);
    }
  }, 60_000);
});

describe('(c) cancellations race new bookings across processes', () => {
  it(`never seats more than ${SEATS}, and freed seats go down the waitlist — ${ROUNDS} rounds`, async () => {
    const people = pool('cancel');
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(3, round);
      const { slotId, serviceId } = world.services[2 * ROUNDS + round];
      const order = r.shuffle(people);
      const first = order.slice(0, 15);
      const newcomers = order.slice(15);
      const opened = await interleave(r, first.map((p, i) => () => callApi(anyGateway(r), p, 'booking.create', { slotId }, `cx${round}x${i}x${SEED}`)));
      expectOnly(opened, (x) => x.ok, `round ${round} opening`);
      const holders = first.filter((_, i) => opened[i].ok && opened[i].data.status === 'booked');
      const waiters = first.filter((_, i) => opened[i].ok && opened[i].data.status === 'waitlisted');
      expect(holders).toHaveLength(SEATS);
      expect(waiters).toHaveLength(5);

      // Some holders and some waiters cancel while newcomers book, in any order.
      const leaving = [...r.shuffle(holders).slice(0, 1 + r.int(6)), ...r.shuffle(waiters).slice(0, r.int(3))];
      const byWho = new Map(first.map((p, i) => [p, opened[i].ok ? (opened[i].data.id as string) : '']));
      const jobs = [
        ...leaving.map((p) => () => callApi(anyGateway(r), p, 'booking.cancel', { bookingId: byWho.get(p) })),
        ...newcomers.map((p, i) => () => callApi(anyGateway(r), p, 'booking.create', { slotId }, `cn${round}x${i}x${SEED}`)),
      ];
      // Watch the slot while the race runs: at no instant more than SEATS holders.
      let maxHolders = 0;
      let minLeft = SEATS;
      const watch = setInterval(() => {
        const s = reader.doc<SlotRecord>('slots', slotId)!;
        maxHolders = Math.max(maxHolders, Object.keys(s.holders).length, s.seats - s.seatsLeft);
        minLeft = Math.min(minLeft, s.seatsLeft);
      }, 1);
      const results = await interleave(r, jobs).finally(() => clearInterval(watch));
      expect(maxHolders).toBeLessThanOrEqual(SEATS);
      expect(minLeft).toBeGreaterThanOrEqual(0);

      const cancels = results.slice(0, leaving.length);
      const joins = results.slice(leaving.length);
      // A waiter's cancel may meet its own promotion (CONFLICT: refresh and retry); that
      // retry must then succeed.
      for (const [i, x] of cancels.entries()) {
        if (x.ok) continue;
        expect(x.error.code).toBe('CONFLICT');
        expect(waiters).toContain(leaving[i]);
        const again = await callApi(anyGateway(r), leaving[i], 'booking.cancel', { bookingId: byWho.get(leaving[i]) });
        expect(again.ok).toBe(true);
      }
      expectOnly(joins, (x) => (x.ok ? ['booked', 'waitlisted', 'offered'].includes(x.data.status) : x.error.code === 'FULL'), `round ${round} newcomers`);
      // A newcomer promoted between joining the waitlist and storing its booking (R1 in
      // known-races) must not be left 'waitlisted' on a seat: reconcile counts that a problem.
      const { problems, slot, bookings, stranded } = reader.reconcileSlot(slotId, { audit: true });
      expect(stranded).toEqual([]);
      expectConsistent([...problems, ...reader.staleLocks(serviceId, people.map(memberIdFor))], `round ${round}`);
      expect(Object.keys(slot.holders).length).toBeLessThanOrEqual(SEATS);
      // Seats freed while people waited went to the waiters, who now hold offers.
      expect(bookings.filter((b) => b.status === 'cancelled')).toHaveLength(leaving.length);
      if (slot.waitlistCount > 0) expect(slot.seatsLeft).toBe(0);
    }
  }, 60_000);
});

describe('(d) concern.submit retried with one idempotency key on every process', () => {
  it(`stores one concern per key, and the same key with other content is CONFLICT — ${ROUNDS} rounds`, async () => {
    const residents = pool('concern');
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(4, round);
      const who = residents[round];
      const member = reader.doc<MemberRecord>('members', memberIdFor(who))!;
      const key = `concern${round}x${SEED}`;
      const mine = { category: 'cat_demo_repair', buildingId: member.household!.buildingId, text: `第${round}轮：楼道声控灯不亮，晚上看不清台阶。` };
      const other = { ...mine, text: `第${round}轮：另一件事，小区东门的路灯也坏了。` };
      const jobs = [...Array.from({ length: 20 }, () => mine), ...Array.from({ length: 5 }, () => other)];
      const results = await interleave(r, jobs.map((data) => () => callApi(anyGateway(r), who, 'concern.submit', data, key)));

      const stored = reader.where<ConcernRecord>('concerns', 'authorId', member._id);
      expect(stored).toHaveLength(1);
      const [c] = stored;
      // Whichever content arrived first owns the key; every other content is CONFLICT.
      results.forEach((x, i) => {
        if (jobs[i].text === c.text) {
          expect(x.ok && [x.data.id, x.data.number]).toEqual([c._id, c.number]);
        } else {
          expect(!x.ok && x.error.code).toBe('CONFLICT');
        }
      });
      const events = reader.events(`concern:${c._id}`).map((e) => e.type).sort();
      expect(events).toEqual(['concern.dispatched', 'concern.submitted']);
    }
    // Numbers commit with their concerns: per day, counter == concerns, numbered 1..n.
    expectConsistent(reader.concernProblems(), 'concern numbers');
  }, 60_000);
});

describe('(e) one invite code redeemed by many at once', () => {
  it(`binds exactly one visitor — ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(5, round);
      const code = world.invites[round];
      const visitors = Array.from({ length: 12 }, (_, i) => `proof-visitor-${round}-${i}`);
      const results = await interleave(r, visitors.map((v) => () => callApi(anyGateway(r), v, 'member.redeemInvite', { code })));
      expectOnly(results, (x) => x.ok || x.error.code === 'INVITE_INVALID', `round ${round}`);
      const winners = visitors.filter((_, i) => results[i].ok);
      expect(winners).toHaveLength(1);
      const invite = reader.doc<InviteRecord>('invites', `inv_${code}`)!;
      expect(invite.usedBy).toBe(memberIdFor(winners[0]));
      const bound = reader.where<MemberRecord>('members', 'householdId', invite.householdId);
      expect(bound.map((m) => m._id)).toEqual([memberIdFor(winners[0])]);
      expect(bound[0].roles).toEqual(['resident']);
    }
  }, 60_000);

  it(`and one visitor redeeming several codes at once is bound once, the other codes stay usable — ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const r = roundRng(6, round);
      const codes = world.invites.slice(ROUNDS + round * 4, ROUNDS + round * 4 + 4);
      const who = `proof-hopper-${round}`;
      const results = await interleave(r, codes.map((code) => () => callApi(anyGateway(r), who, 'member.redeemInvite', { code })));
      // Once bound, the caller is a resident, whom redeemInvite no longer serves (FORBIDDEN).
      expectOnly(results, (x) => x.ok || ['MEMBER_ALREADY_BOUND', 'INVITE_INVALID', 'CONFLICT', 'FORBIDDEN'].includes(x.error.code), `round ${round}`);
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      const member = reader.doc<MemberRecord>('members', memberIdFor(who))!;
      expect(member.householdId).toBeTruthy();
      const invites = codes.map((code) => reader.doc<InviteRecord>('invites', `inv_${code}`)!);
      const used = invites.filter((i) => i.usedBy !== null);
      expect(used).toHaveLength(1);
      expect(used[0].usedBy).toBe(member._id);
      expect(used[0].householdId).toBe(member.householdId);
    }
  }, 60_000);
});
