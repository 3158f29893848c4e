/**
 * The overview's figures, pure: counts by building × category × month, each category's month
 * against the average of the three before it, time to first response, repeat reporters.
 * Every figure carries its numerator, denominator and sample; ranks and trends need at least
 * INSIGHT_MIN_SAMPLE items, so three reports never make a "top problem".
 */
import { INSIGHT_MIN_SAMPLE, type CategoryTrend, type HeatCell, type InsightFigure, type TopicItem } from '../../../../miniprogram/core/insight/contract';
import { summarize } from '../concern/stats';
import type { ConcernRecord } from '../concern/records';
import { monthOf } from './months';

const pct = (num: number, den: number) => (den === 0 ? '—' : `${Math.round((num / den) * 100)}%`);

/** 0 none, then 1–4 by quarters of the highest cell. */
export function shade(count: number, max: number): number {
  if (count === 0 || max === 0) return 0;
  return Math.max(1, Math.ceil((count / max) * 4));
}

export function heatCells(items: readonly TopicItem[], month: string): HeatCell[] {
  const counts = new Map<string, { buildingId: string; category: string; count: number }>();
  for (const t of items) {
    if (monthOf(t.at) !== month) continue;
    const k = `${t.buildingId}|${t.category}`;
    const c = counts.get(k) ?? { buildingId: t.buildingId, category: t.category, count: 0 };
    c.count += 1;
    counts.set(k, c);
  }
  const max = Math.max(0, ...[...counts.values()].map((c) => c.count));
  return [...counts.values()]
    .sort((a, b) => a.buildingId.localeCompare(b.buildingId) || a.category.localeCompare(b.category))
    .map((c) => ({ ...c, shade: shade(c.count, max), drill: { month, buildingId: c.buildingId, category: c.category, figure: 'raised' } }));
}

/**
 * Trend: this month's count against the three months before, compared in integers
 * (3 × this month against their total) so 「持平」 is exact. No trend on a sample below the floor.
 */
export function categoryTrends(items: readonly TopicItem[], months: readonly string[], names: ReadonlyMap<string, string>): CategoryTrend[] {
  const month = months[months.length - 1];
  const byCat = new Map<string, number[]>();
  for (const t of items) {
    const i = months.indexOf(monthOf(t.at));
    if (i < 0) continue;
    const counts = byCat.get(t.category) ?? months.map(() => 0);
    counts[i] += 1;
    byCat.set(t.category, counts);
  }
  const rows = [...byCat.entries()].map(([category, counts]) => {
    const thisMonth = counts[counts.length - 1];
    const prevTotal = counts.slice(0, -1).reduce((a, b) => a + b, 0);
    const prevMonths = counts.length - 1;
    const enough = thisMonth + prevTotal >= INSIGHT_MIN_SAMPLE;
    const trend: CategoryTrend['trend'] = !enough ? null : thisMonth * prevMonths > prevTotal ? 'up' : thisMonth * prevMonths < prevTotal ? 'down' : 'flat';
    const avg = `前${prevMonths}月平均${(prevTotal / prevMonths).toFixed(1)}`;
    const trendText = trend === null ? `样本不足（n=${thisMonth + prevTotal}）` : `${trend === 'up' ? '上升' : trend === 'down' ? '下降' : '持平'}：本月${thisMonth}，${avg}`;
    return { category, name: names.get(category) ?? '其他', counts, thisMonth, prevTotal, trend, trendText, rank: null as number | null, bar: 0, drill: thisMonth ? { month, category, figure: 'raised' as const } : null };
  });
  const max = Math.max(0, ...rows.map((r) => r.thisMonth));
  rows.sort((a, b) => b.thisMonth - a.thisMonth || b.prevTotal - a.prevTotal || a.category.localeCompare(b.category));
  let place = 0;
  for (const r of rows) {
    r.bar = max ? Math.round((r.thisMonth / max) * 100) : 0;
    if (r.thisMonth >= INSIGHT_MIN_SAMPLE) r.rank = ++place;
  }
  return rows;
}

export function raisedFigure(items: readonly TopicItem[], month: string): InsightFigure {
  const n = items.filter((t) => monthOf(t.at) === month).length;
  return { value: n, of: null, n, text: `${n}件`, drill: n ? { month, figure: 'raised' } : null };
}

/** Submit → first signature: the median over the concerns signed, reusing concern.stats' summary. */
export function firstResponseFigure(concerns: readonly ConcernRecord[], month: string, now: number): InsightFigure & { medianMinutes: number | null } {
  const mine = concerns.filter((c) => monthOf(c.createdAt) === month);
  const signed = mine.filter((c) => c.acceptedAt !== null).length;
  const { medianMinutesToSign } = summarize('month', month, [...mine], now);
  const median = medianMinutesToSign === null ? '—' : medianMinutesToSign < 60 ? `${medianMinutesToSign}分钟` : `${(medianMinutesToSign / 60).toFixed(1)}小时`;
  return {
    value: signed,
    of: mine.length,
    n: signed,
    medianMinutes: medianMinutesToSign,
    text: `中位${median}（已签收${signed}/${mine.length}，${pct(signed, mine.length)}）`,
    drill: signed ? { month, figure: 'responded' } : null,
  };
}

/**
 * Residents who raised two or more concerns this month ÷ residents who raised any. A concern
 * filed for a household with nobody on the app counts under the household. Counts only:
 * no drill-down, because the list would say who they are.
 */
export function repeatReportersFigure(concerns: readonly ConcernRecord[], month: string): InsightFigure {
  const per = new Map<string, number>();
  let n = 0;
  for (const c of concerns) {
    if (monthOf(c.createdAt) !== month) continue;
    n += 1;
    const who = c.authorId ?? `household:${c.householdId}`;
    per.set(who, (per.get(who) ?? 0) + 1);
  }
  const repeat = [...per.values()].filter((x) => x >= 2).length;
  return { value: repeat, of: per.size, n, text: `${repeat}/${per.size}人（${pct(repeat, per.size)}，${n}件）`, drill: null };
}

export const RESPONDED = (c: ConcernRecord) => c.acceptedAt !== null;
