import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { changeMember } from '../../kernel/members';
import { commit, notifyAll } from '../concern/transition';
import { contactDeadline } from '../concern/lifecycle';
import { routeFor, type Route } from '../concern/routing';
import { staffLine } from '../concern/notices';

/** How many waiting concerns one call hands on; the sweep moves any remainder. */
const HANDOVER_LIMIT = 100;

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
    const waiting = await db.query('concerns', {
      where: { assigneeId: target, status: 'dispatched' },
      orderBy: { field: 'createdAt', dir: 'asc' },
      limit: HANDOVER_LIMIT,
    });
    // Most waiting items share a grid or two: work out each grid's next person once.
    const routes = new Map<string, Route>();
    const nextIn = async (gridId: string) => {
      const known = routes.get(gridId);
      if (known) return known;
      const route = await routeFor(db, await db.get('grids', gridId), now, { skip: [target] });
      routes.set(gridId, route);
      return route;
    };
    for (const c of waiting.items) {
      const route = await nextIn(c.gridId);
      try {
        const { next, event } = await commit(db, caller, c, {
          assigneeId: route.assigneeId,
          routedVia: route.via,
          wakeAt: Math.max(c.contactDueAt, contactDeadline(c, now)),
        }, { type: 'concern.rerouted', public: true, note: '原网格员外出，已转交他人办理' }, now);
        await notifyAll(ctx.deps.notifier, next, event._id, {
          to: [route.assigneeId], kind: 'concern.dispatched', title: `新诉求待签收：${c.categoryName}`, body: staffLine(c),
        });
      } catch (err) {
        // Someone signed or moved it meanwhile: it is no longer waiting on the absent person.
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }
  }
  return { memberId: target, away: input.away, ...(input.away && input.until !== undefined ? { until: input.until } : {}) };
};
