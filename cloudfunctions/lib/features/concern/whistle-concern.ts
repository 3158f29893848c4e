import { departmentVisibleTo } from '../../../../miniprogram/core/department/contract';
import { fieldError } from '../../../../miniprogram/core/errors';
import { sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { DAY } from '../../kernel/time';
import { pause } from './lifecycle';
import { actOn, loadFor, residents } from './transition';

/**
 * 吹哨报到: a unit of the department directory is brought in and must report back by a
 * date. Its contact person is told and answers in their own view (department.answer); the
 * handler's clocks stop meanwhile, and the sweep chases, escalates and at last ends the wait.
 */
export const whistleConcern: Handler<'concern.whistle'> = async (ctx) => {
  const { departmentId, note, replyDays, sharePhone } = ctx.input;
  const db = ctx.db();
  // Who may whistle is settled before the directory is consulted: no entry leaks to a stranger.
  const loaded = await loadFor(ctx, ctx.input.concernId, 'concern.whistle');
  // Directory entries are read across communities: a shared one belongs to another community.
  const [dept, community] = await Promise.all([ctx.deps.store.get('departments', departmentId), db.get('communities', db.communityId)]);
  if (!dept || !departmentVisibleTo(dept, community && { id: community._id, subdistrict: community.subdistrict })) {
    throw fieldError('VALIDATION_ERROR', 'departmentId', '所选部门不在本社区的部门名录中');
  }
  if (!dept.active) throw fieldError('VALIDATION_ERROR', 'departmentId', '该部门已停用，请选择其他部门');
  const department = dept.name;
  const dueAt = ctx.now + replyDays * DAY;
  return actOn(ctx, loaded, (c) => ({
    patch: {
      status: 'coordinating',
      ...pause(c, ctx.now),
      whistle: { departmentId, department, contactId: dept.contactId, note, since: ctx.now, dueAt, chases: 0, sharePhone },
      departmentIds: [...new Set([...(c.departmentIds ?? []), departmentId])],
      overdue: false,
      wakeAt: dueAt,
    },
    step: { type: 'concern.whistled', public: true, note: `已请${department}协同处理` },
    messages: () => [
      { to: residents(c), kind: 'concern.whistled', title: '您的诉求正在协调相关部门', body: `已请${department}协同处理，${replyDays}天内回复。` },
      { to: [dept.contactId], kind: 'concern.departmentRequested', title: `协办请求：${c.categoryName}（${c.buildingName}）`, body: `需协调：${sentence(note, 40)}。请${replyDays}天内回复。` },
    ],
  }), [], { note });
};
