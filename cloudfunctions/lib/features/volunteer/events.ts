/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const VOLUNTEER_EVENTS = {
  'volunteer.registered': '登记为志愿者',
  'volunteer.updated': '修改志愿者资料',
  'volunteer.verified': '社区核实志愿者',
  'volunteer.suspended': '暂停志愿者',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof VOLUNTEER_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
