/**
 * The "three rates" every street office is judged by, computed from concern records. Pure.
 * - 响应率 response: signed within the contact SLA / signed, or unsigned past the SLA.
 * - 解决率 resolution: rated "resolved" by the resident / rated or archived unrated.
 * - 满意率 satisfaction: 4–5 stars / rated. Unrated archives count as unrated, not satisfied.
 * Medians: submit → first signature (minutes), submit → first resolution (hours).
 */
import { RANKING_MIN_SAMPLE, type ConcernStatsRow } from '../../../../miniprogram/core/concern/contract';
import { SATISFIED_FROM } from './lifecycle';
import type { ConcernRecord } from './records';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 1000) / 1000;
}

export function summarize(key: string, label: string, concerns: ConcernRecord[], now: number): ConcernStatsRow {
  const counted = concerns.filter((c) => c.status !== 'merged');
  const responseBase = counted.filter((c) => c.respondedInTime !== null || (c.status !== 'withdrawn' && now > c.contactDueAt));
  const rated = counted.filter((c) => c.rating !== null);
  const unrated = counted.filter((c) => c.closedReason === 'autoClosed' && c.rating === null);
  const assessed = rated.length + unrated.length;
  return {
    key,
    label,
    total: counted.length,
    responseRate: ratio(responseBase.filter((c) => c.respondedInTime === true).length, responseBase.length),
    resolutionRate: ratio(rated.filter((c) => c.rating?.resolved).length, assessed),
    satisfactionRate: ratio(rated.filter((c) => (c.rating?.satisfaction ?? 0) >= SATISFIED_FROM).length, rated.length),
    rated: rated.length,
    unrated: unrated.length,
    medianMinutesToSign: median(counted.filter((c) => c.acceptedAt !== null).map((c) => Math.round(((c.acceptedAt as number) - c.createdAt) / 60_000))),
    medianHoursToResolve: median(
      counted.filter((c) => c.firstResolvedAt !== null).map((c) => Math.round((((c.firstResolvedAt as number) - c.createdAt) / 3_600_000) * 10) / 10),
    ),
  };
}

/**
 * Ranks groups with enough cases: satisfaction first, then resolution, then response.
 * Small groups keep their figures but get no place, so one bad case does not shame a grid.
 */
export function rank(rows: ConcernStatsRow[]): ConcernStatsRow[] {
  const score = (r: ConcernStatsRow) => [r.satisfactionRate ?? -1, r.resolutionRate ?? -1, r.responseRate ?? -1];
  const eligible = rows
    .filter((r) => r.total >= RANKING_MIN_SAMPLE)
    .sort((a, b) => {
      const [x, y] = [score(a), score(b)];
      return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
    });
  eligible.forEach((r, i) => {
    r.rank = i + 1;
  });
  return rows;
}

export function group(concerns: ConcernRecord[], keyOf: (c: ConcernRecord) => string): Map<string, ConcernRecord[]> {
  const out = new Map<string, ConcernRecord[]>();
  for (const c of concerns) {
    const k = keyOf(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}
