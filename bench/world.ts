/**
 * The benchmark's backend: the local wiring (dev/local-deps.ts, so production limits and
 * checks apply) on a SQLite file, optionally counting every store call, seeded with the
 * demo community through the real api function.
 */
import path from 'node:path';
import { createApiFunction, type CloudFunction } from '../cloudfunctions/lib/api-function';
import type { Deps } from '../cloudfunctions/lib/kernel/deps';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import type { MemberRecord } from '../cloudfunctions/lib/kernel/members';
import { householdIdFor, householdKeys } from '../cloudfunctions/lib/features/member/household';
import type { HouseholdRecord } from '../cloudfunctions/lib/features/member/records';
import { InboxNotifier } from '../cloudfunctions/lib/features/notify/inbox-notifier';
import { CountingStore } from '../cloudfunctions/lib/store/counting-store';
import { templateForKind } from '../cloudfunctions/lib/manifests';
import type { SqliteStore } from '../cloudfunctions/lib/store/sqlite-store';
import type { Envelope } from '../miniprogram/core/envelope';
import { seedDemo } from '../dev/demo-seed';
import { localDeps, OffsetClock } from '../dev/local-deps';
import { SplitStore } from './split-store';

export interface BenchWorld {
  file: string;
  sqlite: SqliteStore;
  clock: OffsetClock;
  deps: Deps;
  counting: CountingStore | null;
  split: SplitStore | null;
  api: CloudFunction;
  call<T = any>(openid: string | null, action: string, data?: unknown, key?: string): Promise<Envelope<T>>;
  ok<T = any>(openid: string | null, action: string, data?: unknown, key?: string): Promise<T>;
  buildings: Record<string, string>;
  close(): void;
}

export async function benchWorld(dir: string, options: { count?: boolean; lifecycle?: boolean; name?: string } = {}): Promise<BenchWorld> {
  const file = path.join(dir, `${options.name ?? 'bench'}.sqlite`);
  const clock = new OffsetClock();
  const local = localDeps({ filename: file, clock, quiet: true, outboxFile: path.join(dir, 'outbox.jsonl') });
  let deps: Deps = local;
  let counting: CountingStore | null = null;
  let split: SplitStore | null = null;
  if (options.count) {
    split = new SplitStore(local.store);
    counting = new CountingStore(split);
    deps = { ...local, store: counting, notifier: new InboxNotifier(counting, clock, local.config.templates, templateForKind) };
  }
  const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
  const call: BenchWorld['call'] = async (openid, action, data = {}, key) => (await api({ action, data, ...(key ? { idempotencyKey: key } : {}) }, { openid })) as Envelope<never>;
  const ok: BenchWorld['ok'] = async (openid, action, data, key) => {
    const res = await call(openid, action, data, key);
    if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message}`);
    return res.data as never;
  };
  await seedDemo(api, local.store, { lifecycle: options.lifecycle ?? false });
  const buildings: Record<string, string> = {};
  for (const b of (await ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.buildings')).items) buildings[b.name] = b.id;
  return { file, sqlite: local.store, clock, deps, counting, split, api, call, ok, buildings, close: () => local.store.close() };
}

/** Residents written straight to the store (binding thousands through invites would bench binding). */
export function bulkResidents(w: BenchWorld, count: number, prefix = 'bench-resident'): string[] {
  const now = w.clock.now();
  const insert = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_members" (id, doc) VALUES (?, ?)');
  const openids: string[] = [];
  w.sqlite.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const openid = `${prefix}-${i}`;
      const building = i % 2 === 0 ? '1号楼' : '2号楼';
      const record: MemberRecord = {
        _id: memberIdFor(openid), openid, communityId: 'demo', roles: ['resident'], gridIds: [], householdId: `h_${prefix}_${i}`,
        household: { id: `h_${prefix}_${i}`, buildingId: w.buildings[building], buildingName: building, unit: '1', room: String(100 + i) },
        name: `居民${i}`, version: 1, createdAt: now, updatedAt: now,
      };
      insert.run(record._id, JSON.stringify(record));
      openids.push(openid);
    }
  })();
  return openids;
}

/** A service with `seats` per slot, open every day 08:00–18:00 in slots of an hour, staffed by demo-grid-1. */
export async function benchService(w: BenchWorld, name: string, seats: number, extra: Record<string, unknown> = {}) {
  const service = await w.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
    name, description: '基准测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: seats, minNoticeHours: 1, maxPerMonth: 31,
    staffIds: [memberIdFor('demo-grid-1')], ...extra,
  });
  await w.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })) });
  const slots = await w.ok<{ items: Array<{ id: string; startAt: number }> }>('demo-admin', 'booking.slots', { serviceId: service.id, from: w.clock.now() + 26 * 3600_000, limit: 50 });
  return { serviceId: service.id, slots: slots.items };
}

/**
 * Households written with their records, `people` residents in each (a per-household poll's
 * roll counts the households collection), in demo's 1号楼 unit 8.
 */
export function bulkHouseholds(w: BenchWorld, count: number, people: number, prefix = 'bench-home'): string[][] {
  const now = w.clock.now();
  const home = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_households" (id, doc) VALUES (?, ?)');
  const member = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_members" (id, doc) VALUES (?, ?)');
  const homes: string[][] = [];
  const buildingId = w.buildings['1号楼'];
  w.sqlite.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const room = String(3000 + i);
      const householdId = householdIdFor('demo', buildingId, '8', room);
      const h: HouseholdRecord = { _id: householdId, communityId: 'demo', buildingId, unit: '8', room, ...householdKeys('8', room), createdAt: now };
      home.run(h._id, JSON.stringify(h));
      const openids = Array.from({ length: people }, (_, p) => `${prefix}-${i}-${p}`);
      for (const [p, openid] of openids.entries()) {
        const record: MemberRecord = {
          _id: memberIdFor(openid), openid, communityId: 'demo', roles: ['resident'], gridIds: [], householdId,
          household: { id: householdId, buildingId, buildingName: '1号楼', unit: '8', room }, name: `住户${i}家${p + 1}`, version: 1, createdAt: now, updatedAt: now,
        };
        member.run(record._id, JSON.stringify(record));
      }
      homes.push(openids);
    }
  })();
  return homes;
}
