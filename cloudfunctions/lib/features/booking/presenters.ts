import type { ActionName } from '../../../../miniprogram/core/action-names';
import { BOOKING_STATUS_LABELS, type BookingView, type ServiceView, type SlotView } from '../../../../miniprogram/core/booking/contract';
import type { Caller } from '../../kernel/caller';
import { bookingActions, isServiceStaff } from './rules';
import type { BookingRecord, ServiceRecord, SlotRecord } from './records';

export function toServiceView(caller: Caller, s: ServiceRecord, canBook: boolean): ServiceView {
  const actions: ActionName[] = ['booking.service', 'booking.slots'];
  if (canBook) actions.push('booking.create');
  if (isServiceStaff(caller, s)) actions.push('booking.listForSlot');
  if (caller.roles.includes('admin')) actions.push('booking.upsertService', 'booking.setSchedule', 'booking.closeSlots');
  return {
    id: s._id,
    name: s.name,
    description: s.description,
    location: s.location,
    homeVisit: s.homeVisit,
    durationMinutes: s.durationMinutes,
    seatsPerSlot: s.seatsPerSlot,
    minNoticeHours: s.minNoticeHours,
    cancelCutoffHours: s.cancelCutoffHours,
    maxPerMonth: s.maxPerMonth,
    gridIds: s.gridIds,
    active: s.active,
    ...(caller.roles.includes('admin') ? { staffIds: s.staffIds, schedule: s.schedule } : {}),
    allowedActions: actions,
  };
}

export function toSlotView(s: SlotRecord): SlotView {
  const view: SlotView = {
    id: s._id,
    serviceId: s.serviceId,
    startAt: s.startAt,
    endAt: s.endAt,
    seats: s.seats,
    seatsLeft: s.seatsLeft,
    waitlistCount: s.waitlistCount,
    status: s.status,
    waitlistOnly: s.seatsLeft <= 0 || s.waitlistCount > 0,
  };
  if (s.closedReason) view.closedReason = s.closedReason;
  return view;
}

/** Whitelisted: the resident's name and address reach service staff only. */
export function toBookingView(caller: Caller, b: BookingRecord, service: ServiceRecord, slot: SlotRecord | null, now: number): BookingView {
  const staff = isServiceStaff(caller, service);
  const view: BookingView = {
    id: b._id,
    serviceId: b.serviceId,
    serviceName: b.serviceName,
    slotId: b.slotId,
    startAt: b.startAt,
    endAt: b.endAt,
    location: b.location,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    allowedActions: bookingActions(caller, b, service, now),
  };
  if (b.status === 'waitlisted' && slot) {
    const position = slot.waitlist.indexOf(b._id);
    if (position >= 0) view.waitlistPosition = position + 1;
  }
  if (b.status === 'offered' && b.offerExpiresAt !== null) view.offerExpiresAt = b.offerExpiresAt;
  if (b.onBehalf) view.onBehalf = { staffName: b.onBehalf.staffName, reason: b.onBehalf.reason, ...(b.onBehalf.channel ? { channel: b.onBehalf.channel } : {}) };
  if (staff) {
    if (b.residentName) view.residentName = b.residentName;
    if (b.address) view.address = b.address;
    if (b.note) view.note = b.note;
  }
  if (b.rating) view.rating = { score: b.rating.score, ...(b.rating.comment ? { comment: b.rating.comment } : {}) };
  return view;
}
