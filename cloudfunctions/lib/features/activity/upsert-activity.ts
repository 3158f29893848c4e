import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { isStaff } from '../../../../miniprogram/core/roles';
import { DEFAULT_DAILY_CAP_MINUTES, DEFAULT_GRACE_MINUTES } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import type { ActivityRecord } from '../volunteer/records';
import { runsTeam } from '../team/rules';
import { activityIdFor } from './ids';
import { activityView } from './load';
import { runsActivity } from './rules';

/**
 * Creates a draft, or edits one. Staff may organise for any team, a leader for the team
 * they lead. The 项目负责人 (who will verify hours) must be staff or a leader of the team.
 * Once published, roles, shifts and seats are fixed: people signed up against them.
 */
export const upsertActivity: Handler<'activity.upsert'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const team = await db.get('teams', input.teamId);
  if (!team || !team.active) throw fieldError('NOT_FOUND', 'teamId', '服务队不存在');
  if (!runsTeam(caller, team)) throw new AppError('FORBIDDEN', '只有社区工作人员或该服务队的队长可以组织活动');
  const leadId = input.leadId ?? caller.memberId;
  // The lead's name rides on the activity (the editor shows it), so it is read once here.
  const lead = leadId === caller.memberId ? null : await db.get('members', leadId);
  if (leadId !== caller.memberId && !team.leaderIds.includes(leadId)) {
    if (!lead || !isStaff(lead.roles)) throw fieldError('VALIDATION_ERROR', 'leadId', '项目负责人须是社区工作人员或该服务队的队长');
  }
  const leadName = (leadId === caller.memberId ? caller.name : lead?.name) ?? undefined;
  if (input.shifts.some((s) => s.startAt <= now)) throw fieldError('VALIDATION_ERROR', 'shifts', '班次须在将来开始');

  const fields = {
    teamId: team._id,
    title: input.title,
    description: input.description,
    place: input.place,
    startAt: Math.min(...input.shifts.map((s) => s.startAt)),
    endAt: Math.max(...input.shifts.map((s) => s.endAt)),
    roles: input.roles.map((r) => ({ roleId: r.key, name: r.name, skill: r.skill, training: r.training, minAge: r.minAge })),
    shifts: [...input.shifts].sort((a, b) => a.startAt - b.startAt).map((s) => ({ shiftId: s.key, startAt: s.startAt, endAt: s.endAt })),
    seats: input.seats.map((s) => ({ shiftId: s.shift, roleId: s.role, seats: s.seats })),
    signupDeadline: input.signupDeadline,
    leadId,
    // Unknown (no name on the member): the view falls back to reading it, as for older activities.
    leadName,
    risky: input.risky,
    insured: input.insured,
    ...(input.rounding !== undefined ? { rounding: input.rounding } : {}),
    ...(input.graceMinutes !== undefined ? { graceMinutes: input.graceMinutes } : {}),
    ...(input.dailyCapMinutes !== undefined ? { dailyCapMinutes: input.dailyCapMinutes } : {}),
    updatedAt: now,
  };

  if (input.activityId) {
    const current = await db.get('activities', input.activityId);
    const currentTeam = current ? await db.get('teams', current.teamId) : null;
    if (!current || !runsActivity(caller, current, currentTeam)) throw fieldError('NOT_FOUND', 'activityId', '活动不存在');
    if (current.status !== 'draft') throw new AppError('CONFLICT', '活动已发布，班次、岗位和名额不能再修改；如需调整请取消后重新发布');
    const next = await commitVersioned(db, 'activities', current, fields, (n) => eventRecord(db, caller, { key: `v${n.version}:activity.updated`, subject: `activity:${n._id}`, type: 'activity.updated', public: false, at: now }), '活动刚被修改，请刷新后重试');
    return activityView(ctx, next);
  }
  const id = activityIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const record: ActivityRecord = {
    rounding: 'none', graceMinutes: DEFAULT_GRACE_MINUTES, dailyCapMinutes: DEFAULT_DAILY_CAP_MINUTES,
    _id: id, communityId: db.communityId, ...fields, status: 'draft', organiserId: caller.memberId,
    codeSecret: ctx.deps.ids.random('cs'), cancelledReason: null, version: 1, createdAt: now,
  };
  // The draft carries its audit event (kernel/versioned.ts): inserted if absent, so a retry
  // of the same key makes nothing twice, then the event under its deterministic id.
  const event = eventRecord(db, caller, { key: 'activity.created', subject: `activity:${id}`, type: 'activity.created', to: 'draft', public: false, at: now });
  const stored = (await db.get('activities', id)) ?? ((await db.insert('activities', { ...record, lastEvent: event } as ActivityRecord)) ? null : await db.require('activities', id));
  if (!stored) {
    await db.insert('events', event);
    return activityView(ctx, record);
  }
  // A retry: the call that made it may have died before its event reached `events`.
  const [view] = await Promise.all([activityView(ctx, withoutLastEvent(stored)), settleLastEvent(db, stored)]);
  return view;
};
