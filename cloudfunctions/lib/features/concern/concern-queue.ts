import { OPEN_STATUSES, type QueueView } from '../../../../miniprogram/core/concern/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { hasRole, type Caller } from '../../kernel/caller';
import type { Filter, QueryPage } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import { toQueueItem } from './presenters';
import type { ConcernRecord } from './records';

/**
 * The base filter of each workbench list, or null when the caller's scope holds nothing for
 * it. `all` is an admin without a view: the whole community, as before views existed.
 */
export function baseFilter(caller: Caller, view: QueueView | 'all'): Filter | null {
  const admin = hasRole(caller, 'admin');
  switch (view) {
    case 'all':
      return {};
    case 'assigned':
      return { assigneeId: caller.memberId };
    case 'signed':
      return { firstResponderId: caller.memberId };
    case 'grid': {
      if (admin) return {};
      const grids = [...new Set([...caller.gridIds, ...caller.ledGridIds])];
      return grids.length ? { gridId: { $in: grids } } : null;
    }
    case 'supervise': {
      if (admin) return { supervising: true };
      if (caller.ledGridIds.length === 0) throw new AppError('FORBIDDEN', '督办列表仅限网格长和社区管理员');
      return { gridId: { $in: caller.ledGridIds }, supervising: true };
    }
  }
}

/**
 * A list's open items: the 督办 list holds only open ones already; the others ask for the
 * open statuses (each list has its status index).
 */
export function openFilter(base: Filter): Filter {
  return base.supervising ? { ...base } : { ...base, status: { $in: [...OPEN_STATUSES] } };
}

/**
 * The open items of a list, late ones first: first every item flagged overdue (the flag is
 * set only on open items and cleared by every step that ends or pauses one), then the other
 * open ones, skipping the late ones already shown. Both reads are index-backed (the
 * `…overdue, createdAt` and `…status, createdAt` / `…supervising, createdAt` indexes); the
 * cursor says which of the two a page continues. A first page that runs out of late items
 * fills up from the rest in the same call, so the list never opens half empty.
 */
async function openLateFirst(db: ScopedStore, base: Filter, limit: number, cursor: string | undefined): Promise<QueryPage<ConcernRecord>> {
  const late: Filter = { ...base, overdue: true };
  delete late.supervising;
  const rest = openFilter(base);
  const phase = cursor?.startsWith('r_') ? 'rest' : 'late';
  const after = cursor ? cursor.slice(2) || undefined : undefined;
  const items: ConcernRecord[] = [];
  if (phase === 'late') {
    const page = await db.query('concerns', { where: late, orderBy: { field: 'createdAt', dir: 'desc' }, limit, after });
    items.push(...page.items);
    if (page.next) return { items, next: `l_${page.next}` };
    if (items.length >= limit) return { items, next: 'r_' };
  }
  const page = await db.query('concerns', {
    where: rest,
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: limit - items.length,
    after: phase === 'rest' ? after : undefined,
  });
  items.push(...page.items.filter((c) => !c.overdue));
  return { items, next: page.next ? `r_${page.next}` : undefined };
}

/**
 * The workbench lists (see QUEUE_VIEWS): what waits on me, what I signed first, my grids'
 * open items, and the leader's supervision list; admins without a view see the whole
 * community and may filter by category or grid. Each combination has its own index.
 * `open` is the workbench's default: open items only, late ones first.
 */
export const concernQueue: Handler<'concern.queue'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const admin = hasRole(caller, 'admin');
  if (!admin && (input.category || input.gridId)) throw new AppError('FORBIDDEN', '按分类或网格筛选仅限社区管理员');
  const view = input.view ?? (admin ? 'all' : 'assigned');
  const base = baseFilter(caller, view);
  if (!base) return { items: [] };
  const db = ctx.db();
  let page: QueryPage<ConcernRecord>;
  if (input.open) page = await openLateFirst(db, base, input.limit, input.cursor);
  else {
    const where: Filter = { ...base };
    if (input.status) where.status = input.status;
    // The grid view lists what is still open there unless a status is asked for.
    else if (view === 'grid' && !input.overdue) where.status = { $in: [...OPEN_STATUSES] };
    if (input.overdue) {
      where.overdue = true;
      // Overdue items are supervised by definition; the overdue index serves both lists.
      delete where.supervising;
    }
    if (input.category) where.category = input.category;
    if (input.gridId) where.gridId = input.gridId;
    page = await db.query('concerns', {
      where,
      orderBy: { field: 'createdAt', dir: 'desc' },
      limit: input.limit,
      after: input.cursor,
    });
  }
  // Handlers' names ride on the concerns (staffNames); only older concerns send for them.
  const names = new Map<string, string>();
  for (const c of page.items) if (c.assigneeId && c.staffNames?.[c.assigneeId]) names.set(c.assigneeId, c.staffNames[c.assigneeId]);
  const ids = [...new Set(page.items.map((c) => c.assigneeId).filter((x): x is string => !!x && !names.has(x)))];
  if (ids.length) for (const m of await db.getMany('members', ids)) names.set(m._id, m.name ?? '网格员');
  return { items: page.items.map((c) => toQueueItem(c, ctx.caller, now, names)), next: page.next };
};
