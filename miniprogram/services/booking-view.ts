/**
 * Services, slots and bookings as the pages render them: display strings only, so setData
 * carries text and every page words the same fact the same way. What a caller may do
 * comes from `allowedActions`, never from the status here.
 */
import { WEEKDAYS, type BookingStatus, type BookingView, type ScheduleEntry, type ServiceView, type SlotView } from '../core/booking/contract';
import type { ErrorBody } from '../core/errors';
import { excerpt } from '../core/format';
import { FILING_CHANNEL_LABELS } from '../core/channels';
import { starsText } from './concern-view';
import { clockText, dayKey, stripDay, timeRange } from './date-strip';
import { allows } from './view';

export type BookingTone = 'todo' | 'doing' | 'done' | 'muted' | 'danger';

/** `约30分钟`, `约1小时`, `约1小时30分钟`. */
export function durationText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `约${m}分钟`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `约${h}小时` : `约${h}小时${rest}分钟`;
}

/** Where a service or booking happens; home visits have no place. */
export function placeText(location: string, homeVisit = false): string {
  if (homeVisit) return '上门服务';
  return location.trim() || '上门服务';
}

export interface ServiceRow {
  id: string;
  name: string;
  excerpt: string;
  placeText: string;
  durationText: string;
  /** Staff see paused services too. */
  paused: boolean;
}

export function serviceRow(s: ServiceView): ServiceRow {
  return {
    id: s.id,
    name: s.name,
    excerpt: excerpt(s.description, 40),
    placeText: placeText(s.location, s.homeVisit),
    durationText: durationText(s.durationMinutes),
    paused: !s.active,
  };
}

/** The booking rules a resident should know before choosing a time. */
export function serviceRules(s: Pick<ServiceView, 'minNoticeHours' | 'cancelCutoffHours' | 'maxPerMonth' | 'seatsPerSlot'>): string[] {
  return [
    s.minNoticeHours > 0 ? `需提前${s.minNoticeHours}小时预约` : '开始前均可预约',
    s.cancelCutoffHours > 0 ? `开始前${s.cancelCutoffHours}小时可取消` : '开始前均可取消',
    `每月最多${s.maxPerMonth}次`,
    `每个时段${s.seatsPerSlot}个名额`,
  ];
}

export type SlotTone = 'open' | 'wait' | 'closed';

export interface SlotRow {
  id: string;
  timeText: string;
  stateText: string;
  tone: SlotTone;
  closed: boolean;
  waitlistOnly: boolean;
}

/**
 * A slot as a resident sees it: seats left, the waitlist, or why it is closed. A slot that
 * starts before `bookableFrom` (now plus the service's notice hours) reads 已截止 and takes
 * no tap: the server would refuse it anyway, the page says so first.
 */
export function slotRow(s: SlotView, bookableFrom = 0): SlotRow {
  const tooLate = s.status !== 'closed' && s.startAt < bookableFrom;
  const closed = s.status === 'closed' || tooLate;
  let stateText: string;
  if (tooLate) stateText = '已截止';
  else if (closed) stateText = s.closedReason ? `已关闭：${s.closedReason}` : '已关闭';
  else if (s.waitlistOnly) stateText = `已满，可候补（前面${s.waitlistCount}人）`;
  else stateText = `剩余${s.seatsLeft}个名额`;
  return {
    id: s.id,
    timeText: timeRange(s.startAt, s.endAt),
    stateText,
    tone: closed ? 'closed' : s.waitlistOnly ? 'wait' : 'open',
    closed,
    waitlistOnly: !closed && s.waitlistOnly,
  };
}

/** The first start a resident may still book: now plus the service's notice hours. */
export function bookableFrom(minNoticeHours: number, now: number): number {
  return now + Math.max(0, minNoticeHours) * 3600 * 1000;
}

/** A slot as the service's staff see it: how full it is. */
export function staffSlotRow(s: SlotView): SlotRow {
  // Staff book on a resident's behalf inside the notice window too: no 已截止 here.
  const row = slotRow(s);
  if (row.closed) return row;
  const taken = Math.max(0, s.seats - s.seatsLeft);
  const wait = s.waitlistCount > 0 ? ` · 候补${s.waitlistCount}人` : '';
  return { ...row, stateText: `已约${taken}/${s.seats}${wait}` };
}

const TONES: Record<BookingStatus, BookingTone> = {
  booked: 'doing',
  waitlisted: 'todo',
  offered: 'todo',
  cancelled: 'muted',
  expired: 'muted',
  attended: 'done',
  noShow: 'danger',
  closed: 'muted',
};

export function bookingTone(status: string): BookingTone {
  return (TONES as Record<string, BookingTone | undefined>)[status] ?? 'muted';
}

/** `今天 09:00–09:30`, `周三 5月6日 09:00–09:30`. */
export function whenText(startAt: number, endAt: number, now: number): string {
  return `${stripDay(startAt, now).label} ${timeRange(startAt, endAt)}`;
}

/** `请在 13:00 前确认`; the date joins in when the deadline is not today. */
export function offerText(expiresAt: number, now: number): string {
  const at = dayKey(expiresAt) === dayKey(now) ? clockText(expiresAt) : `${stripDay(expiresAt, now).date} ${clockText(expiresAt)}`;
  return `请在 ${at} 前确认`;
}

export interface BookingRow {
  id: string;
  serviceName: string;
  whenText: string;
  placeText: string;
  statusLabel: string;
  tone: BookingTone;
  /** `候补第2位`, '' unless waiting. */
  waitlistText: string;
  /** `请在 13:00 前确认`, '' unless a seat is offered. */
  offerText: string;
  /** `由 张网格 代办：腿脚不便`, '' when the resident booked. */
  onBehalfText: string;
  ratingStars: string;
  ratingComment: string;
  /** Staff only. */
  residentName: string;
  residentPhone: string;
  address: string;
  note: string;
  canConfirm: boolean;
  canCancel: boolean;
  canRate: boolean;
  canCheckIn: boolean;
  canNoShow: boolean;
}

export function bookingRow(b: BookingView, now: number): BookingRow {
  const a = b.allowedActions;
  return {
    id: b.id,
    serviceName: b.serviceName,
    whenText: whenText(b.startAt, b.endAt, now),
    placeText: placeText(b.location),
    statusLabel: b.statusLabel,
    tone: bookingTone(b.status),
    waitlistText: b.status === 'waitlisted' && b.waitlistPosition ? `候补第${b.waitlistPosition}位` : '',
    offerText: b.status === 'offered' && b.offerExpiresAt ? offerText(b.offerExpiresAt, now) : '',
    onBehalfText: b.onBehalf ? `由 ${b.onBehalf.staffName}${b.onBehalf.channel ? `（${FILING_CHANNEL_LABELS[b.onBehalf.channel]}）` : ''} 代办：${b.onBehalf.reason}` : '',
    ratingStars: b.rating ? starsText(b.rating.score) : '',
    ratingComment: b.rating?.comment ?? '',
    residentName: b.residentName ?? '',
    residentPhone: b.residentPhone ?? '',
    address: b.address ?? '',
    note: b.note ?? '',
    canConfirm: allows(a, 'booking.confirmPromotion'),
    canCancel: allows(a, 'booking.cancel'),
    canRate: allows(a, 'booking.rate'),
    canCheckIn: allows(a, 'booking.checkIn'),
    canNoShow: allows(a, 'booking.markNoShow'),
  };
}

/** What the resident reads right after booking.create answered. */
export function bookingResult(b: Pick<BookingView, 'status' | 'statusLabel' | 'waitlistPosition'>): string {
  if (b.status === 'booked') return '预约成功';
  if (b.status === 'waitlisted') return b.waitlistPosition ? `已进入候补，第${b.waitlistPosition}位` : '已进入候补';
  if (b.status === 'offered') return '候补已转正，请在「我的预约」中确认';
  return b.statusLabel;
}

export function scheduleSummary(slotsCreated: number): string {
  return `已保存每周时间，已生成${slotsCreated}个时段`;
}

export function closeSummary(r: { closed: number; bookingsCancelled: number }): string {
  return `关闭${r.closed}个时段，取消${r.bookingsCancelled}个预约并已通知居民`;
}

export interface ScheduleRowView {
  weekdayIndex: number;
  weekdayText: string;
  start: string;
  end: string;
  /** `共4个时段`, or what is wrong with the times. */
  hint: string;
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** How many slots one weekly row yields: a slot that would run past the end is not offered. */
export function slotsInRow(start: string, end: string, durationMinutes: number): number {
  const span = minutesOf(end) - minutesOf(start);
  if (!(span > 0) || !(durationMinutes > 0)) return 0;
  return Math.floor(span / durationMinutes);
}

export function scheduleRowView(e: ScheduleEntry, durationMinutes: number): ScheduleRowView {
  const n = slotsInRow(e.start, e.end, durationMinutes);
  let hint = '';
  if (minutesOf(e.end) <= minutesOf(e.start)) hint = '结束时间须晚于开始时间';
  else if (durationMinutes > 0) hint = n > 0 ? `共${n}个时段` : '时间太短，放不下一个时段';
  return { weekdayIndex: e.weekday - 1, weekdayText: WEEKDAYS[e.weekday - 1] ?? '', start: e.start, end: e.end, hint };
}

/**
 * Messages of a VALIDATION_ERROR about items of a list field (`schedule.2.end`), by item
 * index, first message per item; the form shows each under its own row.
 */
export function itemErrors(error: ErrorBody, field: string): Record<number, string> {
  const out: Record<number, string> = {};
  if (error.code !== 'VALIDATION_ERROR') return out;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    const i = issue as { path?: unknown; message?: unknown };
    if (typeof i.path !== 'string' || typeof i.message !== 'string') continue;
    const m = new RegExp(`^${field}\\.(\\d+)(\\.|$)`).exec(i.path);
    if (m && !(Number(m[1]) in out)) out[Number(m[1])] = i.message;
  }
  return out;
}
