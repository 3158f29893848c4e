import type { DueView, OnTimeRate } from '../../../../miniprogram/core/disclosure/contract';
import { monthKeyOf } from '../../../../miniprogram/core/disclosure/calendar';
import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { categoriesOf } from './catalogue';
import type { DueRecord } from './records';

/** A month's dues and at most this many still unmet from the months before. */
const MAX_DUES = 200;

/**
 * 公开日历 for a month: what fell or falls due in it, and what is still unmet from before, with
 * the month's 公开及时率 — published on time ÷ due so far (a due counts once its deadline has
 * passed or it was met, so a month in progress is not marked down for what is not late yet).
 */
export function onTimeRate(month: string, dues: readonly DueRecord[], now: number): OnTimeRate {
  const counted = dues.filter((d) => d.month === month && (d.state === 'met' || d.dueAt < now));
  const onTime = counted.filter((d) => d.state === 'met' && d.onTime).length;
  const due = counted.length;
  // Integer percent, rounded down: 9 of 10 is 90%, 2 of 3 is 66%, never more than was done.
  const rateText = due === 0 ? '本月无到期事项' : `${onTime}/${due}（${Math.floor((onTime * 100) / due)}%）`;
  return { month, onTime, due, rateText };
}

export const getCalendar: Handler<'disclosure.calendar'> = async (ctx) => {
  const { now } = ctx;
  const db = ctx.db();
  const month = ctx.input.month ?? monthKeyOf(now);
  const [categories, ofMonth, unmet] = await Promise.all([
    categoriesOf(db, now),
    everyPage(db, 'disclosureDues', { month }, 'dueAt', MAX_DUES),
    db.query('disclosureDues', { where: { state: 'due' }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: 100 }),
  ]);
  const labels = new Map(categories.map((c) => [c.key, c.label]));
  const earlier = unmet.items.filter((d) => d.month < month);
  const view = (d: DueRecord): DueView => ({
    dueId: d._id, categoryKey: d.categoryKey, categoryLabel: labels.get(d.categoryKey) ?? '', label: d.label, dueAt: d.dueAt, state: d.state,
    overdue: d.state === 'due' && d.dueAt < now, metAt: d.metAt, onTime: d.onTime, itemId: d.itemId, escalation: d.escalation,
    source: d.source ? { kind: d.source.kind, title: d.source.title } : null,
  });
  return { month, dues: [...earlier, ...ofMonth].map(view), rate: onTimeRate(month, ofMonth, now) };
};
