/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const ACTIVITY_EVENTS = {
  'activity.created': '新建活动',
  'activity.updated': '修改活动',
  'activity.published': '发布活动',
  'activity.cancelled': '取消活动',
  'activity.signedUp': '报名成功',
  'activity.waitlisted': '进入候补',
  'activity.offered': '候补转正，待确认',
  'activity.promoted': '候补转正',
  'activity.confirmed': '确认参加',
  'activity.withdrawn': '退出报名',
  'activity.offerExpired': '转正未确认，已失效',
  'activity.signupCancelled': '活动取消，报名作废',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof ACTIVITY_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
