/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const DISCLOSURE_EVENTS = {
  'disclosure.categorySet': '调整公开目录',
  'disclosure.drafted': '起草公开事项',
  'disclosure.reviewed': '隐私审核',
  'disclosure.published': '公开',
  'disclosure.correcting': '开始更正',
  'disclosure.opinion': '登记监督意见',
  'disclosure.responded': '答复监督异议',
  'disclosure.asked': '居民提问',
  'disclosure.answered': '答复居民提问',
  'disclosure.overdue': '公开逾期',
  'disclosure.escalated': '逾期报监督委员会或街道',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof DISCLOSURE_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
