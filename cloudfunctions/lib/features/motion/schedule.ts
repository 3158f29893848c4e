/**
 * STAND-IN written by the meeting helper so meeting.create compiles before the motion
 * feature lands; the motion helper's schedule.ts (with MotionRecord in its records file and
 * the notices to mover and concern author) replaces this file whole.
 *
 * Puts a motion on a meeting's agenda: compare-and-set from collecting | thresholdMet to
 * scheduled; NOT_FOUND / CONFLICT with field `agenda` when it cannot be scheduled.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import type { MotionStatus, ResolutionStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Doc } from '../../ports/store';

export interface MotionRecord extends Doc {
  communityId: string;
  title: string;
  body: string;
  source: string;
  proposerId: string | null;
  moverName: string;
  concernId: string | null;
  status: MotionStatus;
  meetingId: string | null;
  itemId: string | null;
  resolutionId: string | null;
  resolution?: { title: string; percent: number; status: ResolutionStatus } | null;
  version: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    motions: MotionRecord;
  }
}

export async function scheduleMotion(db: ScopedStore, motionId: string, at: { meetingId: string; title: string; startsAt: number; itemId: string }, now: number): Promise<MotionRecord> {
  void now;
  const m = await db.get('motions', motionId);
  if (!m) throw fieldError('NOT_FOUND', 'agenda', '议题不存在');
  // A retry of the same scheduling finds it done.
  if (m.status === 'scheduled' && m.meetingId === at.meetingId && m.itemId === at.itemId) return m;
  if (m.status !== 'collecting' && m.status !== 'thresholdMet') throw fieldError('CONFLICT', 'agenda', `议题「${m.title}」不能再列入议程`);
  const next: MotionRecord = { ...m, status: 'scheduled', meetingId: at.meetingId, itemId: at.itemId, version: m.version + 1 };
  if (!(await db.update('motions', motionId, { status: 'scheduled', meetingId: at.meetingId, itemId: at.itemId, version: next.version }, { version: m.version }))) {
    throw fieldError('CONFLICT', 'agenda', `议题「${m.title}」刚被更新，请重试`);
  }
  return next;
}

/*
 * STAND-IN added by the minutes helper (same signatures as the motion feature's): the
 * resolution a decided motion led to, and its progress copied onto the motion for its page.
 */
export async function linkMotionResolution(db: ScopedStore, motionId: string, r: { resolutionId: string; title: string }, now: number): Promise<void> {
  void now;
  const m = await db.get('motions', motionId);
  if (!m) throw fieldError('NOT_FOUND', 'resolutions', '议题不存在');
  if (m.resolutionId === r.resolutionId) return;
  if (m.resolutionId !== null) throw fieldError('CONFLICT', 'resolutions', '该议题已有决议');
  await db.update('motions', motionId, { resolutionId: r.resolutionId, resolution: { title: r.title, percent: 0, status: 'inProgress' }, version: m.version + 1 }, { version: m.version });
}

export async function motionResolutionProgress(db: ScopedStore, motionId: string, p: { resolutionId: string; percent: number; status: ResolutionStatus }, now: number): Promise<void> {
  void now;
  const m = await db.get('motions', motionId);
  if (!m || m.resolutionId !== p.resolutionId) return;
  await db.update('motions', motionId, { resolution: { title: m.resolution?.title ?? '', percent: p.percent, status: p.status } }, { resolutionId: p.resolutionId });
}
