/**
 * A report reads its period in stretches side by side (service-stats readAll). What it
 * finds must be what one query over the whole period finds: in time order, every page, and
 * records outside the stretch the services' dates suggest (older data) included.
 */
import type { ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { readAll } from '../../../../../cloudfunctions/lib/features/booking/service-stats';
import type { SlotRecord } from '../../../../../cloudfunctions/lib/features/booking/records';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { createHarness, type Harness } from '../../../../support/harness';

const DAY = 24 * 3600_000;
let h: Harness;
let service: ServiceView;
beforeEach(async () => {
  h = await createHarness();
  service = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', { name: '义诊', description: '每日义诊', location: '卫生站', durationMinutes: 30, seatsPerSlot: 2 });
  // 18 slots a day over the horizon: more than one page per stretch.
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })) });
});
afterEach(() => h.close());

async function everySlot(from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await h.deps.store.query<SlotRecord>('slots', { where: { communityId: 'demo', serviceId: service.id, startAt: { $gte: from, $lt: to } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 100, after });
    ids.push(...page.items.map((s) => s._id));
    after = page.next;
  } while (after);
  return ids;
}

it('finds what one query over the period finds, in the same order', async () => {
  const now = h.clock.now();
  const db = new ScopedStore(h.deps.store, 'demo');
  const { items, truncated } = await readAll(db, 'slots', [service.id], now - 30 * DAY, now + 30 * DAY, [now, now + 15 * DAY]);
  expect(truncated).toBe(false);
  expect(items.length).toBeGreaterThan(200);
  expect(items.map((s) => s._id)).toEqual(await everySlot(now - 30 * DAY, now + 30 * DAY));
});

it('reads records outside the likely stretch too (a slot older than the service says)', async () => {
  const now = h.clock.now();
  const [some] = (await h.ok<{ items: SlotView[] }>('demo-admin', 'booking.slots', { serviceId: service.id, limit: 1 })).items;
  const early = now - 20 * DAY;
  const stored = (await h.deps.store.get<SlotRecord>('slots', some.id))!;
  await h.deps.store.insert('slots', { ...stored, _id: `sl_${service.id}_${early}`, startAt: early, endAt: early + 1800_000 });
  const stats = await h.ok<{ rows: Array<{ slots: number }> }>('demo-admin', 'booking.stats', { from: now - 30 * DAY, to: now + 30 * DAY, serviceId: service.id });
  expect(stats.rows[0].slots).toBe((await everySlot(now - 30 * DAY, now + 30 * DAY)).length);
});
