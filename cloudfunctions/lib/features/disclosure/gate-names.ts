/**
 * Whom the privacy gate masks and whom it leaves named, for one community. Residents are
 * masked wherever they appear; people acting in office stay named: staff (admins, grid
 * workers), the departments' contact people, and the members of the committee sitting today
 * (a term that has begun and not ended or been replaced, days counted in China time) —
 * including members without an account, listed by name only.
 */
import type { ScopedStore } from '../../kernel/scoped-store';
import { everyPage } from '../../kernel/every-page';
import { sittingCommittee } from '../supervision/committee';
import type { GateNames } from './gate';

export async function gateNames(db: ScopedStore, now: number, extra: Partial<GateNames> = {}): Promise<GateNames> {
  const [members, sitting] = await Promise.all([everyPage(db, 'members', {}, 'createdAt'), sittingCommittee(db, now)]);
  const known = new Set<string>(extra.knownNames ?? []);
  const keep = new Set<string>(extra.keepNames ?? []);
  for (const m of members) {
    if (!m.name || m.deletedAt) continue;
    if (m.roles.some((r) => r === 'admin' || r === 'gridWorker' || r === 'department')) keep.add(m.name);
    else known.add(m.name);
  }
  for (const t of sitting?.members ?? []) keep.add(t.name);
  return { knownNames: [...known], keepNames: [...keep] };
}
