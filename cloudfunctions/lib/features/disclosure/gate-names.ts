/**
 * Who the gate masks and who it keeps, for one community: every member's name is masked,
 * except the people who act in office — staff and department contacts — who stay named.
 */
import { isStaff } from '../../../../miniprogram/core/roles';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { GateNames } from './gate';

export async function gateNames(db: ScopedStore, now: number, extra: Partial<GateNames> = {}): Promise<GateNames> {
  void now;
  const members = await everyPage(db, 'members', {}, 'createdAt');
  const keep = new Set<string>(extra.keepNames ?? []);
  const known = new Set<string>(extra.knownNames ?? []);
  for (const m of members) {
    if (!m.name || m.deletedAt) continue;
    if (isStaff(m.roles) || m.roles.includes('department')) keep.add(m.name);
    else known.add(m.name);
  }
  return { knownNames: [...known], keepNames: [...keep] };
}
