import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent, type NewEvent } from '../../kernel/audit';
import { bindHousehold } from './bind-household';
import { householdIdFor } from './household';
import { canReviewRequest } from './permissions';
import { toRequestView } from './presenters';
import type { BindingRequestRecord } from './records';
import { checkWritten } from '../../kernel/content';

/** The request under review is read in the round-trip of the reviewer's record. */
export const prefetchRequest: PrefetchOf<'member.reviewRequest'> = (input) => ({ request: { collection: 'bindingRequests', id: input.requestId } });

/**
 * Approve or reject a pending request. The decision is taken by a conditional update on
 * `status: pending`, so two reviewers clicking at once yield one decision and one CONFLICT.
 */
export const reviewRequest: Handler<'member.reviewRequest'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const request = await db.get('bindingRequests', input.requestId);
  // Requests outside the reviewer's grids are reported as missing, not as forbidden.
  if (!request || !canReviewRequest(caller, request)) throw new AppError('NOT_FOUND', '申请不存在');
  if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');

  // The applicant reads the reason.
  await checkWritten(ctx, { reason: input.reason });
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const decided: BindingRequestRecord = {
    ...request,
    status,
    reason: input.reason ?? null,
    reviewedAt: now,
    reviewerId: caller.memberId,
  };
  const applied = await db.update(
    'bindingRequests',
    request._id,
    { status, reason: decided.reason, reviewedAt: now, reviewerId: caller.memberId },
    { status: 'pending', round: request.round },
  );
  if (!applied) throw new AppError('CONFLICT', '该申请已处理');

  // The decision's event and the applicant's notice need nothing of each other: with an
  // approval the event goes in the binding's own event insert, the notice beside it.
  const decision: NewEvent = {
    key: `round${request.round}:${status}`,
    subject: `bindingRequest:${request._id}`,
    type: `binding.${status}`,
    from: 'pending',
    to: status,
    public: true,
    note: input.reason ?? null,
    at: now,
  };
  const notify = () =>
    ctx.deps.notifier.notify({
      id: `bindingRequest:${request._id}:${request.round}:decision`,
      communityId: db.communityId,
      recipientId: request.applicantId,
      kind: `binding.${status}`,
      title: status === 'approved' ? '住户绑定已通过' : '住户绑定未通过',
      body:
        status === 'approved'
          ? `您已绑定为${request.buildingName}的住户，现在可以在“说事”里向社区反映问题了。`
          : `您的住户绑定申请未通过：${input.reason ?? ''}`,
      page: '/pages/me/index',
    });
  if (status === 'approved') {
    // Once the applicant is bound the approval is final: failing to record or tell it must
    // not void it, so that outcome is awaited apart from the binding's.
    let told: Promise<unknown> = Promise.resolve();
    const householdId = householdIdFor(db.communityId, request.buildingId, request.unit, request.room);
    // The applicant's record and the flat are read in one round-trip: the binding then
    // starts from the record, and a flat someone lives in already is not inserted again.
    const [applicant, household] = await Promise.all([db.store.get('members', request.applicantId), db.get('households', householdId)]);
    try {
      await bindHousehold(
        db,
        caller,
        // The applicant's record, if any, keeps its own openid (bindHousehold reads it once).
        { memberId: request.applicantId, openid: null, name: request.name },
        {
          id: householdId,
          buildingId: request.buildingId,
          buildingName: request.buildingName,
          unit: request.unit,
          room: request.room,
        },
        now,
        'request',
        { householdRead: !!household, known: applicant, withEvents: [decision], alongside: () => (told = notify()).catch(() => undefined) },
      );
    } catch (err) {
      // The applicant bound another way meanwhile: the approval stands void, not half-done.
      await db.update('bindingRequests', request._id, { status: 'expired', reason: '申请人已通过其他方式绑定' }, { status: 'approved', round: request.round });
      throw err;
    }
    await told;
  } else await Promise.all([appendEvent(db, caller, decision), notify()]);
  return toRequestView(caller, decided);
};
