import type { MotionView } from '../../../../miniprogram/core/council/motion-contract';
import type { Handler } from '../../kernel/action';
import { canView, CLOSED_STATUSES, OPEN_STATUSES } from './permissions';
import { toMotionView } from './presenters';
import { supportIdFor, type MotionRecord } from './records';
import { concernLink, unitKeyOf } from './transition';

/** How many of my household's supports and my own motions 我的 looks at (newest first). */
const MINE_CAP = 100;

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
      db.query('motions', { where: { proposerId: caller.memberId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: MINE_CAP }),
      caller.householdId
        ? db.query('motionSupports', { where: { householdId: caller.householdId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: MINE_CAP })
        : db.query('motionSupports', { where: { memberId: caller.memberId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: MINE_CAP }),
    ]);
    const supported = await db.getMany('motions', supports.items.map((s) => s.motionId));
    const byId = new Map([...mine.items, ...supported].map((m) => [m._id, m]));
    motions = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : -1)).slice(0, input.limit);
  } else {
    const page = await db.query('motions', {
      where: { status: { $in: [...(input.when === 'open' ? OPEN_STATUSES : CLOSED_STATUSES)] } },
      orderBy: { field: 'createdAt', dir: 'desc' },
      limit: input.limit,
      after: input.cursor,
    });
    motions = page.items;
    next = page.next;
  }
  const visible = motions.filter((m) => canView(caller, m));
  const keys = visible.map((m) => [m, unitKeyOf(caller, m)] as const);
  const supports = new Map((await db.getMany('motionSupports', keys.flatMap(([m, k]) => (k ? [supportIdFor(m._id, k)] : [])))).map((s) => [s.motionId, s]));
  // The concern link's words are for its author and staff (concernLink decides, row by row).
  const concerns = new Map((await db.getMany('concerns', visible.flatMap((m) => (m.concernId ? [m.concernId] : [])))).map((c) => [c._id, c]));
  const items: MotionView[] = visible.map((m) => toMotionView(caller, m, now, { support: supports.get(m._id) ?? null, concern: m.concernId ? concernLink(caller, concerns.get(m.concernId) ?? null) : null }));
  return { items, ...(next ? { next } : {}) };
};
