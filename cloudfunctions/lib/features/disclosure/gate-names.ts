/**
 * Whom the privacy gate masks and whom it leaves named, for one community. Residents are
 * masked wherever they appear; people acting in office stay named: staff (admins, grid
 * workers), the departments' contact people, and the members of the committee sitting today
 * (a term that has begun and not ended or been replaced, days counted in China time) —
 * including members without an account, listed by name only.
 */
import dayjs from 'dayjs';
import type { ScopedStore } from '../../kernel/scoped-store';
import { everyPage } from '../../kernel/every-page';
import { COMMUNITY_TZ } from '../../kernel/time';
import type { TermRecord } from '../supervision/records';
import type { GateNames } from './gate';

/** 「2026-10-15」: the day it is in the community at `now`, as term dates are written. */
export const chinaDay = (now: number) => dayjs(now).tz(COMMUNITY_TZ).format('YYYY-MM-DD');

export function sittingTerm(terms: readonly TermRecord[], now: number): TermRecord | null {
  const today = chinaDay(now);
  const sitting = terms.filter((t) => t.startsOn <= today && today <= t.endsOn && t.endedOn === null);
  // Two overlapping terms would be an appointment error; the later one is the one appointed last.
  return sitting.sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ?? null;
}

export async function gateNames(db: ScopedStore, now: number, extra: Partial<GateNames> = {}): Promise<GateNames> {
  const [members, terms] = await Promise.all([everyPage(db, 'members', {}, 'createdAt'), everyPage(db, 'committeeTerms', {}, 'startsOn')]);
  const known = new Set<string>(extra.knownNames ?? []);
  const keep = new Set<string>(extra.keepNames ?? []);
  for (const m of members) {
    if (!m.name || m.deletedAt) continue;
    if (m.roles.some((r) => r === 'admin' || r === 'gridWorker' || r === 'department')) keep.add(m.name);
    else known.add(m.name);
  }
  for (const t of sittingTerm(terms, now)?.members ?? []) keep.add(t.name);
  return { knownNames: [...known], keepNames: [...keep] };
}
