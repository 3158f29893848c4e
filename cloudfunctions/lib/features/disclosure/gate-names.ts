/**
 * STAND-IN until the gate helper's gate-names.ts is merged (branch gate2 replaces this file):
 * the names the privacy gate masks and keeps for a community — every member's name, except
 * the officers (staff, department contacts, committee members), who act in office.
 */
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { GateNames } from './gate';

export async function gateNames(db: ScopedStore): Promise<GateNames> {
  const known = new Set<string>();
  const keep = new Set<string>();
  for (const m of await everyPage(db, 'members', {}, 'createdAt')) {
    if (!m.name || m.deletedAt) continue;
    if (m.roles.some((r) => r === 'admin' || r === 'gridWorker' || r === 'department' || r === 'supervisor')) keep.add(m.name);
    else known.add(m.name);
  }
  return { knownNames: [...known], keepNames: [...keep] };
}
