/**
 * Booking rules, pure: time windows, who may do what, and the actions a booking offers.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller } from '../../kernel/caller';
import { HOUR } from '../../kernel/time';
import type { BookingRecord, ServiceRecord } from './records';

/** Staff may check people in from an hour before the slot. */
export const CHECK_IN_OPENS = HOUR;

export function isServiceStaff(caller: Caller, service: Pick<ServiceRecord, 'staffIds' | 'communityId'>): boolean {
  if (caller.communityId !== service.communityId || caller.memberId === null) return false;
  return hasRole(caller, 'admin') || (hasRole(caller, 'gridWorker') && service.staffIds.includes(caller.memberId));
}

export function isOwner(caller: Caller, b: BookingRecord): boolean {
  return caller.memberId !== null && caller.communityId === b.communityId && b.memberId === caller.memberId;
}

/** The cutoff the booking was made under; older bookings carry none and follow the service's. */
export function cancelCutoffHours(b: BookingRecord, service: Pick<ServiceRecord, 'cancelCutoffHours'>): number {
  return b.cancelCutoffHours ?? service.cancelCutoffHours;
}

function stillCancellable(b: BookingRecord, now: number): boolean {
  return ['booked', 'waitlisted', 'offered'].includes(b.status) && now < b.startAt;
}

function ownerInTime(b: BookingRecord, cutoffHours: number, now: number): boolean {
  // The waitlist costs nobody a seat, so leaving it is never too late.
  return b.status === 'waitlisted' || b.startAt - now >= cutoffHours * HOUR;
}

export function canCancel(caller: Caller, b: BookingRecord, service: Pick<ServiceRecord, 'cancelCutoffHours' | 'staffIds' | 'communityId'>, now: number): boolean {
  if (!stillCancellable(b, now)) return false;
  if (isServiceStaff(caller, service)) return true;
  return isOwner(caller, b) && ownerInTime(b, cancelCutoffHours(b, service), now);
}

/**
 * The resident's own cancel decided from the booking alone, which carries the terms it was
 * booked under. True: allowed, no need to wait for the service. False says nothing: ask
 * canCancel with the service (the booking is older, or the caller may be the service's staff).
 */
export function ownerMayCancel(caller: Caller, b: BookingRecord, now: number): boolean {
  return b.cancelCutoffHours !== undefined && isOwner(caller, b) && stillCancellable(b, now) && ownerInTime(b, b.cancelCutoffHours, now);
}

export function bookingActions(caller: Caller, b: BookingRecord, service: Pick<ServiceRecord, 'cancelCutoffHours' | 'staffIds' | 'communityId'>, now: number): ActionName[] {
  const actions: ActionName[] = [];
  const owner = isOwner(caller, b);
  const staff = isServiceStaff(caller, service);
  if (canCancel(caller, b, service, now)) actions.push('booking.cancel');
  if (owner && b.status === 'offered' && b.offerExpiresAt !== null && now < b.offerExpiresAt) actions.push('booking.confirmPromotion');
  if (staff && b.status === 'booked' && now >= b.startAt - CHECK_IN_OPENS) actions.push('booking.checkIn');
  if (staff && b.status === 'booked' && now >= b.startAt) actions.push('booking.markNoShow');
  if (owner && b.status === 'attended' && b.rating === null) actions.push('booking.rate');
  return actions;
}

/** Residents of the listed grids only, when a service names any. */
export function eligible(service: Pick<ServiceRecord, 'gridIds'>, residentGridId: string | null): boolean {
  return service.gridIds.length === 0 || (residentGridId !== null && service.gridIds.includes(residentGridId));
}
