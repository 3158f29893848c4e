/**
 * The "three rates" every street office is judged by, computed from concern records. Pure.
 * - 响应率 response: signed within the contact SLA / signed, or unsigned past the SLA.
 * - 解决率 resolution: rated "resolved" by the resident / rated or archived unrated.
 * - 满意率 satisfaction: 4–5 stars / rated. Unrated archives count as unrated, not satisfied.
 * Medians: submit → first signature (minutes), submit → first resolution (hours).
 * Per person (`byPerson`), each clock that ran out is charged to whoever held the item then,
 * and a signature is judged against the signer's own window, so whoever rescues an item
 * another let slip is not charged for it; the community pool and never-signed items are
 * shown but are nobody, and are never ranked.
 */
import { RANKING_MIN_SAMPLE, type ConcernStatsRow } from '../../../../miniprogram/core/concern/contract';
import { SATISFIED_FROM } from './lifecycle';
import type { ClockMiss, ConcernRecord } from './records';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 1000) / 1000;
}

const missesOf = (c: ConcernRecord): readonly ClockMiss[] => c.clockMisses ?? [];

/** A rate's sample: how many of how many. */
export interface Sample {
  num: number;
  den: number;
}

export interface RateCounts {
  response: Sample;
  resolution: Sample;
  satisfaction: Sample;
}

/** The three rates of a group as counts (numerator and denominator), by the definitions above. */
export function rateCounts(concerns: ConcernRecord[], now: number): RateCounts {
  const counted = concerns.filter((c) => c.status !== 'merged');
  const responseBase = counted.filter((c) => c.respondedInTime !== null || (c.status !== 'withdrawn' && now > c.contactDueAt));
  const rated = counted.filter((c) => c.rating !== null);
  const unrated = counted.filter((c) => c.closedReason === 'autoClosed' && c.rating === null);
  return {
    response: { num: responseBase.filter((c) => c.respondedInTime === true).length, den: responseBase.length },
    resolution: { num: rated.filter((c) => c.rating?.resolved).length, den: rated.length + unrated.length },
    satisfaction: { num: rated.filter((c) => (c.rating?.satisfaction ?? 0) >= SATISFIED_FROM).length, den: rated.length },
  };
}

export function summarize(key: string, label: string, concerns: ConcernRecord[], now: number): ConcernStatsRow {
  const counted = concerns.filter((c) => c.status !== 'merged');
  const rated = counted.filter((c) => c.rating !== null);
  const unrated = counted.filter((c) => c.closedReason === 'autoClosed' && c.rating === null);
  const r = rateCounts(concerns, now);
  return {
    key,
    label,
    total: counted.length,
    responseRate: ratio(r.response.num, r.response.den),
    resolutionRate: ratio(r.resolution.num, r.resolution.den),
    satisfactionRate: ratio(r.satisfaction.num, r.satisfaction.den),
    rated: rated.length,
    unrated: unrated.length,
    medianMinutesToSign: median(counted.filter((c) => c.acceptedAt !== null).map((c) => Math.round(((c.acceptedAt as number) - c.createdAt) / 60_000))),
    medianHoursToResolve: median(
      counted.filter((c) => c.firstResolvedAt !== null).map((c) => Math.round((((c.firstResolvedAt as number) - c.createdAt) / 3_600_000) * 10) / 10),
    ),
    missedClocks: counted.reduce((n, c) => n + missesOf(c).length, 0),
  };
}

/** Row keys that stand for no person: never ranked. */
export const POOL_KEY = 'pool';
export const UNSIGNED_KEY = 'unsigned';

/**
 * One row per person who signed an item or let a clock run out while holding it.
 * - response: their signatures within their own window / their signatures + contact
 *   windows that ran out on them (a window missed and later signed counts once each way);
 * - resolution, satisfaction, medians: the items they signed (首接负责 to the end);
 * - missed clocks: contact and resolve clocks that ran out while they held the item.
 * Misses in the community pool go to the `pool` row, items nobody signed to `unsigned`.
 */
export function byPerson(concerns: ConcernRecord[], now: number, labelOf: (key: string) => string): ConcernStatsRow[] {
  const { people, unsigned } = personTallies(concerns);
  const rows = people.map(({ key, mine, tally }) => {
    const base = summarize(key, labelOf(key), mine, now);
    return {
      ...base,
      total: new Set([...mine.map((c) => c._id), ...tally.items]).size,
      responseRate: ratio(personResponse(mine, tally).num, personResponse(mine, tally).den),
      missedClocks: tally.contact + tally.resolve,
      ...(key === POOL_KEY ? { person: false as const } : {}),
    };
  });
  const out: ConcernStatsRow[] = rows;
  if (unsigned.length) out.push({ ...summarize(UNSIGNED_KEY, labelOf(UNSIGNED_KEY), unsigned, now), person: false });
  return out;
}

interface Tally {
  contact: number;
  resolve: number;
  items: Set<string>;
}

function personTallies(concerns: ConcernRecord[]) {
  const counted = concerns.filter((c) => c.status !== 'merged');
  const signed = group(counted.filter((c) => c.firstResponderId !== null), (c) => c.firstResponderId as string);
  const misses = new Map<string, Tally>();
  for (const c of counted) {
    for (const m of missesOf(c)) {
      const key = m.holderId ?? POOL_KEY;
      const tally = misses.get(key) ?? { contact: 0, resolve: 0, items: new Set<string>() };
      tally[m.clock] += 1;
      tally.items.add(c._id);
      misses.set(key, tally);
    }
  }
  const unsigned = counted.filter((c) => c.firstResponderId === null && c.status !== 'withdrawn');
  const keys = new Set([...signed.keys(), ...misses.keys()]);
  const people = [...keys].map((key) => ({ key, mine: signed.get(key) ?? [], tally: misses.get(key) ?? { contact: 0, resolve: 0, items: new Set<string>() } }));
  return { people, unsigned };
}

/** A person's response: their signatures within their own window / their signatures + windows that ran out on them. */
function personResponse(mine: ConcernRecord[], tally: Tally): Sample {
  return { num: mine.filter((c) => (c.signedInWindow ?? c.respondedInTime) === true).length, den: mine.length + tally.contact };
}

/** Per person, the counts behind `byPerson`'s rates (the pool and never-signed rows included, as there). */
export function personRateCounts(concerns: ConcernRecord[], now: number): { key: string; total: number; counts: RateCounts }[] {
  const { people, unsigned } = personTallies(concerns);
  const rows = people.map(({ key, mine, tally }) => ({
    key,
    total: new Set([...mine.map((c) => c._id), ...tally.items]).size,
    counts: { ...rateCounts(mine, now), response: personResponse(mine, tally) },
  }));
  if (unsigned.length) rows.push({ key: UNSIGNED_KEY, total: unsigned.filter((c) => c.status !== 'merged').length, counts: rateCounts(unsigned, now) });
  return rows;
}

/**
 * Ranks groups with enough cases: satisfaction first, then resolution, then response.
 * Small groups keep their figures but get no place, so one bad case does not shame a grid.
 */
export function rank(rows: ConcernStatsRow[], partitionOf: (r: ConcernStatsRow) => string = () => ''): ConcernStatsRow[] {
  const score = (r: ConcernStatsRow) => [r.satisfactionRate ?? -1, r.resolutionRate ?? -1, r.responseRate ?? -1];
  const eligible = group(rows.filter((r) => r.total >= RANKING_MIN_SAMPLE && r.person !== false), partitionOf);
  for (const partition of eligible.values()) {
    partition
      .sort((a, b) => {
        const [x, y] = [score(a), score(b)];
        return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
      })
      .forEach((r, i) => {
        r.rank = i + 1;
      });
  }
  return rows;
}

export function group<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const c of items) {
    const k = keyOf(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}
