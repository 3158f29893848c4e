import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { appendEntry } from './ledger';
import { toEntryView } from './presenters';
import { mayDecide, runsActivity } from './rules';

/** A correction is a new pending entry with a reason; the corrected one is never touched. */
export const adjustHours: Handler<'hours.adjust'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const entry = await db.require('hourEntries', ctx.input.entryId, '时长记录不存在', 'entryId');
  // The activity only matters when the caller does not decide the entry anyway.
  const activity = mayDecide(ctx.caller, entry) ? null : await db.get('activities', entry.activityId);
  const team = activity ? await db.get('teams', activity.teamId) : null;
  if (!mayDecide(ctx.caller, entry) && !(activity && runsActivity(ctx.caller, activity, team))) throw new AppError('FORBIDDEN', '只有活动的负责人可以更正时长');
  if (entry.memberId === me) throw new AppError('FORBIDDEN', '不能更正本人的服务时长');
  await checkWritten(ctx, { reason: ctx.input.reason });
  const key = createHash('sha256').update(`${entry._id}:${me}:${ctx.idempotencyKey ?? ''}`).digest('hex').slice(0, 24);
  const stored = await appendEntry(db, ctx.caller, {
    _id: `he_adj_${key}`,
    communityId: db.communityId,
    memberId: entry.memberId,
    ...(entry.name !== undefined ? { name: entry.name } : {}),
    activityId: entry.activityId,
    teamId: entry.teamId,
    shiftId: entry.shiftId,
    kind: 'adjustment',
    minutes: ctx.input.minutes,
    content: entry.content,
    serviceDate: entry.serviceDate,
    status: 'pending',
    flags: [],
    corrects: entry._id,
    reason: ctx.input.reason,
    decidedBy: null,
    secondBy: null,
    decidedAt: null,
    createdBy: me,
    createdAt: ctx.now,
    leadId: entry.leadId,
    version: 0,
  });
  if (stored.corrects !== entry._id || stored.minutes !== ctx.input.minutes || stored.reason !== ctx.input.reason) {
    throw new AppError('CONFLICT', '同一请求标识已用于另一条更正');
  }
  // The name rides on the entry since it was made; older entries read the member.
  const name = entry.name ?? (await db.get('members', entry.memberId))?.name;
  return toEntryView(ctx.caller, stored, name ?? '志愿者');
};
