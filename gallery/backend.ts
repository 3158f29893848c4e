/**
 * The backends a gallery page talks to, all in-process through the public entry points:
 * `localDeps` (in-memory SQLite), `createApiFunction` and the demo seed.
 *
 * - `demo`: the demo community with its lifecycle concerns (README "Demo people");
 * - `bare`: the same community opened but empty — one grid, one building, a grid worker and
 *   one bound resident (`gallery-resident`), no concerns, services or bookings;
 * - an error transport that answers every call with INTERNAL.
 */
import type { Envelope, ActionEvent } from '../miniprogram/core/envelope';
import { fail } from '../miniprogram/core/envelope';
import type { Transport } from '../miniprogram/services/transport';
import { createApiFunction, type CloudFunction } from '../cloudfunctions/lib/api-function';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import { localDeps } from '../dev/local-deps';
import { seedDemo } from '../dev/demo-seed';

export type WorldName = 'demo' | 'bare';

export interface World {
  api: CloudFunction;
  /** Calls an action as `openid`; throws when the answer is not ok. */
  call(openid: string, action: string, data?: unknown, idempotencyKey?: string): Promise<unknown>;
  transport(openid: string): Transport;
}

function makeWorld(): World & { store: Parameters<typeof seedDemo>[1] } {
  const deps = localDeps({ filename: ':memory:', quiet: true });
  const api = createApiFunction(deps, (ctx) => (ctx as { openid?: string }).openid ?? null);
  // Over the wire, as JSON both ways, so a page never holds an object the backend also holds.
  const send = async (openid: string, event: ActionEvent): Promise<Envelope<unknown>> =>
    JSON.parse(JSON.stringify(await api(JSON.parse(JSON.stringify(event)), { openid }))) as Envelope<unknown>;
  return {
    api,
    store: deps.store,
    async call(openid: string, action: string, data: unknown = {}, idempotencyKey?: string) {
      const res = await send(openid, { action, data, ...(idempotencyKey ? { idempotencyKey } : {}) } as ActionEvent);
      if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    transport: (openid: string): Transport => ({ send: (event) => send(openid, event) }),
  };
}

async function demoWorld(): Promise<World> {
  const world = makeWorld();
  await seedDemo(world.api, world.store, { lifecycle: true });
  // So 我的预约 and 今日服务 have something: 刘阿姨 books the first 健康体检 slot that is far
  // enough ahead (the service wants an hour's notice). A picture without it is still a picture.
  const { items: services } = (await world.call('demo-resident-1', 'booking.services', {})) as { items: Array<{ id: string; name: string }> };
  const health = services.find((s) => s.name === '健康体检');
  if (health) {
    const { items: slots } = (await world.call('demo-resident-1', 'booking.slots', { serviceId: health.id })) as {
      items: Array<{ id: string; startAt: number; status: string; waitlistOnly: boolean }>;
    };
    const slot = slots.find((s) => s.status === 'open' && !s.waitlistOnly && s.startAt > Date.now() + 2 * 3600_000);
    if (slot) await world.call('demo-resident-1', 'booking.create', { slotId: slot.id }, 'gallery-booking-resident-1');
  }
  return world;
}

export const BARE_RESIDENT = 'gallery-resident';
export const BARE_GRID = 'gallery-grid';

async function bareWorld(): Promise<World> {
  const world = makeWorld();
  const { call } = world;
  await call('demo-admin', 'community.update', { name: '幸福里社区', subdistrict: '和平街道' });
  await call('demo-admin', 'member.setRoles', { memberId: memberIdFor('demo-admin'), roles: ['admin'], name: '王书记' });
  const grid = (await call('demo-admin', 'community.upsertGrid', { name: '第一网格' })) as { id: string };
  await call('demo-admin', 'member.setRoles', { memberId: memberIdFor(BARE_GRID), roles: ['gridWorker'], gridIds: [grid.id], name: '李秀英' });
  await call('demo-admin', 'community.upsertGrid', { gridId: grid.id, name: '第一网格', workerA: memberIdFor(BARE_GRID) });
  const building = (await call('demo-admin', 'community.upsertBuilding', { name: '1号楼', gridId: grid.id })) as { id: string };
  const { invites } = (await call('demo-admin', 'member.issueInvites', { households: [{ buildingId: building.id, unit: '1', room: '101' }] })) as {
    invites: Array<{ code: string }>;
  };
  await call(BARE_RESIDENT, 'member.redeemInvite', { code: invites[0].code });
  return world;
}

let demo: Promise<World> | undefined;

/**
 * The demo world is built once per run and shared (pages only read it, and a validation
 * state stops at the client's own check); a bare world is built fresh for every picture,
 * since what one page makes there (a concern to look at) would fill another's empty state.
 */
export function world(name: WorldName): Promise<World> {
  if (name === 'bare') return bareWorld();
  demo ??= demoWorld();
  return demo;
}

/** A backend that is down: every call answers INTERNAL with the app's own message. */
export const errorTransport: Transport = {
  send: async () => fail('INTERNAL'),
};
