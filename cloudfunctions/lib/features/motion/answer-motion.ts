import { AppError } from '../../../../miniprogram/core/errors';
import { MOTION_ANSWER_LABELS, MOTION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { isAdminHere, SUPPORTABLE } from './permissions';
import { commit, followers, loadVisible, syncConcern, tell, viewFor } from './transition';

/**
 * 答复议题. A motion the committee will not put to a meeting is answered with reasons —
 * 不予上会, 转有关部门办理 or 已直接办理 — while it still collects support or waits after
 * its threshold; the mover and the author of the concern it came from are told.
 */
export const answerMotion: Handler<'motion.answer'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const m = await loadVisible(db, caller, input.motionId);
  if (!isAdminHere(caller, m)) throw new AppError('FORBIDDEN', '只有社区管理员可以答复议题');
  if (!SUPPORTABLE.includes(m.status)) throw new AppError('CONFLICT', `该议题${MOTION_STATUS_LABELS[m.status]}，不能再答复`);
  await checkWritten(ctx, { reason: input.reason });
  const { next, event } = await commit(
    db,
    caller,
    m,
    { status: 'answered', answer: { kind: input.kind, reason: input.reason, at: now, byId: caller.memberId, byName: caller.name ?? '社区工作人员' }, wakeAt: null },
    { type: 'motion.answered', public: true, note: `${MOTION_ANSWER_LABELS[input.kind]}：${input.reason}` },
    now,
  );
  await syncConcern(db, next);
  await tell(ctx.deps.notifier, next, event._id, { to: await followers(db, next), kind: 'motion.answered', title: `议题已答复：${MOTION_ANSWER_LABELS[input.kind]}`, body: `「${next.title}」：${input.reason}` });
  return viewFor(db, caller, next, now);
};
