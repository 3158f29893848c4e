import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { contactDeadline } from './lifecycle';
import type { Route } from './routing';
import { routeFor } from './routing';
import { actOn, loadFor } from './transition';

/**
 * Passes a concern to another grid (its chain picks the person) or to a named staff member,
 * who must sign for it anew. The first responder keeps responsibility and sight of it.
 */
export const transferConcern: Handler<'concern.transfer'> = async (ctx) => {
  const db = ctx.db();
  const { toGridId, toMemberId, reason } = ctx.input;
  // The concern is read beside the receiver (one wait); the receiver's errors still come first.
  const loading = loadFor(ctx, ctx.input.concernId, 'concern.transfer');
  loading.catch(() => undefined);
  let route: Route;
  let gridId: string | undefined;
  // The receiver's name, from the record routing read: the page shows it without a lookup.
  let staffNames: Record<string, string> = {};
  if (toGridId) {
    const grid = await db.require('grids', toGridId, '网格不存在', 'toGridId');
    const routed = await routeFor(db, grid, ctx.now);
    route = routed;
    gridId = grid._id;
    const to = routed.people.find((m) => m._id === routed.assigneeId);
    if (to) staffNames = { [to._id]: to.name ?? '社区工作人员' };
  } else {
    const target = await db.get('members', toMemberId as string);
    if (!target || !target.roles.some((r) => r === 'gridWorker' || r === 'admin')) {
      throw fieldError('VALIDATION_ERROR', 'toMemberId', '接收人须为本社区的网格员或管理员');
    }
    route = { assigneeId: target._id, via: 'transfer' };
    staffNames = { [target._id]: target.name ?? '社区工作人员' };
  }
  return actOn(ctx, await loading, (c) => {
    if (route.assigneeId === c.assigneeId && (gridId ?? c.gridId) === c.gridId) {
      throw fieldError('VALIDATION_ERROR', toGridId ? 'toGridId' : 'toMemberId', '接收人与当前办理人相同');
    }
    return {
      patch: {
        status: 'dispatched',
        assigneeId: route.assigneeId,
        routedVia: toGridId ? route.via : 'transfer',
        ...(gridId ? { gridId } : {}),
        staffNames,
        // The receiver gets a fresh window to sign; the promise to the resident stands.
        wakeAt: contactDeadline(c, ctx.now),
      },
      step: { type: 'concern.transferred', public: true, note: reason },
      messages: () => [
        { to: [route.assigneeId], kind: 'concern.dispatched', title: `转交给您的诉求待签收：${c.categoryName}`, body: `${c.buildingName}：${reason}`.slice(0, 60) },
      ],
    };
  }, [], { reason });
};
