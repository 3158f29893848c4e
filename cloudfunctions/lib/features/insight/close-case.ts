import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import { caseInScope } from './decide-case';
import { caseSubject } from './ids';
import { caseView, mayClose } from './presenters';

/** 办结: the owner (or whoever accepted it, or an admin) records what was done. */
export const closeCase: Handler<'insight.closeCase'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const c = await caseInScope(ctx, input.caseId);
  if (c.state === 'closed' && c.closed?.byId === caller.memberId && c.closed.summary === input.summary) {
    // A retry: the first call may have died before its event reached `events`.
    await settleLastEvent(db, c);
    return caseView(caller, c, now);
  }
  if (c.state !== 'accepted') throw new AppError('CONFLICT', c.state === 'proposed' ? '该案例尚未立项' : '该案例已结束');
  if (!mayClose(caller, c)) throw new AppError('FORBIDDEN', '只有任务负责人或管理员可以办结');
  const next = await commitVersioned(
    db, 'insightCases', c,
    { state: 'closed', taskDueAt: null, closed: { at: now, byId: caller.memberId, byName: caller.name ?? '工作人员', summary: input.summary }, updatedAt: now },
    () => eventRecord(db, caller, { key: 'closed', subject: caseSubject(c._id), type: 'insight.caseClosed', from: 'accepted', to: 'closed', public: false, note: input.summary, at: now }),
    '该案例刚被他人处理，请刷新',
  );
  return caseView(caller, next, now);
};
