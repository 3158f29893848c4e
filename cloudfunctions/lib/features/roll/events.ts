/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const ROLL_EVENTS = {
  'roll.imported': '导入业主名册',
  'roll.corrected': '更正名册',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof ROLL_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
