/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const BOOKING_EVENTS = {
  'booking.booked': '已预约',
  'booking.waitlisted': '已候补',
  'booking.attended': '已签到',
  'booking.cancelled': '已取消',
  'booking.cleared': '已清理',
  'booking.closed': '服务停开，预约取消',
  'booking.confirmed': '已确认候补',
  'booking.noShow': '未到场',
  'booking.offerExpired': '候补确认超时',
  'booking.offered': '候补有空位',
  'booking.promoted': '候补转正',
  'booking.rated': '居民评价',
  'booking.reminded': '已提醒',
  'booking.exported': '导出服务表格',
  'service.closed': '服务停开',
  'service.scheduled': '修改服务时间',
  'service.created': '新建服务',
  'service.updated': '修改服务',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof BOOKING_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
