/**
 * Database round-trips and the critical path of every action. Each action (and each named
 * variant) is driven from the authorization matrix's fixture, the one place that brings a
 * world into the state the action needs with a valid input (test/proof/authorization/
 * fixtures.ts): a private copy of the proof world, the fixture, then one call as the first
 * caller the matrix allows, on a store that meters it. Idempotent actions are then sent
 * again with the same key: a retry must not cost more than the first call.
 *
 * Production limits apply (rate-limit windows are real writes), inbox notices count, and
 * the content checker is the local word list: external checks (msgSecCheck) are not
 * round-trips to the database and are left out of the waits.
 */
import { contracts, type ActionName } from '../miniprogram/core/contracts';
import { key, restore, baseSnapshot, CALLERS, type CallerKind, type Snapshot } from '../test/proof/support/world';
import { COLUMNS, EXPECTATIONS } from '../test/proof/authorization/expectations';
import { actionOf, builders, DEPARTMENT_CONTACT } from '../test/proof/authorization/fixtures';
import { MeteredStore, MODEL, type Meter } from './metered-store';
import { COLLECTIONS } from '../cloudfunctions/lib/manifests';
import { REFERENCE_COLLECTIONS } from '../cloudfunctions/lib/store/reference-cache';
import type { Harness } from '../test/support/harness';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import { rateDocumentId } from '../cloudfunctions/lib/kernel/rate-limit';

export const TARGET = { reads: 2, writes: 4, residentWaits: 4 };

/** Callers who are residents of the app rather than staff: their actions have the waits goal. */
const RESIDENT_SIDE: readonly CallerKind[] = ['anonymous', 'visitor', 'resident', 'otherResident', 'volunteer'];

export interface TripRow extends Meter {
  /** The matrix case: an action, or `action#variant`. */
  label: string;
  action: string;
  as: CallerKind | typeof DEPARTMENT_SIDE;
  residentFacing: boolean;
  /** Within ≤ 2 reads and ≤ 4 writes (and ≤ 4 waits when resident-facing). */
  withinTarget: boolean;
  /** The same request again with the same idempotency key, for idempotent actions. */
  retry?: Meter & { notCostlier: boolean };
  /** Set when the call did not succeed, so its count is not meaningful. */
  error?: string;
}

export interface RoundTrips {
  target: typeof TARGET;
  model: typeof MODEL;
  rows: TripRow[];
  notDriven: string[];
}

/** The first column the matrix lets through: who the action is for. */
function callerFor(caseName: string): CallerKind | undefined {
  const row = EXPECTATIONS[caseName];
  return COLUMNS.find((c) => row[c] === 'allow') ?? COLUMNS.find((c) => row[c] === 'own');
}

/**
 * The department contact called in by a whistle is none of the matrix's columns (it denies
 * them all): their actions are driven as the contact the coordinating fixture joins.
 */
const DEPARTMENT_SIDE = 'departmentContact';
const byDepartmentContact = (caseName: string) => actionOf(caseName).startsWith('department.') && !!builders[caseName];

const total = (m: Meter) => m.reads + m.writes;

/**
 * A busy instance has read its communities' reference data before (categories, buildings,
 * grids…): list each collection once through the api's cache, so the measured call meets a
 * warm instance. Lists asked in another shape still miss, and count.
 */
async function warmReferenceCache(h: Harness): Promise<void> {
  const communities = (await h.deps.store.query<{ _id: string }>('communities', { where: { active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: 100 })).items.map((c) => c._id);
  for (const collection of REFERENCE_COLLECTIONS) {
    const index = COLLECTIONS[collection]?.[0];
    if (!index) continue;
    const scoped = index[0] === 'communityId';
    const orderBy = { field: scoped ? index[1] : index[0], dir: 'asc' as const };
    for (const communityId of scoped ? communities : [null]) {
      let after: string | undefined;
      do {
        const page = await h.referenceCache.query(collection, { where: communityId ? { communityId } : {}, orderBy, limit: 100, ...(after ? { after } : {}) });
        after = page.next;
      } while (after);
    }
  }
}

/**
 * A member who calls a rate-limited action has called one before: their counting document
 * exists (it lives a week past their last counted call), so the measured call pays the
 * count, not the once-in-a-lifetime opening. Visitors are measured as first-timers: that is
 * what they mostly are.
 */
async function warmRateDocument(h: Harness, openid: string): Promise<void> {
  const memberId = memberIdFor(openid);
  if (!(await h.deps.store.get('members', memberId))) return;
  await h.deps.store.insert('rateWindows', { _id: rateDocumentId(memberId), expiresAt: h.clock.now() + 86_400_000 });
}

async function measureCase(base: Snapshot, caseName: string, as: CallerKind | typeof DEPARTMENT_SIDE): Promise<TripRow> {
  let meter: MeteredStore | undefined;
  const w = await restore(base, { wrapStore: (s) => (meter = new MeteredStore(s)) });
  try {
    const built = await builders[caseName](w);
    const action = actionOf(caseName) as ActionName;
    const idempotent = !!contracts[action].idempotent;
    const k = idempotent ? key() : undefined;
    await warmReferenceCache(w.h);
    const openid = as === DEPARTMENT_SIDE ? DEPARTMENT_CONTACT : CALLERS[as];
    if (openid) await warmRateDocument(w.h, openid);
    meter!.reset();
    const res = await w.h.call(openid, action, built.data, k);
    const first = meter!.reset();
    const residentFacing = as !== DEPARTMENT_SIDE && RESIDENT_SIDE.includes(as);
    const row: TripRow = {
      label: caseName, action, as, residentFacing, ...first,
      withinTarget: first.reads <= TARGET.reads && first.writes <= TARGET.writes && (!residentFacing || first.waits <= TARGET.residentWaits),
      ...(res.ok ? {} : { error: `${res.error.code}: ${res.error.message}` }),
    };
    if (res.ok && idempotent) {
      await w.h.call(openid, action, built.data, k);
      const again = meter!.reset();
      row.retry = { ...again, notCostlier: total(again) <= total(first) };
    }
    return row;
  } finally {
    w.h.close();
  }
}

export async function measureRoundTrips(log: (s: string) => void = () => {}): Promise<RoundTrips> {
  const base = await baseSnapshot();
  const rows: TripRow[] = [];
  const cases = Object.keys(EXPECTATIONS).sort();
  for (const [i, caseName] of cases.entries()) {
    const as = callerFor(caseName) ?? (byDepartmentContact(caseName) ? DEPARTMENT_SIDE : undefined);
    if (!as) continue;
    rows.push(await measureCase(base, caseName, as));
    if ((i + 1) % 50 === 0) log(`  ${i + 1} of ${cases.length} cases`);
  }
  const driven = new Set(rows.filter((r) => !r.error).map((r) => r.action));
  return { target: TARGET, model: MODEL, rows, notDriven: Object.keys(contracts).filter((a) => !driven.has(a)) };
}
