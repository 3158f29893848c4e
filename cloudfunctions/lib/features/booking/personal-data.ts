import { BOOKING_STATUS_LABELS } from '../../../../miniprogram/core/booking/contract';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';

/** The person's bookings as they saw them; staff's on-behalf notes stay out. */
export const bookingPersonalData: PersonalData = {
  collections: ['bookings'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('bookings', { memberId }, 'startAt');
    const bookings = items.map((b) => ({
      service: b.serviceName,
      startAt: b.startAt,
      endAt: b.endAt,
      location: b.location,
      status: BOOKING_STATUS_LABELS[b.status],
      note: b.note,
      rating: b.rating ? { score: b.rating.score, comment: b.rating.comment, at: b.rating.at } : null,
      bookedAt: b.createdAt,
    }));
    return { sections: { bookings }, truncated };
  },
  // Bookings stay for the service figures, pointing at nobody.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('bookings', { memberId: member._id }, 'startAt', (b) => db.update('bookings', b._id, { memberId: anonymousId, residentName: null, address: null }));
  },
};
