import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const BOOKING_NOTICES = {
  'booking.booked': { audience: 'resident', template: 'bookingResult' },
  'booking.waitlisted': { audience: 'resident', template: 'bookingResult' },
  'booking.offered': { audience: 'resident', template: 'bookingResult' },
  'booking.cancelled': { audience: 'resident', template: 'bookingResult' },
  'booking.closed': { audience: 'resident', template: 'bookingResult' },
  'booking.expired': { audience: 'resident', template: 'bookingResult' },
  'booking.reminder': { audience: 'resident', template: 'bookingReminder' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof BOOKING_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
