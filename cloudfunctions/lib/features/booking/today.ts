/**
 * 今日待办's booking rows: today's slots of the services the caller is in charge of (staffIds),
 * one row per slot with people booked, until the slot ends. A community has a handful of
 * services: the first page of them (SERVICES_READ) is all of them.
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { localDay, pageOf, todayAtText, todayRow } from '../workbench/rows';
import type { BookingRecord } from './records';

const SERVICES_READ = 50;
/** Bookings of one service in one day, read at most: a full day of a busy window. */
const BOOKINGS_READ = 200;
const EXPECTED: readonly BookingRecord['status'][] = ['booked', 'attended'];

export async function bookingToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const services = (await db.query('services', { where: {}, orderBy: { field: 'name', dir: 'asc' }, limit: SERVICES_READ })).items.filter(
    (s) => s.active && s.staffIds.includes(caller.memberId),
  );
  const { start, end } = localDay(now);
  const days = await Promise.all(
    services.map((s) => db.query('bookings', { where: { serviceId: s._id, startAt: { $gte: start, $lt: end } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: BOOKINGS_READ })),
  );
  const slots = new Map<string, { b: BookingRecord; booked: number; attended: number }>();
  for (const b of days.flatMap((d) => d.items)) {
    if (!EXPECTED.includes(b.status) || b.endAt <= now) continue;
    const slot = slots.get(b.slotId) ?? { b, booked: 0, attended: 0 };
    slot.booked += 1;
    if (b.status === 'attended') slot.attended += 1;
    slots.set(b.slotId, slot);
  }
  return [...slots.values()].slice(0, TODAY_ROWS_PER_FEATURE).map(({ b, booked, attended }) =>
    todayRow('booking', b.slotId, {
      title: `${b.serviceName} ${booked}人预约${attended ? `，${attended}人已到` : ''}`,
      reason: todayAtText(b.startAt),
      dueAt: b.startAt,
      overdue: false,
      open: { label: '今日名单', page: pageOf(b.serviceId, '/staff/service-day/index', 'serviceId') },
    }),
  );
}
