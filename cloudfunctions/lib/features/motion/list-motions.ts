import type { MotionView } from '../../../../miniprogram/core/council/motion-contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type QuerySpec, type ReadPart } from '../../ports/store';
import { canView, CLOSED_STATUSES, OPEN_STATUSES } from './permissions';
import { toMotionView } from './presenters';
import { supportIdFor, type MotionRecord } from './records';
import { concernLink, unitKeyOf } from './transition';

/** How many of my household's supports and my own motions 我的 looks at (newest first). */
const MINE_CAP = 100;

type ListInput = { when: 'open' | 'closed' | 'mine'; limit: number; cursor?: string };

/** The queries a list asks, the same for the prefetch and the handler, so the one answers the other. */
const specs = {
  page: (input: ListInput): QuerySpec => ({
    where: { status: { $in: [...(input.when === 'open' ? OPEN_STATUSES : CLOSED_STATUSES)] } },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: input.limit,
    after: input.cursor,
  }),
  proposed: (memberId: string): QuerySpec => ({ where: { proposerId: memberId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: MINE_CAP }),
  supported: (where: QuerySpec['where']): QuerySpec => ({ where, orderBy: { field: 'createdAt', dir: 'desc' }, limit: MINE_CAP }),
};

/**
 * Read with the caller's record: the page of motions, or for 我的 what I proposed and what my
 * household supported (the household from the record). A caller with no household asks by
 * their own id, which is then read as always.
 */
export const prefetchMotions: PrefetchOf<'motion.list'> = (input, me): Record<string, ReadPart> => {
  const community = { communityId: fromAnchor('communityId') };
  if (input.when !== 'mine') {
    const spec = specs.page(input);
    return { motions: { collection: 'motions', ...spec, where: { ...community, ...spec.where } } };
  }
  const proposed = specs.proposed(me);
  const supported = specs.supported({});
  return {
    proposed: { collection: 'motions', ...proposed, where: { ...community, ...proposed.where } },
    supported: { collection: 'motionSupports', ...supported, where: { ...community, householdId: fromAnchor('householdId') } },
  };
};

/**
 * 议题列表: open (征集中, 已达标, 已列入议程) and closed, newest first, as far as the caller's
 * scope reaches; 我的 is what I proposed and what my household supported. Each row says
 * whether the caller's household (or they) supported it, from one read of the page's supports.
 */
export const listMotions: Handler<'motion.list'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  let motions: MotionRecord[];
  let next: string | undefined;
  if (input.when === 'mine') {
    const [mine, supports] = await Promise.all([
      db.query('motions', specs.proposed(caller.memberId)),
      db.query('motionSupports', specs.supported(caller.householdId ? { householdId: caller.householdId } : { memberId: caller.memberId })),
    ]);
    const supported = await db.getMany('motions', supports.items.map((s) => s.motionId));
    const byId = new Map([...mine.items, ...supported].map((m) => [m._id, m]));
    motions = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : -1)).slice(0, input.limit);
  } else {
    const page = await db.query('motions', specs.page(input));
    motions = page.items;
    next = page.next;
  }
  const visible = motions.filter((m) => canView(caller, m));
  const keys = visible.map((m) => [m, unitKeyOf(caller, m)] as const);
  // The page's supports and the concerns it came from: independent reads, side by side.
  // The concern link's words are for its author and staff (concernLink decides, row by row).
  const [supportList, concernList] = await Promise.all([
    db.getMany('motionSupports', keys.flatMap(([m, k]) => (k ? [supportIdFor(m._id, k)] : []))),
    db.getMany('concerns', visible.flatMap((m) => (m.concernId ? [m.concernId] : []))),
  ]);
  const supports = new Map(supportList.map((s) => [s.motionId, s]));
  const concerns = new Map(concernList.map((c) => [c._id, c]));
  const items: MotionView[] = visible.map((m) => toMotionView(caller, m, now, { support: supports.get(m._id) ?? null, concern: m.concernId ? concernLink(caller, concerns.get(m.concernId) ?? null) : null }));
  return { items, ...(next ? { next } : {}) };
};
