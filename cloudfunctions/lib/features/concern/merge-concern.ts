import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { isStaffViewer } from './permissions';
import { actOn, commit, loadFor } from './transition';

const MERGEABLE_INTO = new Set(['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised']);

/**
 * A duplicate joins its original: the original gains the duplicate's author as a follower
 * (so its progress reaches them), then the duplicate ends as "merged" and points at it.
 * Following first means a failure in between leaves an extra follower, never a resident
 * whose concern vanished without word.
 */
export const mergeConcern: Handler<'concern.merge'> = async (ctx) => {
  const db = ctx.db();
  // An original named by id is read beside the duplicate (one wait); its checks come after the duplicate's.
  const named = ctx.input.intoId ? db.get('concerns', ctx.input.intoId) : null;
  named?.catch(() => undefined);
  const dup = await loadFor(ctx, ctx.input.concernId, 'concern.merge');
  // The reason lands on the original first: checked before either concern changes.
  await checkWritten(ctx, { reason: ctx.input.reason });
  const intoId = ctx.input.intoId ?? (await byNumber(ctx, ctx.input.intoNumber as string));
  if (intoId === dup._id) throw fieldError('VALIDATION_ERROR', ctx.input.intoId ? 'intoId' : 'intoNumber', '不能并入自己');
  let into: { id: string; number: string } | null = null;
  for (let attempt = 0; ; attempt += 1) {
    const original = attempt === 0 && named ? await named : await db.get('concerns', intoId);
    if (!original || !isStaffViewer(ctx.caller, original)) throw fieldError('NOT_FOUND', ctx.input.intoId ? 'intoId' : 'intoNumber', '原诉求不存在');
    if (!MERGEABLE_INTO.has(original.status)) throw new AppError('CONFLICT', '原诉求已结束，不能并入');
    if (original.mergedInto) throw new AppError('CONFLICT', '原诉求本身已被合并');
    const followers = [...new Set([...original.followerIds, dup.authorId, ...dup.followerIds])].filter((id): id is string => id !== null && id !== original.authorId);
    try {
      await commit(db, ctx.caller, original, { followerIds: followers }, { type: 'concern.mergedIn', public: false, note: `并入重复诉求 ${dup.number}：${ctx.input.reason}` }, ctx.now);
      // Its id and number never change: the duplicate points at it without reading it again.
      into = { id: original._id, number: original.number };
      break;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= 2) throw err;
    }
  }
  const original = into as { id: string; number: string };
  // The duplicate as loaded: if it changed meanwhile, the compare-and-set refuses the step.
  return actOn(ctx, dup, () => ({
    patch: { status: 'merged', mergedInto: original, closedAt: ctx.now, closedReason: 'merged', pausedAt: null, wakeAt: null, overdue: false },
    step: { type: 'concern.merged', public: true, note: `与诉求 ${original.number} 为同一问题，已合并办理：${ctx.input.reason}` },
    messages: () => [
      { to: [dup.authorId, ...dup.followerIds], kind: 'concern.merged', title: '您的诉求已与相同问题合并办理', body: `后续进展将在诉求 ${original.number} 中告知您。` },
    ],
  }));
};

/** Staff quote the 受理编号; numbers are unique within a community. */
async function byNumber(ctx: HandlerContext<unknown>, number: string): Promise<string> {
  const found = await ctx.db().query('concerns', { where: { number }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 });
  const original = found.items[0];
  if (!original) throw fieldError('NOT_FOUND', 'intoNumber', `没有受理编号为 ${number} 的诉求`);
  return original._id;
}
