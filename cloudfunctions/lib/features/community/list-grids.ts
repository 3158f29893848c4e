import type { GridView, StaffRef } from '../../../../miniprogram/core/community/contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';

const byName = { field: 'name', dir: 'asc' } as const;

/** Read with the caller's record: the page of grids; the people named on it follow in one read. */
export const prefetchGrids: PrefetchOf<'community.grids'> = (input) => ({
  grids: { collection: 'grids', where: { communityId: fromAnchor('communityId') }, orderBy: byName, limit: input.limit, after: input.cursor },
});

export const listGrids: Handler<'community.grids'> = async (ctx) => {
  const db = ctx.db();
  const page = await db.query('grids', { where: {}, orderBy: byName, limit: ctx.input.limit, after: ctx.input.cursor });
  const workerIds = page.items.flatMap((g) => [g.workerA, g.workerB, g.leaderId ?? null]).filter((id): id is string => !!id);
  const workers = new Map((await db.getMany('members', workerIds)).map((m) => [m._id, m]));
  const ref = (id: string | null): StaffRef | undefined => {
    const m = id ? workers.get(id) : undefined;
    return m ? { memberId: m._id, name: m.name ?? '网格员' } : undefined;
  };
  return {
    items: page.items.map((g): GridView => {
      const view: GridView = { id: g._id, name: g.name };
      const a = ref(g.workerA);
      const b = ref(g.workerB);
      if (a) view.workerA = a;
      if (b) view.workerB = b;
      const leader = ref(g.leaderId ?? null);
      if (leader) view.leader = leader;
      return view;
    }),
    next: page.next,
  };
};
