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

export function canCancel(caller: Caller, b: BookingRecord, service: Pick<ServiceRecord, 'cancelCutoffHours' | 'staffIds' | 'communityId'>, now: number): boolean {
  if (!['booked', 'waitlisted', 'offered'].includes(b.status) || now >= b.startAt) return false;
  if (isServiceStaff(caller, service)) return true;
  // The waitlist costs nobody a seat, so leaving it is never too late.
  return isOwner(caller, b) && (b.status === 'waitlisted' || b.startAt - now >= service.cancelCutoffHours * HOUR);
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
