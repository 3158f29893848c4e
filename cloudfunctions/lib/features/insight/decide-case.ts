import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import { hasRole, type IdentifiedCaller } from '../../kernel/caller';
import { proposeMotion } from '../motion/propose-motion';
import { motionIdFor } from '../motion/records';
import { caseSubject } from './ids';
import { CASES_PAGE } from './notices';
import { caseView } from './presenters';
import type { InsightCaseRecord } from './records';
import type { MemberRecord } from '../../kernel/members';
import { inScope, scopeOf } from './scope';

type Input = Parameters<Handler<'insight.decideCase'>>[0]['input'];
type Decision = NonNullable<InsightCaseRecord['decision']>;

/** The idempotency key the case's motion is proposed under: one motion per case and decider. */
const motionKey = (caseId: string) => `case-${caseId}`;

export async function caseInScope(ctx: HandlerContext<unknown>, caseId: string): Promise<InsightCaseRecord> {
  const c = await ctx.db().get('insightCases', caseId);
  if (!c || !inScope(scopeOf(ctx.caller as IdentifiedCaller), c.gridId)) throw fieldError('NOT_FOUND', 'caseId', '案例不存在');
  return c;
}

const nameOf = (caller: IdentifiedCaller) => caller.name ?? '工作人员';

/**
 * 研判: accept as a motion (proposed through motion.propose, under a key derived from the
 * case, by the staff member deciding) or as a task with an owner and a due date, or dismiss
 * with a reason. One decision per case: compare-and-set on its version; a second decision is
 * CONFLICT, the same one retried returns the case.
 */
export const decideCase: Handler<'insight.decideCase'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  // A task's owner is read beside the case: one wait for both.
  const [c, owner] = await Promise.all([caseInScope(ctx, input.caseId), input.kind === 'task' ? db.get('members', input.ownerId) : Promise.resolve(null)]);
  if (c.state !== 'proposed') {
    if (c.decision?.byId === caller.memberId && c.decision.kind === input.kind) {
      // A retry: the first call may have died before its event (or its motion) was written.
      await Promise.all([
        settleLastEvent(db, c),
        input.kind === 'motion' && c.decision.motionId ? db.get('motions', c.decision.motionId).then((m) => (m ? undefined : motionFor(ctx, c, input))) : undefined,
      ]);
      return caseView(caller, c, now);
    }
    throw new AppError('CONFLICT', '该案例已研判');
  }
  const decision = decisionOf(ctx, c, input, owner);
  const accepted = input.kind !== 'dismiss';
  const state = accepted ? 'accepted' as const : 'dismissed' as const;
  const event = eventRecord(db, caller, {
    key: 'decided', subject: caseSubject(c._id), type: accepted ? 'insight.caseAccepted' : 'insight.caseDismissed', from: 'proposed', to: state, public: false,
    note: input.kind === 'dismiss' ? input.reason : input.kind === 'motion' ? `转为议题：${input.title}` : `任务：${input.note}，负责人${decision.owner?.name}`, at: now,
  });
  const next = await commitVersioned(db, 'insightCases', c, { state, decision, taskDueAt: decision.dueAt, updatedAt: now }, () => event, '该案例已研判');
  if (input.kind === 'motion') {
    try {
      await motionFor(ctx, next, input);
    } catch (err) {
      // The motion was refused (its words, say): the case goes back to waiting for a decision.
      await db.update('insightCases', c._id, { state: 'proposed', decision: null, taskDueAt: null, version: next.version + 1, updatedAt: now }, { version: next.version });
      throw err;
    }
  }
  if (input.kind === 'task' && decision.owner && decision.owner.memberId !== caller.memberId) {
    await ctx.deps.notifier.notify({
      id: `${event._id}:to:${decision.owner.memberId}`, communityId: db.communityId, recipientId: decision.owner.memberId, kind: 'insight.taskAssigned',
      title: `未诉先办任务：${c.buildingName}${c.categoryName}`, body: input.note, page: `${CASES_PAGE}?id=${c._id}`,
    });
  }
  return caseView(caller, next, now);
};

function decisionOf(ctx: HandlerContext<Input>, c: InsightCaseRecord, input: Input, owner: MemberRecord | null): Decision {
  const { caller, now } = ctx;
  const base = { byId: caller.memberId, byName: nameOf(caller as IdentifiedCaller), at: now, reason: null, motionId: null, owner: null, dueAt: null };
  if (input.kind === 'dismiss') return { ...base, kind: 'dismiss', reason: input.reason };
  if (input.kind === 'motion') return { ...base, kind: 'motion', motionId: motionIdFor(c.communityId, caller.memberId, motionKey(c._id)) };
  if (!owner || !(owner.roles.includes('gridWorker') || owner.roles.includes('admin'))) throw fieldError('VALIDATION_ERROR', 'ownerId', '负责人须是本社区的工作人员');
  if (input.dueAt <= now) throw fieldError('VALIDATION_ERROR', 'dueAt', '完成期限须晚于现在');
  return { ...base, kind: 'task', reason: input.note, owner: { memberId: owner._id, name: owner.name ?? '工作人员' }, dueAt: input.dueAt };
}

async function motionFor(ctx: HandlerContext<Input>, c: InsightCaseRecord, input: Input & { kind: 'motion' }) {
  const caller = ctx.caller as IdentifiedCaller;
  if (!hasRole(caller, 'gridWorker', 'admin')) throw new AppError('FORBIDDEN', '只有工作人员可以立项');
  await proposeMotion({ ...ctx, input: { title: input.title, body: input.body, buildingIds: [c.buildingId] }, idempotencyKey: motionKey(c._id) });
}
