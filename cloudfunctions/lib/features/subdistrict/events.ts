/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const SUBDISTRICT_EVENTS = {
  'subdistrict.communityCreated': '街道新建社区',
  'subdistrict.adminCodeIssued': '街道发放管理员加入码',
  'subdistrict.adminJoined': '社区管理员加入',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof SUBDISTRICT_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
