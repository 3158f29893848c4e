import type { BookingView, ServiceView, SlotView } from '../../../miniprogram/core/booking/contract';
import {
  bookingResult,
  bookingRow,
  closeSummary,
  durationText,
  itemErrors,
  offerText,
  scheduleRowView,
  serviceRow,
  serviceRules,
  slotRow,
  slotsInRow,
  staffSlotRow,
} from '../../../miniprogram/services/booking-view';

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

const service: ServiceView = {
  id: 'sv1',
  name: '法律咨询',
  description: '律师志愿者每周二、周四坐诊，解答婚姻家庭、劳动争议、房屋租赁等问题，请带好相关材料。',
  location: '社区服务站101室',
  homeVisit: false,
  durationMinutes: 30,
  seatsPerSlot: 2,
  minNoticeHours: 2,
  cancelCutoffHours: 4,
  maxPerMonth: 2,
  gridIds: [],
  active: true,
  allowedActions: [],
};

const slot = (extra: Partial<SlotView> = {}): SlotView => ({
  id: 'sl1',
  serviceId: 'sv1',
  startAt: bj(2026, 5, 6, 9),
  endAt: bj(2026, 5, 6, 9, 30),
  seats: 2,
  seatsLeft: 1,
  waitlistCount: 0,
  status: 'open',
  waitlistOnly: false,
  ...extra,
});

describe('a service in the list', () => {
  it('shows a short description, the place and the duration', () => {
    const row = serviceRow(service);
    expect(row.excerpt.length).toBeLessThanOrEqual(41);
    expect(row.excerpt.endsWith('…')).toBe(true);
    expect(row.placeText).toBe('社区服务站101室');
    expect(row.durationText).toBe('约30分钟');
  });

  it('says 上门服务 for home visits', () => {
    expect(serviceRow({ ...service, homeVisit: true, location: '' }).placeText).toBe('上门服务');
  });

  it('words durations in hours and minutes', () => {
    expect(durationText(60)).toBe('约1小时');
    expect(durationText(90)).toBe('约1小时30分钟');
  });

  it('states the booking rules', () => {
    expect(serviceRules(service)).toEqual(['需提前2小时预约', '开始前4小时可取消', '每月最多2次', '每个时段2个名额']);
    expect(serviceRules({ ...service, minNoticeHours: 0, cancelCutoffHours: 0 }).slice(0, 2)).toEqual(['开始前均可预约', '开始前均可取消']);
  });
});

describe('a slot', () => {
  it('shows seats left', () => {
    expect(slotRow(slot())).toMatchObject({ timeText: '09:00–09:30', stateText: '剩余1个名额', tone: 'open', closed: false });
  });

  it('offers the waitlist when full, with how many wait ahead', () => {
    expect(slotRow(slot({ seatsLeft: 0, waitlistCount: 3, waitlistOnly: true }))).toMatchObject({ stateText: '已满，可候补（前面3人）', tone: 'wait', waitlistOnly: true });
  });

  it('says why it is closed', () => {
    expect(slotRow(slot({ status: 'closed', closedReason: '律师外出培训' })).stateText).toBe('已关闭：律师外出培训');
    expect(slotRow(slot({ status: 'closed' })).stateText).toBe('已关闭');
  });

  it('shows staff how full it is', () => {
    expect(staffSlotRow(slot({ seatsLeft: 0, waitlistCount: 2, waitlistOnly: true })).stateText).toBe('已约2/2 · 候补2人');
    expect(staffSlotRow(slot()).stateText).toBe('已约1/2');
  });
});

describe('a booking', () => {
  const now = bj(2026, 5, 6, 8);
  const booking = (extra: Partial<BookingView> = {}): BookingView => ({
    id: 'bk1',
    serviceId: 'sv1',
    serviceName: '法律咨询',
    slotId: 'sl1',
    startAt: bj(2026, 5, 6, 9),
    endAt: bj(2026, 5, 6, 9, 30),
    location: '社区服务站101室',
    status: 'booked',
    statusLabel: '已预约',
    allowedActions: ['booking.cancel'],
    ...extra,
  });

  it('shows day, time and place; actions come from allowedActions', () => {
    const row = bookingRow(booking(), now);
    expect(row).toMatchObject({ whenText: '今天 09:00–09:30', placeText: '社区服务站101室', canCancel: true, canConfirm: false, canRate: false });
  });

  it('asks an offered resident to confirm before the deadline', () => {
    const row = bookingRow(booking({ status: 'offered', statusLabel: '候补转正，待确认', offerExpiresAt: bj(2026, 5, 6, 12), allowedActions: ['booking.confirmPromotion'] }), now);
    expect(row.offerText).toBe('请在 12:00 前确认');
    expect(row.canConfirm).toBe(true);
    expect(offerText(bj(2026, 5, 7, 1), now)).toBe('请在 5月7日 01:00 前确认');
  });

  it('shows the waitlist place and who booked on the resident’s behalf', () => {
    const row = bookingRow(booking({ status: 'waitlisted', waitlistPosition: 2, onBehalf: { staffName: '张网格', reason: '老人不会用手机' } }), now);
    expect(row.waitlistText).toBe('候补第2位');
    expect(row.onBehalfText).toBe('由 张网格 代办：老人不会用手机');
  });

  it('words the result of booking', () => {
    expect(bookingResult({ status: 'booked', statusLabel: '已预约' })).toBe('预约成功');
    expect(bookingResult({ status: 'waitlisted', statusLabel: '候补中', waitlistPosition: 3 })).toBe('已进入候补，第3位');
  });
});

describe('the schedule editor', () => {
  it('counts the slots a weekly row yields; a slot running past the end is not offered', () => {
    expect(slotsInRow('09:00', '11:30', 30)).toBe(5);
    expect(slotsInRow('09:00', '11:20', 30)).toBe(4);
    expect(slotsInRow('11:00', '09:00', 30)).toBe(0);
  });

  it('describes a row and flags an end before the start', () => {
    expect(scheduleRowView({ weekday: 2, start: '09:00', end: '11:00' }, 30)).toMatchObject({ weekdayIndex: 1, weekdayText: '周二', hint: '共4个时段' });
    expect(scheduleRowView({ weekday: 7, start: '11:00', end: '09:00' }, 30).hint).toBe('结束时间须晚于开始时间');
  });

  it('places validation messages under their rows', () => {
    const error = {
      code: 'VALIDATION_ERROR' as const,
      message: '结束时间须晚于开始时间',
      details: { issues: [{ path: 'schedule.1', message: '结束时间须晚于开始时间' }, { path: 'schedule.3.start', message: '时间格式应为 HH:mm' }, { path: 'serviceId', message: 'x' }] },
    };
    expect(itemErrors(error, 'schedule')).toEqual({ 1: '结束时间须晚于开始时间', 3: '时间格式应为 HH:mm' });
    expect(itemErrors({ code: 'INTERNAL', message: 'x' }, 'schedule')).toEqual({});
  });

  it('reports a closure', () => {
    expect(closeSummary({ closed: 6, bookingsCancelled: 4 })).toBe('关闭6个时段，取消4个预约并已通知居民');
  });
});
