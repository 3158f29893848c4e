import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import type { Filter } from '../../ports/store';
import { toQueueItem } from './presenters';

/**
 * A grid worker's queue is what waits on them; admins see the whole community and may
 * filter by category or grid. Each filter combination has its own index.
 */
export const concernQueue: Handler<'concern.queue'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const admin = hasRole(caller, 'admin');
  if (!admin && (input.category || input.gridId)) throw new AppError('FORBIDDEN', '按分类或网格筛选仅限社区管理员');
  const where: Filter = {};
  if (!admin) where.assigneeId = caller.memberId;
  if (input.status) where.status = input.status;
  if (input.overdue) where.overdue = true;
  if (input.category) where.category = input.category;
  if (input.gridId) where.gridId = input.gridId;
  const db = ctx.db();
  const page = await db.query('concerns', {
    where,
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: input.limit,
    after: input.cursor,
  });
  const ids = page.items.map((c) => c.assigneeId).filter((x): x is string => !!x);
  const names = new Map((await db.getMany('members', ids)).map((m) => [m._id, m.name ?? '网格员']));
  return { items: page.items.map((c) => toQueueItem(c, ctx.caller, now, names)), next: page.next };
};
