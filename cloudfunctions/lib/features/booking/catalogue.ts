import { AppError } from '../../../../miniprogram/core/errors';
import { fromAnchor } from '../../ports/store';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { hasRole, type Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { toServiceView, toSlotView } from './presenters';
import type { ServiceRecord } from './records';
import { eligible, isServiceStaff } from './rules';
import { DAY } from '../../kernel/time';

/** The grid a resident lives in, for services open to certain grids only. */
async function residentGrid(db: ScopedStore, caller: Caller): Promise<string | null> {
  if (!caller.household) return null;
  return (await db.get('buildings', caller.household.buildingId))?.gridId ?? null;
}

function canBook(caller: Caller, s: ServiceRecord, grid: string | null): boolean {
  if (!s.active) return false;
  if (hasRole(caller, 'gridWorker', 'admin')) return true;
  return hasRole(caller, 'resident') && eligible(s, grid);
}

/** Residents see the services open to their grid; staff see all, including paused ones. */
export const listServices: Handler<'booking.services'> = async (ctx) => {
  const db = ctx.db();
  const staff = hasRole(ctx.caller, 'gridWorker', 'admin');
  const [page, grid] = await Promise.all([
    db.query('services', { where: {}, orderBy: { field: 'name', dir: 'asc' }, limit: ctx.input.limit, after: ctx.input.cursor }),
    residentGrid(db, ctx.caller),
  ]);
  const visible = page.items.filter((s) => staff || (s.active && (eligible(s, grid) || !hasRole(ctx.caller, 'resident'))));
  return { items: visible.map((s) => toServiceView(ctx.caller, s, canBook(ctx.caller, s, grid))), next: page.next };
};

export const getService: Handler<'booking.service'> = async (ctx) => {
  const db = ctx.db();
  const s = await db.get('services', ctx.input.serviceId);
  if (!s || (!s.active && !hasRole(ctx.caller, 'gridWorker', 'admin'))) throw new AppError('NOT_FOUND', '服务不存在');
  return toServiceView(ctx.caller, s, canBook(ctx.caller, s, await residentGrid(db, ctx.caller)));
};

/**
 * Read with the caller's record: the service, and the page of slots a resident is shown
 * (from now on). The service's own staff also see today's slots under way: they ask
 * another page, read after.
 */
export const prefetchSlots: PrefetchOf<'booking.slots'> = (input, _me, now) => ({
  service: { collection: 'services', id: input.serviceId },
  slots: {
    collection: 'slots',
    where: { communityId: fromAnchor('communityId'), serviceId: input.serviceId, startAt: { $gte: Math.max(input.from ?? now, now) } },
    orderBy: { field: 'startAt', dir: 'asc' },
    limit: input.limit,
    after: input.cursor,
  },
});

export const listSlots: Handler<'booking.slots'> = async (ctx) => {
  const db = ctx.db();
  const service = await db.require('services', ctx.input.serviceId, '服务不存在', 'serviceId');
  // Residents see what they can still book; staff also see today's slots already under way,
  // to check people in and mark no-shows.
  const earliest = isServiceStaff(ctx.caller, service) ? ctx.now - DAY : ctx.now;
  const page = await db.query('slots', {
    where: { serviceId: ctx.input.serviceId, startAt: { $gte: Math.max(ctx.input.from ?? ctx.now, earliest) } },
    orderBy: { field: 'startAt', dir: 'asc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  return { items: page.items.map(toSlotView), next: page.next };
};
