import { createHash } from 'node:crypto';
import type { BookingStatus, ScheduleEntry } from '../../../../miniprogram/core/booking/contract';
import type { Doc } from '../../ports/store';
import type { FilingChannel } from '../../../../miniprogram/core/channels';

export interface ServiceRecord extends Doc {
  communityId: string;
  name: string;
  description: string;
  location: string;
  homeVisit: boolean;
  durationMinutes: number;
  seatsPerSlot: number;
  minNoticeHours: number;
  cancelCutoffHours: number;
  maxPerMonth: number;
  gridIds: string[];
  /** Staff in charge: they see the day's list and check people in. */
  staffIds: string[];
  schedule: ScheduleEntry[];
  /** Closed periods (holidays); slot generation skips them. */
  closures: Array<{ from: number; to: number; reason: string }>;
  /** Slots exist up to here; the sweep extends it as days pass. */
  slotsUntil: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * A slot is the single authority on its seats. `holders` and `waiting` are maps keyed by
 * booking id, so "take a seat unless already holding one" is one conditional update; the
 * counters change in the same update and can never drift from the maps.
 */
export interface SlotRecord extends Doc {
  communityId: string;
  serviceId: string;
  startAt: number;
  endAt: number;
  seats: number;
  seatsLeft: number;
  /** Booking id → the claim token of the incarnation holding the seat. */
  holders: Record<string, string>;
  /** Waitlist in arrival order, plus a map (booking id → claim) for membership tests. */
  waitlist: string[];
  waiting: Record<string, string>;
  waitlistCount: number;
  waitlistLeft: number;
  status: 'open' | 'closed';
  closedReason: string | null;
  createdAt: number;
}

export interface BookingRecord extends Doc {
  communityId: string;
  serviceId: string;
  serviceName: string;
  slotId: string;
  startAt: number;
  endAt: number;
  location: string;
  /** The resident the booking is for. */
  memberId: string;
  residentName: string | null;
  address: string | null;
  status: BookingStatus;
  /** 代办: who booked for the resident, why, and how the resident asked (absent on older bookings). */
  onBehalf: { staffId: string; staffName: string; reason: string; channel?: FilingChannel } | null;
  offerExpiresAt: number | null;
  note: string | null;
  rating: { score: number; comment: string | null; at: number } | null;
  /** Month key of the quota it used, so cancelling gives back the right one. */
  quotaMonth: string;
  /**
   * The service's cancel cutoff when this incarnation was booked: the resident keeps the terms
   * they booked under if the service's change later (absent on older bookings, which follow
   * the service's current cutoff).
   */
  cancelCutoffHours?: number;
  /**
   * Names this incarnation of the booking (a booking id is reused when a resident books the
   * same slot again after cancelling). Its seat, lock and quota are held under this claim.
   */
  claim: string;
  wakeAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** One open booking per resident per service: the lock names the booking holding it. */
export interface LockRecord extends Doc {
  communityId: string;
  bookingId: string | null;
  claim: string;
  claimedAt: number;
}

/** Bookings left this month for one resident and service, and which bookings used them. */
export interface QuotaRecord extends Doc {
  communityId: string;
  /** The monthly allowance when the document was made. */
  max: number;
  left: number;
  /** Booking id → claim of the incarnation that used the unit. */
  used: Record<string, string>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

/** The claim of the incarnation whose record will be at `version`. */
export const claimFor = (bookingId: string, version: number) => `${bookingId}.v${version}`;

/** One booking per resident per slot: retries and double taps land on the same record. */
export const bookingIdFor = (slotId: string, memberId: string) => `bk_${hash(`${slotId}|${memberId}`)}`;
export const slotIdFor = (serviceId: string, startAt: number) => `sl_${serviceId}_${startAt}`;
/** `sl_<serviceId>_<startAt>` (see slotIdFor): the service a slot id names, if it does. Never trusted alone: check the slot's serviceId. */
export function serviceIdOfSlot(slotId: string): string | null {
  const cut = slotId.lastIndexOf('_');
  return slotId.startsWith('sl_') && cut > 3 ? slotId.slice(3, cut) : null;
}
export const lockIdFor = (serviceId: string, memberId: string) => `bl_${hash(`${serviceId}|${memberId}`)}`;
export const quotaIdFor = (serviceId: string, memberId: string, month: string) => `bq_${hash(`${serviceId}|${memberId}|${month}`)}`;

/** Statuses in which a booking holds (or waits for) a place. */
export const OPEN_BOOKING: readonly BookingStatus[] = ['booked', 'waitlisted', 'offered'];

declare module '../../ports/store' {
  interface CollectionRecords {
    services: ServiceRecord;
    slots: SlotRecord;
    bookings: BookingRecord;
    bookingLocks: LockRecord;
    bookingQuotas: QuotaRecord;
  }
}
