import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { changeMember } from '../../kernel/members';
import { commit } from '../concern/transition';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { contactDeadline } from '../concern/lifecycle';
import { routeFor, type Route } from '../concern/routing';
import { staffLine } from '../concern/notices';

/** How many waiting concerns one call hands on; the sweep moves any remainder. */
const HANDOVER_LIMIT = 100;

/** The concerns dispatched to someone and not yet signed for. */
function waitingOn(memberId: string): QuerySpec {
  return { where: { assigneeId: memberId, status: 'dispatched' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: HANDOVER_LIMIT };
}

/** Going away, what waits on the person is read in the round-trip of the caller's record. */
export const prefetchAway: PrefetchOf<'staff.setAway'> = (input, memberId) => {
  if (!input.away) return undefined;
  const { where, ...spec } = waitingOn(input.memberId ?? memberId);
  return { waiting: { collection: 'concerns', where: { communityId: fromAnchor('communityId'), ...where }, ...spec } };
};

/**
 * Marks a staff member away or back. Going away hands their unsigned concerns to the next
 * in each grid's chain at once, so nothing waits on someone who is not there.
 */
export const setAway: Handler<'staff.setAway'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const target = input.memberId ?? (caller.memberId);
  if (target !== caller.memberId && !hasRole(caller, 'admin')) throw new AppError('FORBIDDEN', '只能设置本人的外出状态');
  if (input.until !== undefined && input.until <= now) throw fieldError('VALIDATION_ERROR', 'until', '返回时间须晚于现在');
  const db = ctx.db();
  await changeMember(ctx.deps.store, target, now, (m) => {
    if (!m || m.communityId !== db.communityId || !m.roles.some((r) => r === 'gridWorker' || r === 'admin')) {
      throw new AppError('NOT_FOUND', '成员不存在');
    }
    return { ...m, away: input.away ? { since: now, until: input.until ?? null } : null };
  });

  if (input.away) {
    const waiting = await db.query('concerns', waitingOn(target));
    // Most waiting items share a grid or two: each grid's next person is worked out once,
    // all grids at once.
    const gridIds = [...new Set(waiting.items.map((c) => c.gridId))];
    const routes = new Map<string, Route>(await Promise.all(gridIds.map(async (gridId) =>
      [gridId, await routeFor(db, await db.get('grids', gridId), now, { skip: [target] })] as const)));
    // Each concern is its own compare-and-set: they are handed on at once. The notice rides
    // with the step (kept on the concern for a retry, as every concern step's).
    await Promise.all(waiting.items.map(async (c) => {
      const route = routes.get(c.gridId) as Route;
      try {
        await commit(db, caller, c, {
          assigneeId: route.assigneeId,
          routedVia: route.via,
          wakeAt: Math.max(c.contactDueAt, contactDeadline(c, now)),
        }, { type: 'concern.rerouted', public: true, note: '原网格员外出，已转交他人办理' }, now, {
          notifier: ctx.deps.notifier,
          messages: () => [{ to: [route.assigneeId], kind: 'concern.dispatched', title: `新诉求待签收：${c.categoryName}`, body: staffLine(c) }],
        });
      } catch (err) {
        // Someone signed or moved it meanwhile: it is no longer waiting on the absent person.
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }));
  }
  return { memberId: target, away: input.away, ...(input.away && input.until !== undefined ? { until: input.until } : {}) };
};
