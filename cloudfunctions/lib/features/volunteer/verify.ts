import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned } from '../../kernel/versioned';
import { toVolunteerView } from './presenters';

/**
 * Staff verify a volunteer from outside the community (or reinstate one), record the
 * trainings they completed (roles may require them), or suspend them.
 */
export const verifyVolunteer: Handler<'volunteer.verify'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const v = await db.get('volunteers', input.volunteerId);
  if (!v) throw fieldError('NOT_FOUND', 'volunteerId', '志愿者不存在');
  const status = input.decision === 'approve' ? 'active' : 'suspended';
  const type = input.decision === 'approve' ? 'volunteer.verified' : 'volunteer.suspended';
  const next = await commitVersioned(
    db, 'volunteers', v,
    { status, verifiedBy: input.decision === 'approve' ? caller.memberId : v.verifiedBy, ...(input.trainings ? { trainings: [...new Set(input.trainings)] } : {}), updatedAt: now },
    (n) => eventRecord(db, caller, { key: `v${n.version}:${type}`, subject: `volunteer:${v._id}`, type, from: v.status, to: status, public: false, note: input.trainings ? `培训：${input.trainings.join('、') || '无'}` : null, at: now }),
    '该志愿者的资料刚被修改，请刷新后重试',
  );
  if (v.status === 'pendingVerification' && status === 'active') {
    await ctx.deps.notifier.notify({
      id: `volunteer:${v._id}:v${next.version}:verified`, communityId: db.communityId, recipientId: v.memberId, kind: 'volunteer.verified',
      title: '志愿者登记已核实', body: '社区已核实您的志愿者身份，现在可以报名志愿活动了。', page: '/pages/volunteer/activities/index',
    });
  }
  return toVolunteerView(caller, next);
};
