import { createHash } from 'node:crypto';
import type { ContractParsed } from '../../../../miniprogram/core/action';
import type { submitConcern as submitConcernContract } from '../../../../miniprogram/core/concern/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Handler } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DuplicateKeyError } from '../../ports/store';
import { DAY, HOUR, localDayKey } from '../../kernel/time';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import { notifyAll, viewFor } from './transition';
import { staffLine } from './notices';
import { checkPhotos, markAttached, mediaFor } from '../media/attach';
import { queueForReview } from '../moderation/queue';
import { toConcernView } from './presenters';
import { concernSubject, type ConcernRecord } from './records';
import { routeFor } from './routing';

type Input = ContractParsed<typeof submitConcernContract>;

/**
 * 统一受理: every concern gets a number, is routed at once to a named person, and is
 * stored exactly once per idempotency key. The concern's id derives from (author, key), so a
 * retry finds the first one; the same key with different content is a CONFLICT.
 */
export const submitConcern: Handler<'concern.submit'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const authorId = caller.memberId;
  const id = `c_${createHash('sha256').update(`${authorId}:${ctx.idempotencyKey}`).digest('hex').slice(0, 24)}`;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');

  // Read in parallel with the rest: a retry is answered from the first attempt's concern
  // without checking the text again (msgSecCheck calls are metered) or re-running the save.
  const [existing, building, category] = await Promise.all([
    db.get('concerns', id),
    db.require('buildings', input.buildingId, '所选楼栋不存在', 'buildingId'),
    db.get('categories', input.category),
  ]);
  if (existing) return replay(ctx, existing, requestHash);
  if (!category || !category.active) throw new AppError('VALIDATION_ERROR', '所选分类不存在', { issues: [{ path: 'category', message: '所选分类不存在' }] });

  // Nobody else sees the text before the content check has spoken.
  // A checker that fails holds the text for review: closed, never open.
  const verdict = await ctx.deps.content.checkText({ text: input.text, openid: caller.openid, scene: 'forum' }).catch(() => 'review' as const);
  if (verdict === 'risky') throw new AppError('CONTENT_REJECTED');

  await checkPhotos(db, authorId, input.photos, concernSubject(id));
  const grid = await db.get('grids', building.gridId);
  const route = await routeFor(db, grid, now);
  const contactDueAt = now + category.contactHours * HOUR;
  const record: Omit<ConcernRecord, 'number'> = {
    _id: id,
    communityId: db.communityId,
    authorId,
    householdId: caller.householdId as string,
    buildingId: building._id,
    buildingName: building.name,
    gridId: building.gridId,
    category: category._id,
    categoryName: category.name,
    contactHours: category.contactHours,
    resolveDays: category.resolveDays,
    text: input.text,
    photos: input.photos,
    hideName: input.hideName,
    authorName: caller.name,
    status: 'dispatched',
    assigneeId: route.assigneeId,
    routedVia: route.via,
    firstResponderId: null,
    acceptedAt: null,
    respondedInTime: null,
    moderation: verdict,
    contactDueAt,
    resolveDueAt: now + category.resolveDays * DAY,
    pausedAt: null,
    resumeStatus: null,
    whistle: null,
    resolution: null,
    firstResolvedAt: null,
    rating: null,
    rateDueAt: null,
    round: 0,
    escalationLevel: 0,
    overdue: false,
    mergedInto: null,
    followerIds: [],
    closedAt: null,
    closedReason: null,
    wakeAt: contactDueAt,
    version: 1,
    requestHash,
    createdAt: now,
    updatedAt: now,
  };

  let concern: ConcernRecord;
  try {
    // Number and concern commit together: no gaps from half-done submits, no duplicates.
    concern = await ctx.deps.store.transaction(async (tx) => {
      const counterId = `ctr_${db.communityId}_concern_${localDayKey(now)}`;
      const counter = await tx.get('counters', counterId);
      const value = (counter?.value ?? 0) + 1;
      tx.set('counters', { _id: counterId, communityId: db.communityId, value });
      const full: ConcernRecord = { ...record, number: `${localDayKey(now)}-${String(value).padStart(4, '0')}` };
      tx.insert('concerns', full);
      return full;
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    // A parallel retry with the same key won the race.
    const winner = await db.require('concerns', id);
    return replay(ctx, winner, requestHash);
  }
  const events = await recordIntake(ctx, db, concern);
  await markAttached(db, concern.photos, concernSubject(concern._id));
  if (verdict === 'review') await queueForReview(db, { subjectType: 'concernText', subjectId: concern._id, content: concern.text, reason: 'textReview' }, now);
  // The chain members were read for routing: the assignee's name is already at hand.
  const names = new Map(route.people.map((m) => [m._id, m.name ?? '网格员']));
  const media = await mediaFor(db, concern.photos);
  return toConcernView(caller, concern, events, names, now, { media });
};

async function replay(ctx: HandlerContext<Input>, existing: ConcernRecord, requestHash: string) {
  if (existing.requestHash !== requestHash) {
    throw new AppError('CONFLICT', '该请求标识已用于另一条诉求，请重新提交');
  }
  // Finishes what a crashed first attempt may have left undone; every step is idempotent.
  await recordIntake(ctx, ctx.db(), existing);
  await markAttached(ctx.db(), existing.photos, concernSubject(existing._id));
  return viewFor(ctx, existing);
}

/** Writes the intake steps (idempotently) and returns them for the response. */
async function recordIntake(ctx: HandlerContext<Input>, db: ScopedStore, c: ConcernRecord): Promise<EventRecord[]> {
  const subject = concernSubject(c._id);
  const submitted = eventRecord(db, ctx.caller, {
    // Both steps share an instant; the keys sort them on the timeline.
    key: 'intake-1-submitted', subject, type: 'concern.submitted', to: 'submitted', public: true, note: `受理编号 ${c.number}`, at: c.createdAt,
  });
  const dispatched = eventRecord(db, 'system', {
    key: 'intake-2-dispatched', subject, type: 'concern.dispatched', from: 'submitted', to: 'dispatched', public: true,
    note: c.assigneeId ? null : '已转社区统一受理', at: c.createdAt,
  });
  await db.insert('events', submitted);
  await db.insert('events', dispatched);
  // The same path every concern notice takes: its kind picks the staff page, and held words stay out.
  await notifyAll(ctx.deps.notifier, c, `${subject}:dispatched`, { to: [c.assigneeId], kind: 'concern.dispatched', title: `新诉求待签收：${c.categoryName}`, body: staffLine(c) });
  return [submitted, dispatched];
}
