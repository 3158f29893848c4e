/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const MODERATION_EVENTS = {
  'moderation.approved': '审核通过',
  'moderation.rejected': '审核未通过',
  'moderation.reported': '被举报',
  'moderation.hidden': '举报达到人数，内容已隐藏',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MODERATION_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
