/** Audit events of check-in and check-out (the attendance records' timeline). */
export const CHECK_IN_EVENTS = {
  'activity.checkedIn': '扫码签到',
  'activity.checkedInByHand': '负责人录入签到',
  'activity.checkedOut': '签退',
  'activity.autoClosed': '未签退，按计划时长自动结束',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof CHECK_IN_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
