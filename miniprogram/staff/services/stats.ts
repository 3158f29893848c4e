/**
 * Display strings for the "three rates" report and the service usage report. Rates arrive as fractions (0–1) or null
 * when nothing in the group could be measured; null must read as "—", never as 0%, or a
 * grid with no rated cases would look like a grid nobody was happy with.
 */
import type { ConcernStatsRow } from '../../core/concern/contract';
import type { ServiceUsageRow } from '../../core/booking/contract';

export const NONE = '—';

export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NONE;
  return `${Math.round(rate * 100)}%`;
}

/** Time to sign: minutes below an hour, then hours and minutes. */
export function minutesText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return NONE;
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m}分钟`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${h}小时` : `${h}小时${rest}分`;
}

/** Time to resolve: hours below a day, then days and hours. */
export function hoursText(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return NONE;
  const h = Math.max(0, Math.round(hours));
  if (h < 24) return `${h}小时`;
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest === 0 ? `${d}天` : `${d}天${rest}小时`;
}

export interface StatsRowView {
  key: string;
  label: string;
  total: number;
  response: string;
  resolution: string;
  satisfaction: string;
  toSign: string;
  toResolve: string;
  /** '第1名', '—' for groups too small to rank, '不排名' for rows that are nobody. */
  rank: string;
  ranked: boolean;
  rated: number;
  unrated: number;
  /** Clocks that ran out (for a person: while they held the item). */
  missedClocks: number;
}

export function statsRowView(r: ConcernStatsRow): StatsRowView {
  const ranked = typeof r.rank === 'number';
  return {
    key: r.key,
    label: r.label,
    total: r.total,
    response: percentText(r.responseRate),
    resolution: percentText(r.resolutionRate),
    satisfaction: percentText(r.satisfactionRate),
    toSign: minutesText(r.medianMinutesToSign),
    toResolve: hoursText(r.medianHoursToResolve),
    rank: ranked ? `第${r.rank}名` : r.person === false ? '不排名' : NONE,
    ranked,
    rated: r.rated,
    unrated: r.unrated,
    missedClocks: r.missedClocks ?? 0,
  };
}

/** One service's usage as the service-stats page shows it: counts as they are, rates as text. */
export interface ServiceUsageView {
  key: string;
  name: string;
  slots: number;
  seatsOffered: number;
  booked: number;
  attended: number;
  noShow: number;
  cancelled: number;
  fill: string;
  noShowRate: string;
  /** '4.5分', or '—' before anyone rated. */
  rating: string;
  ratings: number;
}

export function ratingText(average: number | null | undefined): string {
  if (average === null || average === undefined || !Number.isFinite(average)) return NONE;
  return `${average.toFixed(1)}分`;
}

export function serviceUsageView(r: ServiceUsageRow): ServiceUsageView {
  return {
    key: r.serviceId,
    name: r.name,
    slots: r.slots,
    seatsOffered: r.seatsOffered,
    booked: r.booked,
    attended: r.attended,
    noShow: r.noShow,
    cancelled: r.cancelled,
    fill: percentText(r.fillRate),
    noShowRate: percentText(r.noShowRate),
    rating: ratingText(r.averageRating),
    ratings: r.ratings,
  };
}
