/**
 * The motions' clock (sweep job `motionClock`). Every motion that waits on time carries
 * `wakeAt`; this job takes those due and, by status:
 *  - collecting: recounts the supports from their records (a crash between a support's
 *    insert and its increment leaves the count short), meets the threshold if the recount
 *    reaches it, expires the motion past its support period (the mover told), else looks
 *    again in RECOUNT_EVERY;
 *  - thresholdMet: tells the admins if a crash kept them from it, and past the answer
 *    deadline chases them every CHASE_EVERY_DAYS 「议题逾期未上会或答复」. There is no
 *    subdistrict (街道) role in the app to take it further, so from the third chase the
 *    admins' message says it is escalated (提请社区负责人督办) — the concern desk's own
 *    escalation also ends at the community's admins.
 * Each move is a compare-and-set, so an overlapping sweep changes nothing twice.
 */
import { CHASE_EVERY_DAYS } from '../../../../miniprogram/core/council/vocabulary';
import type { Deps } from '../../kernel/deps';
import { appendEvent } from '../../kernel/audit';
import { forEachDue } from '../../kernel/due';
import { budgetLeft, dropTally, readTally, writeTally } from '../../kernel/sweep-budget';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import type { Notifier } from '../../ports/platform';
import { motionSubject, type MotionRecord } from './records';
import { meetThreshold, noticeThresholdMet, RECOUNT_EVERY } from './threshold';
import { adminsInbox, commit, followers, syncConcern, tell } from './transition';
import { unitWord } from './settings';

/** A support younger than this may still have its increment in flight: it is not recounted yet. */
export const RECOUNT_GRACE = 5 * 60_000;
/** Chases after which the message says it is escalated. */
export const CHASES_BEFORE_ESCALATION = 2;

export type MotionClockOutcome = 'recounted' | 'thresholdMet' | 'expired' | 'noticed' | 'chased' | 'escalated' | 'waited';

export async function runMotionClock(deps: Deps, now: number, budget: { pages: number }) {
  const counts: Record<MotionClockOutcome, number> = { recounted: 0, thresholdMet: 0, expired: 0, noticed: 0, chased: 0, escalated: 0, waited: 0 };
  const { conflicts } = await forEachDue(deps.store, 'motions', now, budget.pages, async (m, db) => {
    for (const outcome of await step(db, deps.notifier, m, now)) counts[outcome] += 1;
  });
  return { ...counts, conflicts };
}

async function step(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<MotionClockOutcome[]> {
  if (m.status === 'collecting') return collecting(db, notifier, m, now);
  if (m.status === 'thresholdMet') return thresholdMet(db, notifier, m, now);
  // Scheduled, decided, answered: nothing waits on the clock any more.
  await db.update('motions', m._id, { wakeAt: null, updatedAt: now }, { status: m.status });
  return [];
}

/**
 * The count, rebuilt from the support records, if none of them is so recent that its
 * increment may still be on its way; set by compare-and-set on the count read, so an
 * increment landing meanwhile makes it wait for the next look instead of being lost.
 * Walked by time a page at a time, and past the sweep's budget over several runs (the
 * place kept in counters `sweep:motionSupports:<id>`): supports are never removed and new
 * ones come last, so the pages behind the place stay counted. 'later' = not done this run.
 */
async function recount(db: ScopedStore, m: MotionRecord, now: number): Promise<MotionRecord | null | 'later'> {
  const key = `motionSupports:${m._id}`;
  const tally = await readTally(db.store, key);
  const resumed = tally.after !== undefined;
  const done = async () => {
    if (resumed) await dropTally(db.store, key);
  };
  for (let page = 0; ; page += 1) {
    // At least a page a run, so a small budget still moves the count on.
    if (page > 0 && budgetLeft(db.store) < 3) {
      await writeTally(db.store, key, db.communityId, tally);
      return 'later';
    }
    const read = await db.query('motionSupports', { where: { motionId: m._id }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after: tally.after });
    if (read.items.some((s) => s.createdAt > now - RECOUNT_GRACE)) {
      await done();
      return null;
    }
    tally.n += read.items.length;
    if (!read.next) break;
    tally.after = read.next;
  }
  await done();
  if (tally.n === m.supports) return null;
  const fixed = await db.update('motions', m._id, { supports: tally.n, updatedAt: now }, { supports: m.supports, status: 'collecting' });
  return fixed ? { ...m, supports: tally.n } : null;
}

async function collecting(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<MotionClockOutcome[]> {
  const out: MotionClockOutcome[] = [];
  const recounted = await recount(db, m, now);
  // Counting goes on next run; the motion stays due meanwhile.
  if (recounted === 'later') return [];
  if (recounted) {
    out.push('recounted');
    await appendRecount(db, m, recounted.supports, now);
  }
  const current = recounted ?? m;
  if (await meetThreshold(db, notifier, current, now)) return [...out, 'thresholdMet'];
  if (now >= m.supportClosesAt) {
    const fresh = await db.require('motions', m._id);
    if (fresh.status !== 'collecting') return out;
    const w = unitWord(fresh.supportUnit);
    const { next, event } = await commit(db, 'system', fresh, { status: 'expired', wakeAt: null }, { type: 'motion.expired', public: true, note: `${fresh.supports}${w}附议，未达${fresh.threshold}${w}` }, now);
    await syncConcern(db, next);
    await tell(notifier, next, event._id, { to: await followers(db, next), kind: 'motion.expired', title: '议题附议期满未达标', body: `「${next.title}」附议期已结束：${next.supports}${w}附议，需${next.threshold}${w}。` });
    return [...out, 'expired'];
  }
  await db.update('motions', m._id, { wakeAt: Math.min(m.supportClosesAt, now + RECOUNT_EVERY), updatedAt: now }, { status: 'collecting' });
  return [...out, 'waited'];
}

async function appendRecount(db: ScopedStore, m: MotionRecord, supports: number, now: number): Promise<void> {
  await appendEvent(db, 'system', { key: `recount:${now}`, subject: motionSubject(m._id), type: 'motion.recounted', public: false, note: `附议数由${m.supports}更正为${supports}`, at: now });
}

async function thresholdMet(db: ScopedStore, notifier: Notifier, stored: MotionRecord, now: number): Promise<MotionClockOutcome[]> {
  let m = stored;
  if (!m.metNoticed) {
    // The supporter who crossed the threshold sends its messages and leaves marking them to
    // this run; a motion back from a cancelled meeting may be past its deadline by then.
    await noticeThresholdMet(db, notifier, m, now);
    if (m.answerDueAt === null || now < m.answerDueAt) return ['noticed'];
    m = { ...m, metNoticed: true, wakeAt: m.answerDueAt };
    return ['noticed', ...(await chaseIfLate(db, notifier, m, now))];
  }
  return chaseIfLate(db, notifier, m, now);
}

async function chaseIfLate(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<MotionClockOutcome[]> {
  if (m.answerDueAt === null || now < m.answerDueAt) {
    await db.update('motions', m._id, { wakeAt: m.answerDueAt, updatedAt: now }, { version: m.version });
    return ['waited'];
  }
  const chase = m.chases + 1;
  const escalated = chase > CHASES_BEFORE_ESCALATION;
  const lateDays = Math.floor((now - m.answerDueAt) / DAY);
  const { next, event } = await commit(
    db,
    'system',
    m,
    { chases: chase, wakeAt: now + CHASE_EVERY_DAYS * DAY },
    { type: escalated ? 'motion.escalated' : 'motion.chased', public: false, note: `第${chase}次催办` },
    now,
  );
  await tell(notifier, next, event._id, {
    to: [adminsInbox(m.communityId)],
    kind: escalated ? 'motion.escalated' : 'motion.overdue',
    title: escalated ? `督办：议题逾期未上会或答复（第${chase}次）` : `议题逾期未上会或答复：${m.title}`,
    body: escalated
      ? `「${m.title}」已逾期${lateDays}天，催办${chase - 1}次仍未上会或答复，请社区负责人督办。`
      : `「${m.title}」附议已达标，答复期限已过${lateDays ? `${lateDays}天` : ''}，请列入会议议程或书面答复理由。`,
  });
  return [escalated ? 'escalated' : 'chased'];
}
