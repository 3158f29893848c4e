import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { getService, listServices, listSlots, prefetchSlots } from './catalogue';
import { createBooking } from './create-booking';
import { cancelBooking } from './cancel-booking';
import { confirmPromotion } from './confirm-promotion';
import { listForSlot, listMyBookings } from './my-bookings';
import { checkIn, markNoShow } from './check-in';
import { rateBooking } from './rate-booking';
import { closeSlots, setSchedule, upsertService } from './admin-services';
import { serviceStats } from './service-stats';
import { exportBookings } from './export-bookings';
import { rollSlots, runBookingClocks } from './clocks';
import { BOOKING_EVENTS } from './events';
import { BOOKING_NOTICES } from './notices';
import { cancelFutureBookings } from './household-left';
import { bookingPersonalData } from './personal-data';
import { bookingToday } from './today';

const HOUR = 3600;
export const bookingManifest = {
  name: 'booking',
  actions: {
    'booking.services': bind(contracts['booking.services'], listServices),
    'booking.service': bind(contracts['booking.service'], getService),
    'booking.slots': bind(contracts['booking.slots'], listSlots, { prefetch: prefetchSlots }),
    'booking.create': bind(contracts['booking.create'], createBooking),
    'booking.cancel': bind(contracts['booking.cancel'], cancelBooking),
    'booking.confirmPromotion': bind(contracts['booking.confirmPromotion'], confirmPromotion),
    'booking.listMine': bind(contracts['booking.listMine'], listMyBookings),
    'booking.listForSlot': bind(contracts['booking.listForSlot'], listForSlot),
    'booking.checkIn': bind(contracts['booking.checkIn'], checkIn),
    'booking.markNoShow': bind(contracts['booking.markNoShow'], markNoShow),
    'booking.rate': bind(contracts['booking.rate'], rateBooking),
    'booking.upsertService': bind(contracts['booking.upsertService'], upsertService),
    'booking.setSchedule': bind(contracts['booking.setSchedule'], setSchedule),
    'booking.closeSlots': bind(contracts['booking.closeSlots'], closeSlots),
    'booking.stats': bind(contracts['booking.stats'], serviceStats),
    'booking.export': bind(contracts['booking.export'], exportBookings),
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
