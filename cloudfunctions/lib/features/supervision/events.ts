/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const SUPERVISION_EVENTS = {
  'supervision.appointed': '登记居务监督委员会',
  'supervision.termEnded': '居务监督委员会任期届满',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof SUPERVISION_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
