import { AppError } from '../../../../miniprogram/core/errors';
import { excerpt } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { resume } from '../concern/lifecycle';
import { commit, notifyAll } from '../concern/transition';
import { requestFor, requestView } from './get-request';
import { isOpenFor } from './presenters';
import { departmentAnswerId, type DepartmentAnswerRecord } from './records';
import { checkWritten } from '../../kernel/content';

/**
 * 报到: the contact answers the request themselves. The coordination ends, the clocks
 * resume and the handler is told; the resident's timeline shows the department's answer.
 * The concern changes by compare-and-set through `commit`, like every other step.
 */
export const answerDepartmentRequest: Handler<'department.answer'> = async (ctx) => {
  const { dept, c } = await requestFor(ctx);
  if (!isOpenFor(c, dept._id) || !c.whistle) throw new AppError('CONFLICT', '该协办请求已结束，无需再回复');
  await checkWritten(ctx, { text: ctx.input.text });
  const db = ctx.dbFor(c.communityId);
  // The answered list's entry goes first: should the commit fail, reads check the concern.
  const record: DepartmentAnswerRecord = { _id: departmentAnswerId(dept._id, c._id), communityId: c.communityId, departmentId: dept._id, concernId: c._id, ask: c.whistle.note, at: ctx.now };
  if (!(await db.insert('departmentAnswers', record))) await db.update('departmentAnswers', record._id, { ask: record.ask, at: ctx.now });
  const { next, event } = await commit(db, ctx.caller, c, { ...resume(c, ctx.now), whistle: null }, {
    type: 'concern.reportedBack',
    public: true,
    note: `${c.whistle.department}：${ctx.input.text}`,
  }, ctx.now);
  await notifyAll(ctx.deps.notifier, next, event._id, {
    to: [c.assigneeId, c.firstResponderId],
    kind: 'concern.departmentAnswered',
    title: `${c.whistle.department}已回复：诉求 ${c.number}`,
    body: `${excerpt(ctx.input.text, 40)}（诉求已恢复办理）`,
  });
  return requestView(ctx, dept, next);
};
