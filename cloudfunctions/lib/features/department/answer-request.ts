import { AppError } from '../../../../miniprogram/core/errors';
import { excerpt } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { resume } from '../concern/lifecycle';
import { commit } from '../concern/transition';
import { extrasFor, requestFor } from './get-request';
import { isOpenFor, toRequestView } from './presenters';
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
  const whistle = c.whistle;
  await checkWritten(ctx, { text: ctx.input.text });
  const db = ctx.dbFor(c.communityId);
  const record: DepartmentAnswerRecord = { _id: departmentAnswerId(dept._id, c._id), communityId: c.communityId, departmentId: dept._id, concernId: c._id, ask: whistle.note, at: ctx.now };
  const answering = async () => {
    // The answered list's entry goes first: should the commit fail, reads check the concern.
    if (!(await db.insert('departmentAnswers', record))) await db.update('departmentAnswers', record._id, { ask: record.ask, at: ctx.now });
    // The handler's notice rides with the step (kept on the concern, as every concern step's).
    return commit(db, ctx.caller, c, { ...resume(c, ctx.now), whistle: null }, {
      type: 'concern.reportedBack',
      public: true,
      note: `${whistle.department}：${ctx.input.text}`,
    }, ctx.now, {
      notifier: ctx.deps.notifier,
      messages: () => [{
        to: [c.assigneeId, c.firstResponderId],
        kind: 'concern.departmentAnswered',
        title: `${whistle.department}已回复：诉求 ${c.number}`,
        body: `${excerpt(ctx.input.text, 40)}（诉求已恢复办理）`,
      }],
    });
  };
  // The view's reads go beside the writes: the answer changes nothing they read but its own
  // step, added here (the read may or may not have met its insert).
  const [extras, { next, event }] = await Promise.all([extrasFor(ctx, dept, c, record.ask), answering()]);
  const events = [...extras.events.filter((e) => e._id !== event._id), event];
  return toRequestView(ctx.caller, next, dept._id, ctx.now, { ...extras, events });
};
