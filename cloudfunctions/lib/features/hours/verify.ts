import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import type { Handler } from '../../kernel/action';
import { commitVersioned } from '../../kernel/versioned';
import type { HourEntryRecord } from '../volunteer/records';
import { recordAnomaly } from './ledger';
import { toEntryView } from './presenters';
import { mayDecide, needsSecondVerifier } from './rules';

/**
 * The one decision on an entry. Never by its volunteer (refused, and the attempt listed);
 * above the threshold a first "verify" waits for a second, different verifier.
 */
export const verifyHours: Handler<'hours.verify'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const entry = await db.require('hourEntries', ctx.input.entryId, '时长记录不存在', 'entryId');
  const decider = mayDecide(ctx.caller, entry);
  if (entry.memberId === me) {
    if (decider) await recordAnomaly(db, { activityId: entry.activityId, shiftId: entry.shiftId, kind: 'selfVerify', memberId: me, otherMemberId: null, entryId: entry._id }, ctx.now);
    throw new AppError('FORBIDDEN', '不能核验本人的服务时长，请由其他负责人核验');
  }
  if (!decider) throw new AppError('FORBIDDEN', '只有活动的项目负责人可以核验');
  // A correction is decided by someone other than its maker, or one lead could grant hours alone.
  if (entry.kind === 'adjustment' && entry.createdBy === me) throw new AppError('FORBIDDEN', '不能核验本人提交的更正，请由其他负责人或管理员核验');
  if (entry.status !== 'pending') throw new AppError('CONFLICT', '这条记录已经核验过');
  await checkWritten(ctx, { reason: ctx.input.reason });
  const second = needsSecondVerifier(entry) && entry.decidedBy !== null;
  if (second && entry.decidedBy === me) throw new AppError('CONFLICT', '这条记录需要另一位核验人确认');
  let patch: Partial<HourEntryRecord>;
  let type: 'hours.verified' | 'hours.declined' | 'hours.firstVerified';
  if (ctx.input.decision === 'decline') {
    patch = second ? { status: 'declined', secondBy: me } : { status: 'declined', decidedBy: me, decidedAt: ctx.now };
    type = 'hours.declined';
  } else if (second) {
    patch = { status: 'verified', secondBy: me };
    type = 'hours.verified';
  } else if (needsSecondVerifier(entry)) {
    patch = { decidedBy: me, decidedAt: ctx.now };
    type = 'hours.firstVerified';
  } else {
    patch = { status: 'verified', decidedBy: me, decidedAt: ctx.now };
    type = 'hours.verified';
  }
  const next = await commitVersioned(
    db,
    'hourEntries',
    entry,
    patch,
    (n) => eventRecord(db, ctx.caller, { key: `v${n.version}`, subject: `hours:${entry._id}`, type, from: entry.status, to: n.status, public: false, note: ctx.input.reason ?? null, at: ctx.now }),
    '这条记录刚被其他人核验过，请刷新',
  );
  // The name rides on the entry since it was made; older entries read the member.
  const named = entry.name !== undefined ? entry.name : db.get('members', entry.memberId).then((m) => m?.name ?? undefined);
  if (type === 'hours.declined') {
    await ctx.deps.notifier.notify({
      id: `hours:${entry._id}:declined`, communityId: db.communityId, recipientId: entry.memberId, kind: 'hours.declined',
      title: `服务时长未通过核验：${entry.content}`, body: `原因：${ctx.input.reason ?? ''}。如有异议，可在「我的时长」中提出。`, page: '/pages/volunteer/hours/index',
    });
  }
  return toEntryView(ctx.caller, next, (await named) ?? '志愿者');
};
