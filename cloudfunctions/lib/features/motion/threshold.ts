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

/** The event and the admins' task, by fixed ids (a rerun writes neither twice), then marked done. */
export async function noticeThresholdMet(db: ScopedStore, notifier: Notifier, m: MotionRecord, now: number): Promise<void> {
  const w = unitWord(m.supportUnit);
  await appendEvent(db, 'system', { key: 'thresholdMet', subject: motionSubject(m._id), type: 'motion.thresholdMet', from: 'collecting', to: 'thresholdMet', public: true, note: `${m.supports}${w}附议，达到${m.threshold}${w}`, at: m.thresholdMetAt ?? now });
  await syncConcern(db, m);
  const due = new Date((m.answerDueAt ?? now) + 8 * 3600_000).toISOString().slice(0, 10);
  await tell(notifier, m, `${motionSubject(m._id)}:thresholdMet`, {
    to: [adminsInbox(m.communityId)],
    kind: 'motion.thresholdMet',
    title: `须上会或答复：${m.title}`,
    body: `议题附议已达${m.threshold}${w}，请在${due}前列入会议议程，或书面答复理由。`,
  });
  await tell(notifier, m, `${motionSubject(m._id)}:thresholdMet`, {
    to: await followers(db, m),
    kind: 'motion.reached',
    title: '议题附议已达标',
    body: `「${m.title}」已有${m.threshold}${w}以上附议，社区将在${due}前安排上会或书面答复。`,
  });
  await db.update('motions', m._id, { metNoticed: true, wakeAt: m.answerDueAt, updatedAt: now }, { status: 'thresholdMet', metNoticed: false });
}
