/**
 * Booking timers: offers nobody confirmed expire and pass the seat on; residents are
 * reminded the day before; slots are generated as the horizon moves. Every step is a
 * conditional update, so overlapping sweeps do each thing once.
 */
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { forEachDue } from '../../kernel/due';
import { budgetSpent } from '../../kernel/sweep-budget';
import { DAY } from '../../kernel/time';
import { generateSlots } from './admin-services';
import { changeBooking, freeBooking } from './steps';
import { formatWhen, sentence } from '../../../../miniprogram/core/format';

export async function runBookingClocks(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { expiredOffers: 0, reminded: 0, finished: 0 };
  const { conflicts } = await forEachDue(deps.store, 'bookings', now, budget.pages, async (b, db) => {
    if (b.status === 'offered' && b.offerExpiresAt !== null && b.offerExpiresAt <= now) {
      const next = await changeBooking(db, 'system', b, { status: 'expired', offerExpiresAt: null, wakeAt: now }, { type: 'booking.offerExpired' }, now);
      await freeBooking(db, deps.notifier, next, now);
      await deps.notifier.notify({
        id: `booking:${b._id}:v${next.version}:expired`, communityId: b.communityId, recipientId: b.memberId, kind: 'booking.expired',
        title: `候补名额已失效：${b.serviceName}`, body: '您未在期限内确认，名额已转给下一位候补居民。', page: '/pages/bookings/index',
      });
      counts.expiredOffers += 1;
    } else if (b.status === 'booked' && b.startAt > now) {
      const next = await changeBooking(db, 'system', b, { wakeAt: null }, { type: 'booking.reminded' }, now);
      await deps.notifier.notify({
        id: `booking:${b._id}:v${next.version}:reminder`, communityId: b.communityId, recipientId: b.memberId, kind: 'booking.reminder',
        title: `${formatWhen(b.startAt, now)} 的预约：${b.serviceName}`, body: `地点：${sentence(b.location, 60)}。如不能前往，请提前取消，把名额留给其他居民。`, page: '/pages/bookings/index',
      });
      counts.reminded += 1;
    } else if (['cancelled', 'expired', 'closed'].includes(b.status)) {
      // Ended but its place, lock or quota may not all be back (the call died midway).
      await freeBooking(db, deps.notifier, b, now);
      counts.finished += 1;
    } else {
      await changeBooking(db, 'system', b, { wakeAt: null }, { type: 'booking.cleared' }, now);
    }
  });
  return { ...counts, conflicts };
}

/**
 * Extends every active service's slots to the horizon once a day has passed, earliest
 * horizon first. A service costs one insert a slot, so under the sweep's round-trip budget
 * it stops between services; those not reached keep their old horizon and come first next run.
 */
export async function rollSlots(deps: Deps, now: number, budget: { services: number }) {
  const due = await deps.store.query('services', {
    where: { active: true, slotsUntil: { $lt: now + 13 * DAY } },
    orderBy: { field: 'slotsUntil', dir: 'asc' },
    limit: budget.services,
  });
  let created = 0;
  let rolled = 0;
  for (const s of due.items) {
    if (budgetSpent(deps.store)) break;
    // A service without a schedule makes no slots but its horizon still moves: left
    // where it was it would stay first in line and, 50 of them, starve every other one.
    created += await generateSlots(new ScopedStore(deps.store, s.communityId), s, now);
    rolled += 1;
  }
  return { services: rolled, slotsCreated: created };
}
