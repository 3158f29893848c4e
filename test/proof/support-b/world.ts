/**
 * Prepares a SQLite file for gateway processes: the demo community seeded through the real
 * api function, bulk residents written straight to the store (binding hundreds through
 * invites would test binding, not the race), and services each with a future slot. The
 * connection is closed before any gateway starts, so only gateways write to the file.
 */
import { createApiFunction } from '../../../cloudfunctions/lib/api-function';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import type { MemberRecord } from '../../../cloudfunctions/lib/kernel/members';
import { householdIdFor, householdKeys } from '../../../cloudfunctions/lib/features/member/household';
import type { HouseholdRecord } from '../../../cloudfunctions/lib/features/member/records';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { seedDemo } from '../../../dev/demo-seed';
import { localDeps } from '../../../dev/local-deps';

export interface ServiceSpec {
  name: string;
  seats: number;
  maxPerMonth?: number;
  cancelCutoffHours?: number;
}

export interface PreparedService {
  serviceId: string;
  /** The first slot at least a day ahead: outside notice and cancellation windows. */
  slotId: string;
  /** A few more slots of the same service, for "one open booking per service" checks. */
  otherSlotIds: string[];
  seats: number;
}

/** A household on the roll of a poll, with the residents bound to it. */
export interface PreparedHousehold {
  householdId: string;
  building: string;
  openids: string[];
}

export interface World {
  buildings: Record<string, string>;
  residents: string[];
  services: PreparedService[];
  /** Spare invite codes, each for its own household. */
  invites: string[];
  /** Households with their residents (polls count them), alternating 1号楼 (grid 1) and 3号楼 (grid 2). */
  households: PreparedHousehold[];
}

export interface WorldSpec {
  residents: number;
  residentPrefix?: string;
  services?: ServiceSpec[];
  invites?: number;
  /** Households written with their records (unlike `residents`, whose households exist only on the member), each with `people` residents. */
  households?: { count: number; people: number; prefix?: string };
}

export async function prepareWorld(file: string, spec: WorldSpec): Promise<World> {
  const deps = localDeps({ filename: file, quiet: true });
  try {
    const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
    const ok = async <T = any>(openid: string, action: string, data: unknown = {}, idempotencyKey?: string): Promise<T> => {
      const res = (await api({ action, data, idempotencyKey }, { openid })) as Envelope<T>;
      if (!res.ok) throw new Error(`prepare: ${action} as ${openid}: ${res.error.code} ${res.error.message}`);
      return res.data;
    };
    await seedDemo(api, deps.store, { lifecycle: false });
    const buildings: Record<string, string> = {};
    for (const b of (await ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.buildings')).items) buildings[b.name] = b.id;

    const prefix = spec.residentPrefix ?? 'proof-resident';
    const residents: string[] = [];
    const now = deps.clock.now();
    const insert = deps.store.db.prepare('INSERT OR IGNORE INTO "c_members" (id, doc) VALUES (?, ?)');
    deps.store.db.transaction(() => {
      for (let i = 0; i < spec.residents; i += 1) {
        const openid = `${prefix}-${i}`;
        const building = i % 2 === 0 ? '1号楼' : '3号楼';
        const record: MemberRecord = {
          _id: memberIdFor(openid),
          openid,
          communityId: 'demo',
          roles: ['resident'],
          gridIds: [],
          householdId: `h_${prefix}_${i}`,
          household: { id: `h_${prefix}_${i}`, buildingId: buildings[building], buildingName: building, unit: '1', room: String(100 + i) },
          name: `居民${i}`,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        insert.run(record._id, JSON.stringify(record));
        residents.push(openid);
      }
    })();

    const households: PreparedHousehold[] = [];
    const spec2 = spec.households;
    if (spec2) {
      const home = deps.store.db.prepare('INSERT OR IGNORE INTO "c_households" (id, doc) VALUES (?, ?)');
      const hprefix = spec2.prefix ?? 'proof-voter';
      deps.store.db.transaction(() => {
        for (let i = 0; i < spec2.count; i += 1) {
          const building = i % 2 === 0 ? '1号楼' : '3号楼';
          const room = String(2000 + i);
          const householdId = householdIdFor('demo', buildings[building], '7', room);
          const h: HouseholdRecord = { _id: householdId, communityId: 'demo', buildingId: buildings[building], unit: '7', room, ...householdKeys('7', room), createdAt: now };
          home.run(h._id, JSON.stringify(h));
          const openids: string[] = [];
          for (let p = 0; p < spec2.people; p += 1) {
            const openid = `${hprefix}-${i}-${p}`;
            const record: MemberRecord = {
              _id: memberIdFor(openid), openid, communityId: 'demo', roles: ['resident'], gridIds: [], householdId,
              household: { id: householdId, buildingId: buildings[building], buildingName: building, unit: '7', room }, name: `住户${i}家${p + 1}`,
              version: 1, createdAt: now, updatedAt: now,
            };
            insert.run(record._id, JSON.stringify(record));
            openids.push(openid);
          }
          households.push({ householdId, building, openids });
        }
      })();
    }

    const services: PreparedService[] = [];
    for (const s of spec.services ?? []) {
      const created = await ok<{ id: string }>('demo-admin', 'booking.upsertService', {
        name: s.name, description: '证明测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: s.seats,
        minNoticeHours: 1, cancelCutoffHours: s.cancelCutoffHours ?? 2, maxPerMonth: s.maxPerMonth ?? 31,
      });
      await ok('demo-admin', 'booking.setSchedule', { serviceId: created.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })) });
      const slots = await ok<{ items: Array<{ id: string }> }>('demo-admin', 'booking.slots', { serviceId: created.id, from: now + 26 * 3600_000, limit: 5 });
      services.push({ serviceId: created.id, slotId: slots.items[0].id, otherSlotIds: slots.items.slice(1).map((x) => x.id), seats: s.seats });
    }

    const invites: string[] = [];
    for (let done = 0; done < (spec.invites ?? 0); done += 50) {
      const batch = Math.min(50, (spec.invites ?? 0) - done);
      const issued = await ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', {
        households: Array.from({ length: batch }, (_, i) => ({ buildingId: buildings['2号楼'], unit: '9', room: String(1000 + done + i) })),
      });
      invites.push(...issued.invites.map((x) => x.code));
    }
    return { buildings, residents, services, invites, households };
  } finally {
    deps.store.close();
  }
}
