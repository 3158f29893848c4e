/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const DISCLOSURE_EVENTS = {
  'disclosure.categorySet': '调整公开目录',
  'disclosure.drafted': '起草公开事项',
  'disclosure.reviewed': '隐私审核',
  'disclosure.published': '公开',
  'disclosure.correcting': '开始更正',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof DISCLOSURE_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
