import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { getService, listServices, listSlots, prefetchSlots } from './catalogue';
import { createBooking, prefetchCreate } from './create-booking';
import { cancelBooking } from './cancel-booking';
import { confirmPromotion } from './confirm-promotion';
import { listForSlot, listMyBookings, prefetchMine, prefetchSlotList } from './my-bookings';
import { checkIn, markNoShow } from './check-in';
import { rateBooking } from './rate-booking';
import { closeSlots, prefetchService, setSchedule, upsertService } from './admin-services';
import { prefetchReportServices, serviceStats } from './service-stats';
import { exportBookings } from './export-bookings';
import { rollSlots, runBookingClocks } from './clocks';
import { BOOKING_EVENTS } from './events';
import { BOOKING_NOTICES } from './notices';
import { cancelFutureBookings } from './household-left';
import { bookingPersonalData } from './personal-data';
import { bookingToday } from './today';
import { prefetchBooking } from './load';

const HOUR = 3600;
export const bookingManifest = {
  name: 'booking',
  actions: {
    'booking.services': bind(contracts['booking.services'], listServices),
    'booking.service': bind(contracts['booking.service'], getService),
    'booking.slots': bind(contracts['booking.slots'], listSlots, { prefetch: prefetchSlots }),
    'booking.create': bind(contracts['booking.create'], createBooking, { prefetch: prefetchCreate }),
    'booking.cancel': bind(contracts['booking.cancel'], cancelBooking, { prefetch: prefetchBooking }),
    'booking.confirmPromotion': bind(contracts['booking.confirmPromotion'], confirmPromotion, { prefetch: prefetchBooking }),
    'booking.listMine': bind(contracts['booking.listMine'], listMyBookings, { prefetch: prefetchMine }),
    'booking.listForSlot': bind(contracts['booking.listForSlot'], listForSlot, { prefetch: prefetchSlotList }),
    'booking.checkIn': bind(contracts['booking.checkIn'], checkIn, { prefetch: prefetchBooking }),
    'booking.markNoShow': bind(contracts['booking.markNoShow'], markNoShow, { prefetch: prefetchBooking }),
    'booking.rate': bind(contracts['booking.rate'], rateBooking, { prefetch: prefetchBooking }),
    'booking.upsertService': bind(contracts['booking.upsertService'], upsertService, { prefetch: prefetchService }),
    'booking.setSchedule': bind(contracts['booking.setSchedule'], setSchedule, { prefetch: prefetchService }),
    'booking.closeSlots': bind(contracts['booking.closeSlots'], closeSlots, { prefetch: prefetchService }),
    'booking.stats': bind(contracts['booking.stats'], serviceStats, { prefetch: prefetchReportServices }),
    'booking.export': bind(contracts['booking.export'], exportBookings, { prefetch: prefetchReportServices }),
  },
  collections: {
    services: { indexes: [['communityId', 'name', '_id'], ['active', 'slotsUntil', '_id']], holds: 'shared' },
    slots: { indexes: [['communityId', 'serviceId', 'startAt', '_id']], holds: 'shared' },
    bookings: {
      indexes: [
        ['communityId', 'memberId', 'startAt', '_id'],
        ['communityId', 'serviceId', 'startAt', '_id'],
        ['communityId', 'slotId', 'createdAt', '_id'],
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    // Keyed by service and member, holding only a booking id and a claim.
    // Read by community only for backups; in use always by id.
    bookingLocks: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
    bookingQuotas: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
  },
  rateLimits: { 'booking.create': [{ limit: 60, windowSeconds: HOUR }] },
  sweep: {
    bookingClocks: (deps, now) => runBookingClocks(deps, now, { pages: 10 }),
    rollSlots: (deps, now) => rollSlots(deps, now, { services: 50 }),
  },
  notices: BOOKING_NOTICES,
  events: BOOKING_EVENTS,
  personalData: bookingPersonalData,
  householdLeft: cancelFutureBookings,
  today: bookingToday,
} satisfies FeatureManifest<'booking'>;
