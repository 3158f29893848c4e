/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const PRIVACY_EVENTS = {
  'member.phoneSet': '绑定手机号',
  'privacy.exported': '下载个人数据',
  'privacy.deletionRequested': '申请注销',
  'privacy.deletionCancelled': '撤销注销',
  'privacy.deleted': '账号已注销',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof PRIVACY_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
