/**
 * 今日待办's concern rows: what the caller handles that is near or past its clock (签收 while
 * unsigned, 办结 once signed), and for a grid leader or an admin what is under 督办.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import type { Filter } from '../../ports/store';
import { DAY, HOUR } from '../../kernel/time';
import { clockText, nearEnd, pageOf, todayRow } from '../workbench/rows';
import type { ConcernRecord } from './records';

/** Past the longest resolve window's last quarter nothing is near yet: the read looks this far ahead. */
const HORIZON = 8 * DAY;
const RUNNING = ['dispatched', 'accepted', 'supervised'] as const;

/** The clock the handler is on, and its length: their own signing window, else the resolve clock. */
function clockOf(c: ConcernRecord): { dueAt: number; length: number; what: '签收' | '办结' } | null {
  if (c.pausedAt !== null) return null;
  // A transfer or reroute gives the new signer a window of their own: wakeAt holds it.
  if (c.status === 'dispatched') return { dueAt: c.wakeAt ?? c.contactDueAt, length: c.contactHours * HOUR, what: '签收' };
  if (c.status === 'accepted' || c.status === 'supervised') return { dueAt: c.resolveDueAt, length: c.resolveDays * DAY, what: '办结' };
  return null;
}

const page = (c: ConcernRecord) => ({ label: '查看', page: pageOf(c._id, '/staff/concern/index') });
const title = (c: ConcernRecord) => `${c.number} ${c.categoryName} · ${c.buildingName}`;

function handlerRow(c: ConcernRecord, now: number): TodayRow | null {
  const clock = clockOf(c);
  if (!clock) return null;
  const late = c.overdue || clock.dueAt <= now;
  if (!late && !nearEnd(clock.dueAt, clock.length, now)) return null;
  const row = todayRow('concern', c._id, {
    title: title(c),
    reason: `${clock.what}${clockText(clock.dueAt, now)}`,
    dueAt: clock.dueAt,
    overdue: late,
    open: page(c),
  });
  if (c.status === 'dispatched') row.act = { label: '签收', action: 'concern.accept', input: { concernId: c._id } };
  return row;
}

function supervisionRow(c: ConcernRecord, now: number): TodayRow {
  const clock = clockOf(c);
  const why = c.status === 'supervised' ? '居民不满意，督办中' : c.escalationLevel >= 2 ? '已提请社区督办' : '已超期，督办中';
  const reason = clock ? `${why}（${clockText(clock.dueAt, now)}）` : why;
  return todayRow('supervision', c._id, { title: title(c), reason, dueAt: clock?.dueAt ?? null, overdue: c.overdue || (clock !== null && clock.dueAt <= now), open: page(c) });
}

export async function concernToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const admin = hasRole(caller, 'admin');
  // Admins hold the community's shared queue (no assignee) besides their own items.
  const holders: (string | null)[] = admin ? [caller.memberId, null] : [caller.memberId];
  const led: Filter | null = admin ? {} : caller.ledGridIds.length ? { gridId: { $in: caller.ledGridIds } } : null;
  const limit = TODAY_ROWS_PER_FEATURE;
  const [held, supervised] = await Promise.all([
    Promise.all(
      holders.flatMap((assigneeId) => [
        db.query('concerns', { where: { assigneeId, overdue: true }, orderBy: { field: 'createdAt', dir: 'asc' }, limit }),
        db.query('concerns', { where: { assigneeId, status: { $in: [...RUNNING] }, wakeAt: { $lte: now + HORIZON } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit }),
      ]),
    ),
    led ? db.query('concerns', { where: { ...led, supervising: true }, orderBy: { field: 'createdAt', dir: 'asc' }, limit }) : Promise.resolve({ items: [] as ConcernRecord[] }),
  ]);
  const rows = new Map<string, TodayRow>();
  for (const c of held.flatMap((p) => p.items)) {
    const row = handlerRow(c, now);
    if (row) rows.set(row.key, row);
  }
  const handled = new Set([...rows.values()].map((r) => r.key.slice('concern:'.length)));
  const chase = supervised.items.filter((c) => !handled.has(c._id) && c.assigneeId !== caller.memberId).map((c) => supervisionRow(c, now));
  // The most urgent of what they hold, when more than a day's share is near.
  const own = [...rows.values()].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? 0) - (b.dueAt ?? 0)).slice(0, limit);
  return own.concat(chase);
}
