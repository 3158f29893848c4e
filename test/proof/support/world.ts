/**
 * The proof suites' world: the demo community (seeded through the real api by the shared
 * harness) plus a minimal second community and a few items every caller kind relates to.
 * Built once, then copied: a snapshot is the SQLite database serialised to a buffer, and
 * each case starts from a fresh in-memory copy of it (about a millisecond), so no state
 * leaks from one case into the next.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { RateLimits } from '../../../cloudfunctions/lib/kernel/rate-limit';
import { householdIdFor } from '../../../cloudfunctions/lib/features/member/household';
import { ownerUnitId, type OwnerUnitRecord } from '../../../cloudfunctions/lib/features/roll/records';
import { createHarness, key, member, type Harness, type HarnessOptions } from '../../support/harness';
import { addSecondAdmin } from '../../support/polls';

/** Who calls, relative to the items the fixture builders target (owned by `resident`, in grid 1). */
export const CALLERS = {
  /** No platform identity at all. */
  anonymous: null,
  /** An openid with no member record. */
  visitor: 'proof-visitor',
  /** 刘阿姨, 1号楼 (grid 1): the author / owner of every resident item. */
  resident: 'demo-resident-1',
  /** 3号楼 (grid 2): a resident of another household. */
  otherResident: 'demo-resident-2',
  /** 陈志愿: volunteer of the demo community, not bound to a household. */
  volunteer: 'demo-volunteer-1',
  /** 李秀英: A角 of grid 1 — the items' grid — and staff of the proof service. */
  gridWorker: 'demo-grid-1',
  /** 张建国: A角 of grid 2 only. */
  otherGridWorker: 'demo-grid-2',
  /** 王书记: admin of the demo community. */
  admin: 'demo-admin',
  /** Bootstrap admin of community `other`, which the world gives a grid and a building. */
  otherAdmin: 'other-admin',
  /** 和平街道's admin, named by the deployment: member of no community. */
  subdistrict: 'demo-subdistrict',
} as const;

export type CallerKind = keyof typeof CALLERS;
export const CALLER_KINDS = Object.keys(CALLERS) as CallerKind[];
export const STAFF_KINDS: readonly CallerKind[] = ['gridWorker', 'otherGridWorker', 'admin', 'otherAdmin'];

/**
 * People whose name and member id are private: each may be seen by the person themself
 * and by the staff listed (staff of their grid and community admins), by nobody else.
 */
export const PRIVATE_PEOPLE: Array<{ openid: string; name: string; phone?: string; seenBy: readonly CallerKind[] }> = [
  // 刘阿姨 lives in grid 1; 孙先生 applied for a flat in grid 1. Residents' phones (full or
  // masked) follow the same rule as their names: themselves and the staff handling them.
  { openid: 'demo-resident-1', name: '刘阿姨', phone: '13800000001', seenBy: ['resident', 'gridWorker', 'admin'] },
  { openid: 'demo-visitor-1', name: '孙先生', seenBy: ['gridWorker', 'admin'] },
  // 马大爷 lives in grid 2, but reports about grid 1 (the merge fixture), so grid 1 sees him too.
  { openid: 'demo-resident-2', name: '马大爷', phone: '13900000002', seenBy: ['otherResident', 'gridWorker', 'otherGridWorker', 'admin'] },
  { openid: 'demo-volunteer-1', name: '陈志愿', seenBy: ['volunteer', 'gridWorker', 'otherGridWorker', 'admin'] },
];
export const PRIVATE_NAMES: Record<string, string> = Object.fromEntries(PRIVATE_PEOPLE.map((p) => [p.openid, p.name]));

/** Every openid the world knows; none may ever appear in a response. */
export const KNOWN_OPENIDS = [
  'demo-admin', 'demo-grid-1', 'demo-grid-1b', 'demo-grid-2', 'demo-leader', 'demo-resident-1', 'demo-resident-2',
  'demo-volunteer-1', 'demo-visitor-1', 'other-admin', 'proof-visitor', 'demo-admin-2', 'demo-subdistrict', 'demo-admin-3',
];

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface WorldIds {
  g1: string;
  g2: string;
  b1: string;
  b2: string;
  b3: string;
  /** The pending binding request of demo-visitor-1 (2号楼, grid 1). */
  visitorRequest: string;
  /** 刘阿姨's concern in 1号楼, hidden name, dispatched to 李秀英. */
  concern: string;
  /** The proof service: one seat per slot, staff 李秀英 only, open to every grid. */
  service: string;
  /** A slot of the proof service a day and more ahead. */
  slot: string;
  /** A later slot of the same service. */
  laterSlot: string;
  otherGrid: string;
  otherBuilding: string;
  /** 刘阿姨's flat on the owner register (1号楼1单元101, 89.37㎡), linked to her. */
  ownerUnit: string;
}

export interface Snapshot {
  buffer: Buffer;
  now: number;
  ids: WorldIds;
  harnessIds: Record<string, string>;
  /** Content hash of the snapshot (see contentHash). */
  hash: string;
}

export interface World {
  h: Harness;
  ids: WorldIds;
}

export interface RestoreOptions {
  /** Production limits unless given; the fuzz suite passes {} to reach every handler. */
  rateLimits?: RateLimits;
  /** As createHarness's: a wrapper the api sees instead of the raw store. */
  wrapStore?: HarnessOptions['wrapStore'];
}

/** A fresh backend whose database is a private copy of the snapshot. */
export async function restore(snap: Snapshot, options: RestoreOptions = {}): Promise<World> {
  // better-sqlite3 opens a serialised buffer as a private in-memory database.
  const h = await createHarness({ seed: false, filename: snap.buffer as unknown as string, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}), ...(options.wrapStore ? { wrapStore: options.wrapStore } : {}) });
  h.clock.set(snap.now);
  Object.assign(h.ids, snap.harnessIds);
  return { h, ids: { ...snap.ids } };
}

export function snapshot(w: World): Snapshot {
  return { buffer: w.h.deps.store.db.serialize(), now: w.h.clock.now(), ids: { ...w.ids }, harnessIds: { ...w.h.ids }, hash: contentHash(w.h) };
}

/**
 * Collections that count attempts rather than record outcomes: the rate limiter must count
 * refused calls too (invite guessing is refused every time), so they are left out of "a
 * refused call changed nothing".
 */
export const ATTEMPT_COUNTERS = ['rateWindows'];

function tables(h: Harness): string[] {
  const rows = h.deps.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((r) => r.name).filter((n) => !ATTEMPT_COUNTERS.includes(n.slice(2)));
}

/** Hash of every document of every collection (attempt counters aside). */
export function contentHash(h: Harness, where?: { communityId: string }): string {
  const hash = createHash('sha1');
  for (const t of tables(h)) {
    const sql = where
      ? `SELECT id, doc FROM "${t}" WHERE json_extract(doc, '$.communityId') = ? ORDER BY id`
      : `SELECT id, doc FROM "${t}" ORDER BY id`;
    const rows = (where ? h.deps.store.db.prepare(sql).all(where.communityId) : h.deps.store.db.prepare(sql).all()) as Array<{ id: string; doc: string }>;
    hash.update(`${t}\u0000`);
    for (const r of rows) hash.update(`${r.id}\u0000${r.doc}\u0001`);
  }
  return hash.digest('hex');
}

/** Row writes made on this connection since it opened (rate-limit windows included). */
export function totalChanges(h: Harness): number {
  return h.deps.store.db.prepare('SELECT total_changes() AS n').pluck().get() as number;
}

/** Collections (attempt counters aside) whose documents differ from the snapshot's; explains a failure. */
export function changedCollections(h: Harness, before: Snapshot): string[] {
  const out: string[] = [];
  const old = new Map<string, string>();
  const db = new Database(before.buffer);
  try {
    for (const t of tables(h)) {
      const rows = (() => {
        try {
          return db.prepare(`SELECT id, doc FROM "${t}" ORDER BY id`).all() as Array<{ id: string; doc: string }>;
        } catch {
          return [];
        }
      })();
      old.set(t, rows.map((r) => `${r.id}=${r.doc}`).join('\n'));
    }
  } finally {
    db.close();
  }
  for (const t of tables(h)) {
    const now = (h.deps.store.db.prepare(`SELECT id, doc FROM "${t}" ORDER BY id`).all() as Array<{ id: string; doc: string }>).map((r) => `${r.id}=${r.doc}`).join('\n');
    if (now !== (old.get(t) ?? '')) out.push(t.slice(2));
  }
  return out;
}

let base: Promise<Snapshot> | undefined;

/** The shared starting point, built once per test file. */
export function baseSnapshot(): Promise<Snapshot> {
  base ??= buildBase();
  return base;
}

async function buildBase(): Promise<Snapshot> {
  const h = await createHarness();
  try {
    const ok = h.ok.bind(h);
    // A second community with a minimal structure, run by its bootstrap admin.
    await ok('other-admin', 'community.update', { name: '对照社区', subdistrict: '和平街道' });
    await ok('other-admin', 'member.setRoles', { memberId: member('other-admin'), roles: ['admin'], name: '对照管理员' });
    const otherGrid = await ok<{ id: string }>('other-admin', 'community.upsertGrid', { name: '对照网格' });
    const otherBuilding = await ok<{ id: string }>('other-admin', 'community.upsertBuilding', { name: '对照1号楼', gridId: otherGrid.id });
    // The second resident gets a name, so a leak of it can be seen; both residents a phone.
    await ok('demo-admin', 'member.setRoles', { memberId: member('demo-resident-2'), roles: ['resident'], name: PRIVATE_NAMES['demo-resident-2'] });
    for (const p of PRIVATE_PEOPLE) if (p.phone) await ok(p.openid, 'privacy.setPhone', { code: `demo-${p.phone}` });
    // 李主任 (demo-admin-2) sets up the world's polls, so 王书记 may publish them (two-person rule).
    await addSecondAdmin(h);
    const ownerUnit = await registerOwnerUnit(h);

    const service = await ok<{ id: string }>('demo-admin', 'booking.upsertService', {
      name: '证明服务', description: '授权矩阵专用的便民服务', location: '社区服务站一楼', durationMinutes: 60, seatsPerSlot: 1,
      minNoticeHours: 2, cancelCutoffHours: 2, maxPerMonth: 4, staffIds: [member('demo-grid-1')],
    });
    await ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
    const slots = await ok<{ items: Array<{ id: string; startAt: number }> }>('demo-admin', 'booking.slots', { serviceId: service.id, limit: 50 });
    const ahead = slots.items.filter((s) => s.startAt > h.clock.now() + DAY);
    const concern = await ok<{ id: string }>('demo-resident-1', 'concern.submit', {
      category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '1号楼2单元门禁坏了，外人可以随意进出，请尽快修理。', hideName: true,
    }, key());

    // Members set up before their first call learn their openid on it (one write); let every
    // known person call once now, so that write never shows up as a refused call's change.
    for (const openid of KNOWN_OPENIDS) await h.call(openid, 'member.me', {});

    const ids: WorldIds = {
      g1: h.ids['第一网格'],
      g2: h.ids['第二网格'],
      b1: h.ids['1号楼'],
      b2: h.ids['2号楼'],
      b3: h.ids['3号楼'],
      visitorRequest: `br_${member('demo-visitor-1')}`,
      concern: concern.id,
      service: service.id,
      slot: ahead[0].id,
      laterSlot: ahead[3].id,
      otherGrid: otherGrid.id,
      otherBuilding: otherBuilding.id,
      ownerUnit,
    };
    return snapshot({ h, ids });
  } finally {
    h.close();
  }
}

/**
 * The owner register holds 刘阿姨's flat. Written straight to the store (as the poll
 * feature's owner tests do) while roll.import is not built on main; `sortKey` is the
 * address order the roll's list pages by once it is.
 */
async function registerOwnerUnit(h: Harness): Promise<string> {
  const natural = (s: string) => s.normalize('NFKC').replace(/\d+/g, (d) => d.padStart(8, '0'));
  const now = h.clock.now();
  const record = {
    _id: ownerUnitId(h.ids['1号楼'], '1', '101'), communityId: 'demo', buildingId: h.ids['1号楼'], buildingName: '1号楼', unit: '1', room: '101',
    sortKey: [natural('1号楼'), natural('1'), natural('101')].join('|'), areaCenti: 8937, unsold: false,
    owners: [{ name: '刘阿姨', memberId: member('demo-resident-1') }], householdId: householdIdFor('demo', h.ids['1号楼'], '1', '101'),
    version: 1, createdAt: now, updatedAt: now, updatedBy: member('demo-admin'),
  } satisfies OwnerUnitRecord & { sortKey: string };
  await h.deps.store.insert('ownerUnits', record);
  return record._id;
}

/** Every test file gets its own key sequence; keys only need to be fresh and well formed. */
export { key, member };
