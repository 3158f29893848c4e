/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const VISIT_EVENTS = {
  'visit.logged': '登记走访',
  'visit.careSet': '标记关爱户',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof VISIT_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
