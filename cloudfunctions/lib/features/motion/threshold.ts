/**
 * Crossing the threshold, once. Supports are counted by `op.inc`; whichever supporter (or
 * the sweep's recount) first sees the count reach the frozen threshold moves the motion
 * collecting → thresholdMet by a conditional update on its status, so under any race
 * exactly one caller wins — and only the winner writes the event and tells the admins
 * (the 「须上会或答复」 task). The answer deadline starts then.
 */
import { op } from '../../ports/store';
import { appendEvent } from '../../kernel/audit';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import type { Notifier } from '../../ports/platform';
import { motionSubject, type MotionRecord } from './records';
import { adminsInbox, followers, syncConcern, tell } from './transition';
import { unitWord } from './settings';

/** How often a collecting motion's count is checked against its support records. */
export const RECOUNT_EVERY = 6 * 3600_000;

/** Moves a motion whose count reached its threshold; true for the one caller that did. */
export async function meetThreshold(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<boolean> {
  if (m.status !== 'collecting' || m.supports < m.threshold) return false;
  const answerDueAt = now + m.answerDays * DAY;
  const won = await db.update(
    'motions',
    m._id,
    // The sweep looks again at once until the admins have been told (a crash right here).
    { status: 'thresholdMet', thresholdMetAt: now, answerDueAt, metNoticed: false, wakeAt: now, version: op.inc(1), updatedAt: now },
    { status: 'collecting' },
  );
  if (!won) return false;
  await noticeThresholdMet(db, notifier, { ...m, status: 'thresholdMet', thresholdMetAt: now, answerDueAt, version: m.version + 1 }, now);
  return true;
}

/**
 * Counts one new support and, when it is the one that reaches the threshold, moves the
 * motion in the same single conditional update: the count and the move are one write, and
 * the update's condition on the count decides — under any race exactly one increment
 * crosses, and only it (or the sweep's recount) moves the motion. Three conditions cover
 * every state (short of the threshold, at it, no longer collecting); the one the caller's
 * copy suggests is tried first, so a support costs one write. Returns the motion as this
 * call knows it: the count is at least what it shows (others may have added since).
 */
export async function addSupport(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<MotionRecord> {
  const answerDueAt = now + m.answerDays * DAY;
  const count = { supports: op.inc(1), updatedAt: now };
  const reaching = { status: 'collecting', supports: { $gte: m.threshold - 1 } };
  const short = { status: 'collecting', supports: { $lt: m.threshold - 1 } };
  const done = { status: { $ne: 'collecting' } };
  const order = m.status === 'collecting' && m.supports + 1 >= m.threshold ? [reaching, short, done] : m.status === 'collecting' ? [short, reaching, done] : [done, short, reaching];
  for (let pass = 0; pass < 3; pass += 1) {
    for (const where of order) {
      if (where !== reaching) {
        if (await db.update('motions', m._id, count, where)) return { ...m, supports: m.supports + 1, updatedAt: now };
        continue;
      }
      // The sweep looks again at once until the admins have been told (a crash right after this).
      const move = { status: 'thresholdMet' as const, thresholdMetAt: now, answerDueAt, metNoticed: false, wakeAt: now };
      if (!(await db.update('motions', m._id, { ...count, ...move, version: op.inc(1) }, where))) continue;
      const met: MotionRecord = { ...m, ...move, supports: Math.max(m.supports + 1, m.threshold), version: m.version + 1, updatedAt: now };
      // The event, the concern's copy and the messages go out now, in one wave; marking them
      // done is left to the sweep, which the move has already made due (`wakeAt: now`) and
      // which finds them all there (fixed ids): the supporter waits for one write less.
      await tellThresholdMet(db, notifier, met, now);
      return met;
    }
  }
  // The motion changed under every try: the support is recorded, and the sweep's recount counts it.
  return m;
}

/** The event and the admins' task, by fixed ids (a rerun writes neither twice), then marked done. */
export async function noticeThresholdMet(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<void> {
  await tellThresholdMet(db, notifier, m, now);
  await db.update('motions', m._id, { metNoticed: true, wakeAt: m.answerDueAt, updatedAt: now }, { status: 'thresholdMet', metNoticed: false });
}

/**
 * What crossing the threshold writes besides the move: the event, the concern's copy, the
 * admins' task and the followers' notice. Independent writes, each under a fixed id: at
 * once, one wait, and a rerun (a retry, the sweep) writes nothing twice.
 */
export async function tellThresholdMet(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<void> {
  const w = unitWord(m.supportUnit);
  const due = new Date((m.answerDueAt ?? now) + 8 * 3600_000).toISOString().slice(0, 10);
  await Promise.all([
    appendEvent(db, 'system', { key: 'thresholdMet', subject: motionSubject(m._id), type: 'motion.thresholdMet', from: 'collecting', to: 'thresholdMet', public: true, note: `${m.supports}${w}附议，达到${m.threshold}${w}`, at: m.thresholdMetAt ?? now }),
    syncConcern(db, m),
    tell(notifier, m, `${motionSubject(m._id)}:thresholdMet`, {
      to: [adminsInbox(m.communityId)],
      kind: 'motion.thresholdMet',
      title: `须上会或答复：${m.title}`,
      body: `议题附议已达${m.threshold}${w}，请在${due}前列入会议议程，或书面答复理由。`,
    }),
    (async () => tell(notifier, m, `${motionSubject(m._id)}:thresholdMet`, {
      to: await followers(db, m),
      kind: 'motion.reached',
      title: '议题附议已达标',
      body: `「${m.title}」已有${m.threshold}${w}以上附议，社区将在${due}前安排上会或书面答复。`,
    }))(),
  ]);
}
