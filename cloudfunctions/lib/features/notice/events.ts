/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const NOTICE_EVENTS = {
  'notice.published': '发布社区公告',
  'notice.withdrawn': '撤回社区公告',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof NOTICE_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
