/**
 * What the meeting and resolution features do to a motion, with a store alone (they hold
 * no notifier: messages go to the inbox through the store, see `storeNotifier`). Each is a
 * compare-and-set on the motion's version with its event; a retry of the same step (same
 * meeting and item, same resolution) returns what the first did.
 *
 *   scheduleMotion        collecting | thresholdMet → scheduled   (meeting.create / agenda)
 *   unscheduleMotion      scheduled → back where it was            (meeting cancelled, item dropped)
 *   recordMotionDecision  scheduled → decided                      (meeting.closeVote)
 *   linkMotionResolution  decided: the resolution it led to        (minutes approved)
 *   motionResolutionProgress  the resolution's percent and status, copied for the motion page
 */
import { fieldError, AppError } from '../../../../miniprogram/core/errors';
import { MOTION_STATUS_LABELS, type ResolutionStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { ScopedStore } from '../../kernel/scoped-store';
import { SUPPORTABLE } from './permissions';
import type { MotionRecord } from './records';
import { commit, followers, storeNotifier, syncConcern, tell } from './transition';

const day = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);

export async function scheduleMotion(db: ScopedStore, motionId: string, at: { meetingId: string; title: string; startsAt: number; itemId: string }, now: number): Promise<MotionRecord> {
  const m = await db.get('motions', motionId);
  if (!m) throw fieldError('NOT_FOUND', 'agenda', '议题不存在');
  if (m.status === 'scheduled' && m.meetingId === at.meetingId && m.itemId === at.itemId) return m;
  if (!SUPPORTABLE.includes(m.status)) throw fieldError('CONFLICT', 'agenda', `该议题${MOTION_STATUS_LABELS[m.status]}，不能列入议程`);
  const { next, event } = await commit(
    db,
    'system',
    m,
    { status: 'scheduled', meetingId: at.meetingId, itemId: at.itemId, meeting: { title: at.title, startsAt: at.startsAt, itemStatus: 'pending' }, wakeAt: null },
    { type: 'motion.scheduled', public: true, note: `${at.title}（${day(at.startsAt)}）` },
    now,
  );
  await syncConcern(db, next);
  // The mover and the concern's author are told; the supporting households are too many to message.
  await tell(storeNotifier(db, now), next, event._id, { to: await followers(db, next), kind: 'motion.scheduled', title: '议题已列入会议议程', body: `「${next.title}」将在${day(at.startsAt)}的${at.title}上审议。` });
  return next;
}

/**
 * The meeting was cancelled or the item taken off its agenda before the vote: the motion
 * waits again — past its threshold with its answer deadline as it was (the sweep chases it
 * if that has passed), otherwise collecting support until its period ends.
 */
export async function unscheduleMotion(db: ScopedStore, motionId: string, at: { meetingId: string; itemId: string }, now: number): Promise<void> {
  const m = await db.require('motions', motionId, '议题不存在');
  if (m.status !== 'scheduled' || m.meetingId !== at.meetingId || m.itemId !== at.itemId) return;
  const back = m.thresholdMetAt !== null ? 'thresholdMet' : 'collecting';
  const { next, event } = await commit(db, 'system', m, { status: back, meetingId: null, itemId: null, meeting: null, wakeAt: now }, { type: 'motion.unscheduled', public: true, note: m.meeting?.title ?? null }, now);
  await syncConcern(db, next);
  await tell(storeNotifier(db, now), next, event._id, { to: await followers(db, next), kind: 'motion.unscheduled', title: '议题已移出会议议程', body: `「${next.title}」未能在${m.meeting?.title ?? '会议'}上审议，社区将另行安排上会或书面答复。` });
}

export async function recordMotionDecision(db: ScopedStore, motionId: string, d: { meetingId: string; itemId: string; adopted: boolean; explanation: string }, now: number): Promise<void> {
  const m = await db.require('motions', motionId, '议题不存在');
  if (m.status === 'decided' && m.meetingId === d.meetingId && m.itemId === d.itemId) return;
  if (m.status !== 'scheduled' || m.meetingId !== d.meetingId || m.itemId !== d.itemId) throw new AppError('CONFLICT', '该议题不在这次会议的议程上');
  const { next, event } = await commit(
    db,
    'system',
    m,
    { status: 'decided', decision: { adopted: d.adopted, explanation: d.explanation, at: now }, meeting: m.meeting && { ...m.meeting, itemStatus: d.adopted ? 'adopted' : 'rejected' } },
    { type: 'motion.decided', public: true, note: d.explanation },
    now,
  );
  await syncConcern(db, next);
  await tell(storeNotifier(db, now), next, event._id, { to: await followers(db, next), kind: 'motion.decided', title: d.adopted ? '议题已表决通过' : '议题表决未通过', body: `「${next.title}」：${d.explanation}` });
}

export async function linkMotionResolution(db: ScopedStore, motionId: string, r: { resolutionId: string; title: string }, now: number): Promise<void> {
  const m = await db.require('motions', motionId, '议题不存在');
  if (m.resolutionId === r.resolutionId) return;
  if (m.resolutionId !== null) throw new AppError('CONFLICT', '该议题已有决议');
  // The resolution tells the mover and the concern's author itself (resolution.adopted): one message, not two.
  await commit(db, 'system', m, { resolutionId: r.resolutionId, resolution: { title: r.title, percent: 0, status: 'inProgress' } }, { type: 'motion.resolutionLinked', public: true, note: r.title }, now);
}

/**
 * The resolution's progress, copied onto the motion for its page (motion cannot read
 * resolutions: they sit above it). The resolution tells its followers of each step.
 */
export async function motionResolutionProgress(db: ScopedStore, motionId: string, p: { resolutionId: string; percent: number; status: ResolutionStatus }, now: number): Promise<void> {
  const m = await db.require('motions', motionId, '议题不存在');
  if (m.resolutionId !== p.resolutionId || !m.resolution) throw new AppError('CONFLICT', '该议题没有这项决议');
  await db.update('motions', m._id, { 'resolution.percent': p.percent, 'resolution.status': p.status, updatedAt: now }, { resolutionId: p.resolutionId });
}
