import type { ContractParsed } from '../../../../miniprogram/core/action';
import type { createBooking as createBookingContract } from '../../../../miniprogram/core/booking/contract';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext, Handler, PrefetchOf } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { HOUR } from '../../kernel/time';
import { FILING_CHANNEL_LABELS } from '../../../../miniprogram/core/channels';
import { formatAddress } from '../member/household';
import type { MemberRecord } from '../../kernel/members';
import { claimLock, claimQuota, releaseLock, releaseQuota } from './limits';
import { toBookingView } from './presenters';
import { bookingIdFor, claimFor, OPEN_BOOKING, serviceIdOfSlot, type BookingRecord } from './records';
import { eligible, isServiceStaff } from './rules';
import { monthKey } from './schedule';
import { releasePlace, takePlace } from './seats';
import { bookingEvent, changeBooking, offerFreedSeats, reminderAt } from './steps';
import { checkWritten } from '../../kernel/content';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';

type Input = ContractParsed<typeof createBookingContract>;

/**
 * Read with the caller's record: everything the create reads is named by the input and the
 * caller's id (the slot, its service, the booking slot × resident, for 代办 the resident).
 */
export const prefetchCreate: PrefetchOf<'booking.create'> = (input, me) => {
  const serviceId = serviceIdOfSlot(input.slotId);
  return {
    slot: { collection: 'slots', id: input.slotId },
    ...(serviceId ? { service: { collection: 'services', id: serviceId } } : {}),
    booking: { collection: 'bookings', id: bookingIdFor(input.slotId, input.onBehalfOf ?? me) },
    ...(input.onBehalfOf ? { resident: { collection: 'members', id: input.onBehalfOf } } : {}),
  };
};

/**
 * Takes a seat, or a waitlist place when the slot is full. Each limit is claimed from the
 * store in turn (one open booking per service, N per month, the seat itself), and every
 * claim is given back if a later one fails, so a refused booking leaves nothing behind.
 * The booking id is (slot, resident): any number of retries or double taps make one.
 */
export const createBooking: Handler<'booking.create'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  // Everything this call reads is named by the input: the slot, its service (the slot id
  // carries it), the booking (slot × resident) and, for 代办, the resident. One wait for all.
  const residentId = input.onBehalfOf ?? caller.memberId ?? null;
  const id = residentId ? bookingIdFor(input.slotId, residentId) : null;
  const guessedService = serviceIdOfSlot(input.slotId);
  const [slot, guessed, existingRead, target] = await Promise.all([
    db.get('slots', input.slotId),
    guessedService ? db.get('services', guessedService) : Promise.resolve(null),
    id ? db.get('bookings', id) : Promise.resolve(null),
    input.onBehalfOf ? db.get('members', input.onBehalfOf) : Promise.resolve(null),
  ]);
  if (!slot) throw new AppError('NOT_FOUND', '时段不存在', { issues: [{ path: 'slotId', message: '时段不存在' }] });
  // A slot whose id does not name its service (none are made so, but never trust a guess).
  const service = guessed && guessed._id === slot.serviceId ? guessed : await db.require('services', slot.serviceId, '服务不存在');
  let resident: Pick<MemberRecord, '_id' | 'name' | 'household'>;
  let onBehalf: BookingRecord['onBehalf'] = null;
  if (input.onBehalfOf) {
    if (!isServiceStaff(caller, service)) throw new AppError('FORBIDDEN', '只有该服务的负责人员或社区管理员可以代办预约');
    if (!target || !target.roles.includes('resident')) throw fieldError('NOT_FOUND', 'onBehalfOf', '居民不存在');
    resident = target;
    await checkWritten(ctx, { reason: input.reason });
    // The finder hands staff the resident: the channel says how the resident asked.
    onBehalf = { staffId: caller.memberId, staffName: caller.name ?? '社区工作人员', reason: input.reason as string, ...(input.channel ? { channel: input.channel } : {}) };
  } else {
    if (!hasRole(caller, 'resident') || !caller.memberId) throw new AppError('FORBIDDEN', '请先绑定住户后再预约');
    resident = { _id: caller.memberId, name: caller.name, household: caller.household };
  }

  if (!service.active || slot.status !== 'open') throw new AppError('CLOSED', slot.closedReason ? `该时段已关闭：${slot.closedReason}` : '该服务暂停预约');
  if (now >= slot.startAt) throw new AppError('CLOSED', '该时段已开始或已结束');
  // Staff booking for someone in person may skip the notice period; residents may not.
  if (!onBehalf && slot.startAt - now < service.minNoticeHours * HOUR) {
    throw new AppError('BOOKING_TOO_LATE', `请至少提前${service.minNoticeHours}小时预约`);
  }
  if (service.gridIds.length) {
    const building = resident.household ? await db.get('buildings', resident.household.buildingId) : null;
    if (!eligible(service, building?.gridId ?? null)) throw new AppError('BOOKING_NOT_ELIGIBLE');
  }

  const bookingId = bookingIdFor(slot._id, resident._id);
  const existing = id === bookingId ? existingRead : await db.get('bookings', bookingId);
  if (existing && OPEN_BOOKING.includes(existing.status)) {
    // A retry: the booking carries its event; the event's insert and the notice may be missing.
    await Promise.all([settleLastEvent(db, existing), notifyCreated(ctx, existing, service.name)]);
    return toBookingView(caller, existing, service, slot, now);
  }

  const version = (existing?.version ?? 0) + 1;
  const claim = claimFor(bookingId, version);
  const month = monthKey(slot.startAt);
  // The three claims (one open booking per service, the month's quota, the place) are on
  // three documents and none needs another's answer: they go side by side, and whichever
  // succeeded is given back when any is refused, so a refused booking still leaves nothing
  // behind. The refusal named is the one the resident can act on first: limit, quota, full.
  const [locked, counted, placed] = await Promise.allSettled([
    claimLock(db, service._id, resident._id, bookingId, claim, now),
    claimQuota(db, service._id, resident._id, month, service.maxPerMonth, bookingId, claim),
    takePlace(db, slot._id, bookingId, claim),
  ]);
  const place = placed.status === 'fulfilled' ? placed.value : 'full';
  const refused = [locked, counted, placed].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (refused || place === 'full') {
    const [, freed] = await Promise.all([
      locked.status === 'fulfilled' ? releaseLock(db, service._id, resident._id, claim) : null,
      place !== 'full' ? releasePlace(db, slot._id, bookingId, claim) : false,
      counted.status === 'fulfilled' ? releaseQuota(db, service._id, resident._id, month, bookingId, claim, service.maxPerMonth) : null,
    ]);
    // While this attempt held the seat someone may have joined the waitlist behind it.
    if (freed === 'seat') await offerFreedSeats(db, ctx.deps.notifier, slot._id, now);
    if (refused) throw refused.reason;
    throw new AppError('FULL', '该时段已约满，候补名额也已满，请选择其他时段');
  }

  const h = resident.household;
  const record: BookingRecord = {
    _id: bookingId,
    communityId: db.communityId,
    serviceId: service._id,
    serviceName: service.name,
    slotId: slot._id,
    startAt: slot.startAt,
    endAt: slot.endAt,
    location: service.homeVisit ? '上门服务' : service.location,
    memberId: resident._id,
    residentName: resident.name,
    address: h ? formatAddress(h.buildingName, h.unit, h.room) : null,
    status: place === 'seat' ? 'booked' : 'waitlisted',
    onBehalf,
    offerExpiresAt: null,
    note: null,
    rating: null,
    quotaMonth: month,
    cancelCutoffHours: service.cancelCutoffHours,
    claim,
    wakeAt: place === 'seat' ? reminderAt(slot.startAt, now) : null,
    version,
    createdAt: now,
    updatedAt: now,
  };
  const event = bookingEvent(db, caller, record, { type: record.status === 'booked' ? 'booking.booked' : 'booking.waitlisted', note: onBehalf ? `${onBehalf.staffName}${behalfVia(onBehalf)}代办：${onBehalf.reason}` : null }, existing?.status ?? null);
  // No transaction: a new booking is an insert under its deterministic id carrying its event
  // (a duplicate insert means a parallel retry saved first); a re-made one is a versioned
  // commit on the cancelled incarnation. Either way a parallel retry that saved first wins.
  const saved = existing
    ? await commitVersioned(db, 'bookings', existing, withoutId(record), () => event, '该预约刚被更新，请刷新后重试').then(
        () => true,
        (err) => {
          if (err instanceof AppError && err.code === 'CONFLICT') return false;
          throw err;
        },
      )
    : await db.insert('bookings', { ...record, lastEvent: event } as BookingRecord);
  if (saved && !existing) await Promise.all([db.insert('events', event), notifyCreated(ctx, record, service.name)]);
  else if (saved) await notifyCreated(ctx, record, service.name);
  if (saved && record.status === 'booked') return toBookingView(caller, record, service, null, now);
  let stored = saved ? record : ((await db.get('bookings', bookingId)) as BookingRecord);
  if (saved) {
    // A cancellation may have moved this booking onto a seat before it was saved; then the
    // promotion could not find it to offer the seat, so take the seat now.
    const now2 = await db.get('slots', slot._id);
    if (now2?.holders[bookingId] === claim) {
      stored = await changeBooking(db, 'system', record, { status: 'booked', wakeAt: reminderAt(slot.startAt, now) }, { type: 'booking.promoted' }, now).catch(async (err) => {
        if (err instanceof AppError && err.code === 'CONFLICT') return (await db.get('bookings', bookingId)) as BookingRecord;
        throw err;
      });
      return toBookingView(caller, stored, service, now2, now);
    }
    await offerFreedSeats(db, ctx.deps.notifier, slot._id, now);
  }
  const [fresh, after] = await Promise.all([db.get('bookings', bookingId), db.get('slots', slot._id)]);
  return toBookingView(caller, fresh ?? stored, service, after, now);
};

function withoutId(r: BookingRecord): Partial<BookingRecord> {
  const { _id: _dropped, ...rest } = r;
  return rest;
}

/** The resident hears of the booking once: the notice id names this incarnation. */
async function notifyCreated(ctx: HandlerContext<Input>, b: BookingRecord, serviceName: string): Promise<void> {
  const booked = b.status !== 'waitlisted';
  await ctx.deps.notifier.notify({
    id: `booking:${b._id}:${b.claim}:created`,
    communityId: b.communityId,
    recipientId: b.memberId,
    kind: booked ? 'booking.booked' : 'booking.waitlisted',
    title: booked ? `预约成功：${serviceName}` : `已进入候补：${serviceName}`,
    body: b.onBehalf ? `社区工作人员${behalfVia(b.onBehalf)}为您代办了预约（${b.onBehalf.reason}），可在「我的预约」查看或取消。` : booked ? '请按时到场，如不能前往请提前取消。' : '有名额空出时会通知您确认。',
    page: '/pages/bookings/index',
  });
}

/** 「（电话）」: how the resident asked, where it was recorded. */
function behalfVia(b: NonNullable<BookingRecord['onBehalf']>): string {
  return b.channel ? `（${FILING_CHANNEL_LABELS[b.channel]}）` : '';
}
