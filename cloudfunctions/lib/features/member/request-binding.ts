import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { toRequestView } from './presenters';
import { bindingRequestId, type BindingRequestRecord } from './records';
import { checkWritten } from '../../kernel/content';

/**
 * A visitor asks to be recognised as living at an address; the worker of that building's
 * grid decides. One request document per applicant: a rejected or expired one is reopened
 * by a conditional update, a pending one blocks a second, and a retry returns the first.
 */
export const requestBinding: Handler<'member.requestBinding'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const memberId = caller.memberId;
  if (caller.householdId) throw new AppError('MEMBER_ALREADY_BOUND');
  if (caller.communityId && caller.communityId !== input.communityId) {
    throw new AppError('FORBIDDEN', '您已是其他社区的成员，请联系社区调整');
  }
  await checkWritten(ctx, { name: input.name }, { scene: 'profile' });
  const db = ctx.dbFor(input.communityId);
  const building = await db.require('buildings', input.buildingId, '楼栋不存在', 'buildingId');
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.communityId, input.buildingId, input.unit, input.room, input.name]))
    .digest('hex');
  const id = bindingRequestId(memberId);
  const fields = {
    communityId: input.communityId,
    applicantId: memberId,
    buildingId: building._id,
    buildingName: building.name,
    gridId: building.gridId,
    unit: input.unit,
    room: input.room,
    name: input.name,
    status: 'pending' as const,
    reason: null,
    requestHash,
    createdAt: now,
    reviewedAt: null,
    reviewerId: null,
  };
  let record: BindingRequestRecord = { _id: id, ...fields, round: 1 };
  let opened = await ctx.deps.store.insert('bindingRequests', record);
  if (!opened) {
    const previous = await ctx.deps.store.get('bindingRequests', id);
    if (previous && previous.status === 'pending') {
      if (previous.requestHash === requestHash && previous.communityId === input.communityId) {
        return toRequestView(caller, previous);
      }
      throw new AppError('BINDING_PENDING');
    }
    if (!previous || previous.status === 'approved') throw new AppError('MEMBER_ALREADY_BOUND');
    record = { ...previous, ...fields, round: previous.round + 1 };
    // Reopen only what is still closed: a concurrent reopen makes this match nothing.
    opened = await ctx.deps.store.update('bindingRequests', id, { ...fields, round: record.round }, {
      status: { $in: ['rejected', 'expired', 'ended'] },
      round: previous.round,
    });
    if (!opened) throw new AppError('BINDING_PENDING');
  }

  // The audit step and the reviewer's notice need nothing from each other.
  const grid = await db.get('grids', building.gridId);
  const reviewer = grid?.workerA ?? grid?.workerB;
  await Promise.all([
    appendEvent(db, caller, {
      key: `round${record.round}:submitted`,
      subject: `bindingRequest:${id}`,
      type: 'binding.requested',
      to: 'pending',
      public: true,
      at: now,
    }),
    reviewer
      ? ctx.deps.notifier.notify({
        id: `bindingRequest:${id}:${record.round}:reviewer`,
        communityId: db.communityId,
        recipientId: reviewer,
        kind: 'binding.review',
        title: '新的住户绑定申请',
        body: `${building.name}有居民申请绑定住户，请及时审核。`,
        page: '/staff/workbench/index?tab=requests',
      })
      : undefined,
  ]);
  return toRequestView(caller, record);
};
