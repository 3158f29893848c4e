/**
 * Community services (社区服务) and bookings (预约): slots with seats, a waitlist with
 * promotion, staff booking on behalf of residents who cannot use a phone (代办), check-in,
 * no-shows and ratings. Never overbooked: seats are taken by conditional updates on the slot.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import { FILING_CHANNELS, type FilingChannel } from '../channels';

export const BOOKING_STATUSES = [
  'booked', // 已预约
  'waitlisted', // 候补中
  'offered', // 候补转正，待确认
  'cancelled', // 已取消
  'expired', // 候补转正未确认，已失效
  'attended', // 已到场
  'noShow', // 爽约
  'closed', // 服务关闭，预约取消
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  waitlisted: '候补中',
  offered: '候补转正，待确认',
  cancelled: '已取消',
  expired: '已失效',
  attended: '已到场',
  noShow: '未到场',
  closed: '服务暂停，已取消',
};

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** How far ahead slots exist: residents plan about two weeks out. */
export const BOOKING_HORIZON_DAYS = 14;
/** A promoted resident has this long to confirm before the seat goes to the next. */
export const PROMOTION_WINDOW_HOURS = 4;

export interface ServiceView {
  id: string;
  name: string;
  description: string;
  /** Where it happens; empty for home visits. */
  location: string;
  homeVisit: boolean;
  durationMinutes: number;
  seatsPerSlot: number;
  minNoticeHours: number;
  cancelCutoffHours: number;
  maxPerMonth: number;
  /** Grids whose residents may book; empty = every resident of the community. */
  gridIds: string[];
  active: boolean;
  /** For admins: who is in charge, and the weekly schedule, so the editor starts from them. */
  staffIds?: string[];
  schedule?: ScheduleEntry[];
  /** What the caller may do next; pages render from this, never re-deriving the rules. */
  allowedActions: ActionName[];
}

export interface SlotView {
  id: string;
  serviceId: string;
  startAt: number;
  endAt: number;
  seats: number;
  seatsLeft: number;
  waitlistCount: number;
  status: 'open' | 'closed';
  closedReason?: string;
  /** True when a new booking would join the waitlist rather than take a seat. */
  waitlistOnly: boolean;
}

export interface BookingView {
  id: string;
  serviceId: string;
  serviceName: string;
  slotId: string;
  startAt: number;
  endAt: number;
  location: string;
  status: BookingStatus;
  statusLabel: string;
  /** 1-based place on the waitlist while waitlisted. */
  waitlistPosition?: number;
  /** Until when a promoted resident may confirm. */
  offerExpiresAt?: number;
  /** Staff who booked on the resident's behalf (代办), with the reason. */
  onBehalf?: { staffName: string; reason: string; channel?: FilingChannel };
  /** Shown to staff only. */
  residentName?: string;
  /** The resident's phone, for the service's staff, if they gave one. */
  residentPhone?: string;
  address?: string;
  note?: string;
  rating?: { score: number; comment?: string };
  /** What the caller may do next; pages render from this, never re-deriving the rules. */
  allowedActions: ActionName[];
}

export interface ScheduleEntry {
  /** 1 = Monday … 7 = Sunday, Beijing time. */
  weekday: number;
  /** `HH:mm` start of the first slot and end of the last, Beijing time. */
  start: string;
  end: string;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' });
const serviceId = id('服务编号');
const slotId = id('时段编号');
const bookingId = id('预约编号');

export const listServices = contract<Page<ServiceView>>()({
  name: 'booking.services',
  summary: '社区便民服务列表',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区；居民只看到开放给本人网格的服务',
});

export const getService = contract<ServiceView>()({
  name: 'booking.service',
  summary: '服务详情',
  input: z.strictObject({ serviceId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区',
});

export const listSlots = contract<Page<SlotView>>()({
  name: 'booking.slots',
  summary: '服务的可预约时段和剩余名额（工作人员可查看今天已开始的时段）',
  input: z.strictObject({ serviceId, from: z.number().int().min(0).optional(), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区',
});

export const createBooking = contract<BookingView>()({
  name: 'booking.create',
  summary: '预约服务时段；满员时进入候补',
  input: z
    .strictObject({
      slotId,
      /** Staff booking for a resident who cannot use the phone (代办). */
      onBehalfOf: id('居民').optional(),
      reason: text('代办原因', 2, 100).optional(),
      /** How the resident asked (电话/上门/窗口); required with 代办. */
      channel: z.enum(FILING_CHANNELS, { error: '请选择居民是怎样找到您的' }).optional(),
    })
    .refine((v) => (v.onBehalfOf === undefined) === (v.reason === undefined), { error: '代办须同时选择居民并填写原因', path: ['reason'] })
    .refine((v) => v.onBehalfOf === undefined || v.channel !== undefined, { error: '请选择居民是怎样找到您的', path: ['channel'] })
    .refine((v) => v.onBehalfOf !== undefined || v.channel === undefined, { error: '代办须选择居民', path: ['onBehalfOf'] }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '居民：本人，符合服务的网格限制和次数限制；工作人员：为本社区居民代办',
  idempotent: true,
});

export const cancelBooking = contract<BookingView>()({
  name: 'booking.cancel',
  summary: '取消预约（须在取消截止前）；名额转给第一位候补',
  input: z.strictObject({ bookingId, reason: text('取消原因', 1, 100).optional() }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '居民：本人的预约；工作人员：本社区，可在截止后取消',
});

export const confirmPromotion = contract<BookingView>()({
  name: 'booking.confirmPromotion',
  summary: '候补转正后确认预约',
  input: z.strictObject({ bookingId }),
  roles: ['resident'],
  scope: '本人的预约；须在确认期限内',
});

export const listMyBookings = contract<Page<BookingView>>()({
  name: 'booking.listMine',
  summary: '我的预约（即将开始 / 已结束）',
  input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), ...paging }),
  roles: ['resident'],
  scope: '仅本人',
});

export const listForSlot = contract<Page<BookingView>>()({
  name: 'booking.listForSlot',
  summary: '工作台：某时段的预约名单（含候补）',
  input: z.strictObject({ slotId, ...paging }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区服务的负责人员和管理员',
});

export const checkIn = contract<BookingView>()({
  name: 'booking.checkIn',
  summary: '登记到场，可写服务记录',
  input: z.strictObject({ bookingId, note: text('服务记录', 1, 300).optional() }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区服务的负责人员和管理员；时段开始前1小时起',
});

export const markNoShow = contract<BookingView>()({
  name: 'booking.markNoShow',
  summary: '登记未到场',
  input: z.strictObject({ bookingId }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区服务的负责人员和管理员；时段开始后',
});

export const rateBooking = contract<BookingView>()({
  name: 'booking.rate',
  summary: '评价本次服务',
  input: z.strictObject({ bookingId, score: z.number().int().min(1).max(5), comment: text('评价内容', 1, 200).optional() }),
  roles: ['resident'],
  scope: '本人已到场的预约，评价一次',
});

export const upsertService = contract<ServiceView>()({
  name: 'booking.upsertService',
  summary: '新建或修改便民服务',
  input: z
    .strictObject({
      serviceId: serviceId.optional(),
      name: text('服务名称', 2, 20),
      description: text('服务说明', 2, 500),
      location: text('服务地点', 1, 60).optional(),
      homeVisit: z.boolean().default(false),
      durationMinutes: z.number().int().min(10).max(480),
      seatsPerSlot: z.number().int().min(1).max(100),
      minNoticeHours: z.number().int().min(0).max(168).default(2),
      cancelCutoffHours: z.number().int().min(0).max(168).default(2),
      maxPerMonth: z.number().int().min(1).max(31).default(4),
      gridIds: z.array(id('网格')).max(20).default([]),
      /** Left out: keep the current staff. */
      staffIds: z.array(id('工作人员')).max(10).optional(),
      active: z.boolean().default(true),
    })
    .refine((v) => v.homeVisit || v.location !== undefined, { error: '请填写服务地点（上门服务除外）', path: ['location'] }),
  roles: ['admin'],
  scope: '本社区',
});

export const setSchedule = contract<{ serviceId: string; schedule: ScheduleEntry[]; slotsCreated: number }>()({
  name: 'booking.setSchedule',
  summary: '设置每周服务时间，并生成未来两周的时段',
  input: z.strictObject({
    serviceId,
    schedule: z
      .array(z.strictObject({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm }).refine((e) => e.start < e.end, { error: '结束时间须晚于开始时间' }))
      .max(21),
  }),
  roles: ['admin'],
  scope: '本社区服务',
});

export const closeSlots = contract<{ closed: number; bookingsCancelled: number }>()({
  name: 'booking.closeSlots',
  summary: '节假日或临时停诊：关闭时间段内的时段，取消预约并通知居民',
  input: z
    .strictObject({ serviceId, from: z.number().int().min(0), to: z.number().int().min(0), reason: text('关闭原因', 2, 100) })
    .refine((v) => v.to > v.from, { error: '结束时间须晚于开始时间', path: ['to'] })
    .refine((v) => v.to - v.from <= 92 * 24 * 3600 * 1000, { error: '一次最多关闭三个月', path: ['to'] }),
  roles: ['admin'],
  scope: '本社区服务',
});

export interface ServiceUsageRow {
  serviceId: string;
  name: string;
  slots: number;
  seatsOffered: number;
  /** Bookings that held a seat at some point: booked, attended, no-show (cancellations apart). */
  booked: number;
  attended: number;
  noShow: number;
  cancelled: number;
  /** Booked seats / seats offered in open slots. */
  fillRate: number | null;
  /** No-shows / (attended + no-shows): what to chase with reminders. */
  noShowRate: number | null;
  averageRating: number | null;
  ratings: number;
}

export const serviceStats = contract<{ from: number; to: number; rows: ServiceUsageRow[]; truncated: boolean }>()({
  name: 'booking.stats',
  summary: '服务使用统计：预约、到场、爽约、满座率和评分',
  input: z
    .strictObject({ from: z.number().int().min(0), to: z.number().int().min(0), serviceId: serviceId.optional() })
    .refine((v) => v.to > v.from, { error: '结束时间须晚于开始时间', path: ['to'] })
    .refine((v) => v.to - v.from <= 366 * 24 * 3600 * 1000, { error: '统计时段最长一年', path: ['to'] }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责的服务；管理员：本社区全部服务',
});

export const exportBookings = contract<{ fileName: string; base64: string; rows: number; truncated: boolean; namesShown: boolean }>()({
  name: 'booking.export',
  summary: '导出服务使用统计和预约明细（xlsx 表格）',
  input: z
    .strictObject({ from: z.number().int().min(0), to: z.number().int().min(0) })
    .refine((v) => v.to > v.from, { error: '结束时间须晚于开始时间', path: ['to'] })
    .refine((v) => v.to - v.from <= 366 * 24 * 3600 * 1000, { error: '导出时段最长一年', path: ['to'] }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责的服务，不含预约人姓名和住址；管理员：本社区全部服务。每次导出记入审计',
});
