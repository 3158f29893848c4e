/**
 * Verified-hours milestones (100/300/600/1,000/1,500 h, after the 2012 《志愿服务记录办法》),
 * shown as this community's record (本社区记录) — never as a national star rating, which
 * only the designated system awards. Pure: the total comes from verified entries only.
 */
import { MILESTONE_HOURS } from './vocabulary';

export interface Milestone {
  /** The highest milestone reached, in hours; null below the first. */
  reached: number | null;
  /** The next one and how many minutes are still missing; null past the last. */
  next: { hours: number; minutesToGo: number } | null;
  /** One line for a page header, e.g. 本社区记录：服务满100小时. */
  label: string;
}

export function milestoneFor(verifiedMinutes: number): Milestone {
  const minutes = Math.max(0, Math.floor(verifiedMinutes));
  const reached = [...MILESTONE_HOURS].reverse().find((h) => minutes >= h * 60) ?? null;
  const nextHours = MILESTONE_HOURS.find((h) => minutes < h * 60);
  const next = nextHours === undefined ? null : { hours: nextHours, minutesToGo: nextHours * 60 - minutes };
  const label = reached === null ? '本社区记录：尚未满100小时' : `本社区记录：服务满${reached}小时`;
  return { reached, next, label };
}

/** Sums only verified entries (adjustments signed), whatever else the list holds. */
export function verifiedMinutes(entries: ReadonlyArray<{ status: string; minutes: number }>): number {
  return entries.reduce((sum, e) => (e.status === 'verified' ? sum + e.minutes : sum), 0);
}
