import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler, HandlerContext } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { checkPhotos, markAttached } from '../media/attach';
import { motionResolutionProgress } from '../motion/schedule';
import { mayProgress, requireOpen } from './permissions';
import { resolutionSubject, type ProgressEntry, type ResolutionRecord } from './records';
import { commitResolution, followersOf, loadResolution, tell, viewFor } from './transition';

/** A resolution's report is a history, not a notebook: past this, an admin must step in. */
const MAX_ENTRIES = 200;
const STEP = 25;

/**
 * 居务公开 carries the result once the work is done (实施结果公开): what was decided, by
 * which meeting, who carried it out and the final report, pointing at the resolution, its
 * meeting and the concerns it came from. Idempotent: one item per resolution.
 */
async function discloseResult(ctx: HandlerContext<unknown>, r: ResolutionRecord): Promise<void> {
  if (r.status !== 'done') return;
  const last = r.progress[r.progress.length - 1];
  const body = [
    `决议：${r.title}`,
    `决议内容：${r.text}`,
    `作出决议：${r.bodyLabel}「${r.meetingTitle}」`,
    `负责人：${r.ownerName}`,
    ...(last ? [`实施结果：${last.text}`] : []),
  ].join('\n');
  await ctx.features.disclosable(ctx, {
    kind: 'resolution',
    refId: r._id,
    title: `决议实施结果：${r.title}`,
    body,
    links: [{ kind: 'resolution', refId: r._id }, { kind: 'meeting', refId: r.meetingId }, ...r.concerns.map((c) => ({ kind: 'concern' as const, refId: c.concernId }))],
    at: r.doneAt ?? ctx.now,
  });
}

/**
 * 记录落实进度. Only forward (an equal figure adds a report without moving the bar); 100 %
 * is done. The mover and the concern authors hear of it when it crosses 25, 50, 75 and when
 * it is done — not of every small report.
 */
export const recordProgress: Handler<'resolution.progress'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const r = await loadResolution(ctx, input.resolutionId);
  if (!mayProgress(caller, r)) throw new AppError('FORBIDDEN', '只有决议负责人和社区管理员可以记录进度');
  // A finishing report retried after a crash: what it left undone is carried out before the refusal.
  if (r.status === 'done' && input.percent === 100) await discloseResult(ctx, r);
  requireOpen(r);
  if (input.percent < r.percent) throw fieldError('VALIDATION_ERROR', 'percent', `进度不能倒退：已记录到${r.percent}%`);
  if (r.progress.length >= MAX_ENTRIES) throw new AppError('CONFLICT', '进度记录已满，请联系社区管理员');
  const subject = resolutionSubject(r._id);
  await Promise.all([checkPhotos(db, caller.memberId, input.photoIds, subject), checkWritten(ctx, { text: input.text })]);
  const done = input.percent === 100;
  const crossed = Math.floor(input.percent / STEP) > Math.floor(r.percent / STEP);
  // Who hears of it, read beside the change when it will be told (it does not depend on it).
  const followers = done || crossed ? followersOf(db, r._id) : Promise.resolve([]);
  // A refused change must not leave the read's rejection unhandled.
  followers.catch(() => undefined);
  const entry: ProgressEntry = { percent: input.percent, text: input.text, photoIds: input.photoIds, at: ctx.now, byId: caller.memberId, byName: caller.name ?? '社区工作人员' };
  const { next, event } = await commitResolution(
    db,
    caller,
    r,
    { percent: input.percent, progress: [...r.progress, entry], ...(done ? { status: 'done' as const, doneAt: ctx.now, wakeAt: null, overdue: false } : {}) },
    { type: done ? 'resolution.done' : 'resolution.progressed', note: input.text, photos: input.photoIds },
    ctx.now,
  );
  await markAttached(db, input.photoIds, subject);
  // The motion's page shows the bar too; it cannot read resolutions, so it is told.
  if (done) await discloseResult(ctx, next);
  if (next.motionId) await motionResolutionProgress(db, next.motionId, { resolutionId: next._id, percent: next.percent, status: next.status }, ctx.now);
  if (done || crossed) {
    const to = (await followers).filter((m) => m !== caller.memberId);
    await tell(ctx.deps.notifier, next, event._id, done
      ? { to, kind: 'resolution.done', title: `决议已办结：${sentence(r.title, 20)}`, body: sentence(input.text, 60) }
      : { to, kind: 'resolution.progress', title: `决议落实到${input.percent}%：${sentence(r.title, 20)}`, body: sentence(input.text, 60) });
  }
  return viewFor(ctx, next);
};
