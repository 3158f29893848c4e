/**
 * The sweep at subdistrict scale: 10 communities holding `concerns` open concerns between
 * them (a `due` share of them past their `wakeAt`, as after an outage of the timer), and
 * `bookings` booked for tomorrow whose reminder is due, written straight into SQLite. The
 * sweep's jobs then run again and again, in runSweep's order with one start time per run,
 * until the backlog is gone. Per run: wall time here, reads and writes on the counting
 * store, and a modelled CloudBase time (every round-trip waited for in turn, at
 * MODEL_MS each) against the function's time limit; per job what it handled.
 */
import type { BookingRecord } from '../cloudfunctions/lib/features/booking/records';
import type { ConcernRecord } from '../cloudfunctions/lib/features/concern/records';
import type { BallotRecord, PollRecord } from '../cloudfunctions/lib/features/poll/records';
import type { SignupRecord } from '../cloudfunctions/lib/features/volunteer/records';
import { volunteerRecord } from '../test/support/volunteering';
import { runSweep } from '../cloudfunctions/lib/sweep/run-sweep';
import { FUNCTION_SETTINGS } from '../dev/deploy-plan';
import { DAY, HOUR } from '../cloudfunctions/lib/kernel/time';
import { benchService, benchWorld, bulkHouseholds, bulkResidents, type BenchWorld } from './world';
import { concernTemplate, fill, subdistrictCommunities } from './workbench';

export interface SweepSetup {
  communities: number;
  concerns: number;
  /** Share of the open concerns whose clock has run out when the sweep starts. */
  due: number;
  bookings: number;
  /** Polls past their end, each with `ballots` ballots to count before it closes. */
  polls: number;
  ballots: number;
  /** Volunteer sign-ups whose clock is due. */
  signups: number;
  /** CloudBase's limit the run must stay inside, in ms. */
  limitMs: number;
  modelMs: { read: number; write: number; commit: number };
}

export interface SweepJobRow {
  job: string;
  ms: number;
  reads: number;
  writes: number;
  /** The job's own report (counts of what it did), zeros left out. */
  handled: Record<string, number>;
}

export interface SweepRunRow {
  run: number;
  ms: number;
  reads: number;
  writes: number;
  modelledMs: number;
  withinLimit: boolean;
  /** Due items left after the run, per collection. */
  backlog: Record<string, number>;
  jobs: SweepJobRow[];
  failed: string[];
}

export const SWEEP_SETUP: SweepSetup = { communities: 10, concerns: 100_000, due: 0.1, bookings: 10_000, polls: 20, ballots: 2000, signups: 5000, limitMs: FUNCTION_SETTINGS.sweep.timeout * 1000, modelMs: { read: 10, write: 15, commit: 30 } };
/** A backlog that does not drain in this many runs is reported as not drained. */
const MAX_RUNS = 400;

const OPEN = ['dispatched', 'accepted', 'resolved', 'waitingResident'] as const;

function seedConcerns(w: BenchWorld, template: ConcernRecord, communities: string[], setup: SweepSetup): void {
  const now = w.clock.now();
  const every = Math.max(1, Math.round(1 / setup.due));
  fill(w, template, communities, setup.concerns, (i, doc) => ({
    ...doc,
    status: OPEN[i % OPEN.length],
    // Due ones spread over the last day; the rest wake over the next week.
    wakeAt: i % every === 0 ? now - 60_000 - (i % 1440) * 60_000 : now + HOUR + (i % 10_080) * 60_000,
    pausedAt: OPEN[i % OPEN.length] === 'waitingResident' ? now - 2 * DAY : doc.pausedAt,
    residentWait: null,
  }));
}

/** One real booking through the api, cloned over residents and communities, reminders due. */
async function seedBookings(w: BenchWorld, communities: string[], count: number): Promise<void> {
  const [resident] = bulkResidents(w, 1, 'sweep-template');
  const service = await benchService(w, '清扫基准', 10);
  const made = await w.ok<{ id: string }>(resident, 'booking.create', { slotId: service.slots[0].id }, 'sweep-template-booking');
  const template = (await w.sqlite.get<BookingRecord>('bookings', made.id))!;
  const now = w.clock.now();
  const insert = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_bookings" (id, doc) VALUES (?, ?)');
  w.sqlite.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const doc: BookingRecord = { ...template, _id: `bk_sweep${String(i).padStart(7, '0')}`, communityId: communities[i % communities.length], memberId: `m_sweep_${i}`, wakeAt: now - 60_000 - (i % 600) * 1000 };
      insert.run(doc._id, JSON.stringify(doc));
    }
  })();
}

/**
 * One real poll voted in once through the api, cloned `count` times over the communities
 * with `ballots` ballots each (households of thousands vote in a subdistrict's polls), all
 * past their end and due, so the sweep has to count every ballot before it closes them.
 */
async function seedPolls(w: BenchWorld, communities: string[], count: number, ballots: number): Promise<void> {
  const [[voter]] = bulkHouseholds(w, 1, 1, 'sweep-home');
  const now = w.clock.now();
  const made = await w.ok<{ id: string }>('demo-admin', 'poll.create', {
    title: '是否同意调整小区停车收费标准（清扫基准）', description: '', options: ['赞成', '反对'], minPicks: 1, maxPicks: 1, openTextLabel: null, unit: 'household',
    eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app'], opensAt: now, closesAt: now + 7 * DAY,
  }, 'sweep-template-poll');
  await w.ok(voter, 'poll.vote', { pollId: made.id, choice: { optionIds: ['o1'] } }, 'sweep-template-vote');
  const poll = (await w.sqlite.get<PollRecord>('polls', made.id))!;
  const ballot = (w.sqlite.db.prepare(`SELECT doc FROM "c_ballots" WHERE json_extract(doc, '$.pollId') = ?`).get(made.id) as { doc: string } | undefined)!;
  const template = JSON.parse(ballot.doc) as BallotRecord;
  const insertPoll = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_polls" (id, doc) VALUES (?, ?)');
  const insertBallot = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_ballots" (id, doc) VALUES (?, ?)');
  w.sqlite.db.transaction(() => {
    for (let j = 0; j < count; j += 1) {
      const id = `poll_sweep${String(j).padStart(4, '0')}`;
      const communityId = communities[j % communities.length];
      const closesAt = now - 60_000 - j * 1000;
      insertPoll.run(id, JSON.stringify({ ...poll, _id: id, communityId, closesAt, wakeAt: closesAt, participation: ballots } satisfies PollRecord));
      for (let k = 0; k < ballots; k += 1) {
        const b: BallotRecord = { ...template, _id: `bl_sweep${j}_${k}`, communityId, pollId: id, unitKey: `sweep-unit-${k}`, voterId: `m_sweep_voter_${k}`, at: closesAt - 3 * DAY + k * 1000 };
        insertBallot.run(b._id, JSON.stringify(b));
      }
    }
  })();
}

/** One real sign-up through the api, cloned over volunteers and communities, its clock due. */
async function seedSignups(w: BenchWorld, communities: string[], count: number): Promise<void> {
  const now = w.clock.now();
  const [volunteer] = bulkResidents(w, 1, 'sweep-volunteer');
  const v = volunteerRecord(volunteer, 0, now);
  w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_volunteers" (id, doc) VALUES (?, ?)').run(v._id, JSON.stringify(v));
  const team = await w.ok<{ id: string }>('demo-admin', 'team.upsert', { name: '清扫基准服务队' }, 'sweep-team');
  const startAt = now + 2 * DAY;
  const draft = await w.ok<{ id: string }>('demo-admin', 'activity.upsert', {
    teamId: team.id, title: '清扫基准活动', place: '社区广场', roles: [{ key: 'r1', name: '引导员' }],
    shifts: [{ key: 's1', startAt, endAt: startAt + 2 * HOUR }], seats: [{ shift: 's1', role: 'r1', seats: 10 }], signupDeadline: startAt - HOUR,
  }, 'sweep-activity');
  await w.ok('demo-admin', 'activity.publish', { activityId: draft.id });
  await w.ok(volunteer, 'activity.signup', { activityId: draft.id, shiftId: 's1', roleId: 'r1' }, 'sweep-signup');
  const template = JSON.parse((w.sqlite.db.prepare(`SELECT doc FROM "c_signups" WHERE json_extract(doc, '$.activityId') = ?`).get(draft.id) as { doc: string }).doc) as SignupRecord;
  const insert = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_signups" (id, doc) VALUES (?, ?)');
  w.sqlite.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const doc: SignupRecord = { ...template, _id: `su_sweep${String(i).padStart(6, '0')}`, communityId: communities[i % communities.length], memberId: `m_sweep_volunteer_${i}`, wakeAt: now - 60_000 - (i % 600) * 1000 };
      insert.run(doc._id, JSON.stringify(doc));
    }
  })();
}

function backlog(w: BenchWorld, now: number): Record<string, number> {
  const due = (c: string) => (w.sqlite.db.prepare(`SELECT count(*) AS n FROM "c_${c}" WHERE json_extract(doc, '$.wakeAt') <= ?`).get(now) as { n: number }).n;
  return { concerns: due('concerns'), bookings: due('bookings'), signups: due('signups'), polls: due('polls') };
}

const modelled = (setup: SweepSetup, reads: number, writes: number, detail: Record<string, number>) => {
  const commits = detail['tx commit'] ?? 0;
  return reads * setup.modelMs.read + (writes - commits) * setup.modelMs.write + commits * setup.modelMs.commit;
};

function handledOf(result: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (result && typeof result === 'object') for (const [k, v] of Object.entries(result)) if (typeof v === 'number' && v !== 0) out[k] = v;
  return out;
}

export async function measureSweep(dir: string, log: (s: string) => void, scale = 1): Promise<{ setup: SweepSetup; runs: SweepRunRow[]; drained: boolean }> {
  const scaled = (n: number) => Math.max(1, Math.round(n * scale));
  const setup: SweepSetup = { ...SWEEP_SETUP, concerns: scaled(SWEEP_SETUP.concerns), bookings: scaled(SWEEP_SETUP.bookings), polls: scaled(SWEEP_SETUP.polls), signups: scaled(SWEEP_SETUP.signups) };
  const w = await benchWorld(dir, { count: true, name: 'sweep', lifecycle: true });
  try {
    const communities = await subdistrictCommunities(w, setup.communities);
    // Opened three months ago, so last month's report is due for each of them as on the 1st
    // (the seed issued demo's already): the reports have to fit the runs too.
    w.sqlite.db.prepare(`UPDATE "c_communities" SET doc = json_set(doc, '$.createdAt', ?)`).run(w.clock.now() - 90 * DAY);
    log(`  filling ${setup.concerns.toLocaleString('en')} open concerns (${setup.due * 100}% due), ${setup.bookings.toLocaleString('en')} due bookings, ${setup.polls} ended polls of ${setup.ballots.toLocaleString('en')} ballots and ${setup.signups.toLocaleString('en')} due sign-ups over ${communities.length} communities`);
    seedConcerns(w, await concernTemplate(w), communities, setup);
    await seedBookings(w, communities, setup.bookings);
    await seedPolls(w, communities, setup.polls, setup.ballots);
    await seedSignups(w, communities, setup.signups);
    w.sqlite.db.pragma('wal_checkpoint(TRUNCATE)');

    const runs: SweepRunRow[] = [];
    let drained = false;
    for (let run = 1; run <= MAX_RUNS && !drained; run += 1) {
      const jobs: SweepJobRow[] = [];
      let reads = 0;
      let writes = 0;
      let model = 0;
      const t0 = performance.now();
      let j0 = t0;
      w.split!.reset();
      w.counting!.reset();
      // The sweep as the timer runs it, with each job's round-trips taken as it ends.
      const report = await runSweep(w.deps, {
        afterJob: (name, result) => {
          const trips = w.split!.reset();
          w.counting!.reset();
          reads += trips.reads;
          writes += trips.writes;
          model += modelled(setup, trips.reads, trips.writes, trips.detail);
          jobs.push({ job: name, ms: Math.round(performance.now() - j0), reads: trips.reads, writes: trips.writes, handled: handledOf(result) });
          j0 = performance.now();
        },
      });
      const failed = report.failed;
      const startedAt = report.startedAt;
      const left = backlog(w, startedAt);
      // After the first run only the jobs that did something are kept: the result stays readable.
      const kept = run === 1 ? jobs : jobs.filter((j) => Object.keys(j.handled).length || j.reads + j.writes > 1);
      runs.push({ run, ms: Math.round(performance.now() - t0), reads, writes, modelledMs: model, withinLimit: model <= setup.limitMs, backlog: left, jobs: kept, failed });
      drained = Object.values(left).every((n) => n === 0);
      if (run === 1 || run % 10 === 0 || drained) log(`  run ${run}: ${Math.round(performance.now() - t0)} ms, ${reads} reads, ${writes} writes, modelled ${model} ms; left ${JSON.stringify(left)}`);
    }
    return { setup, runs, drained };
  } finally {
    w.close();
  }
}
