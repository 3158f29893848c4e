/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const STAFF_EVENTS = {
  'staff.away': '设置外出',
  'staff.back': '结束外出',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof STAFF_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
