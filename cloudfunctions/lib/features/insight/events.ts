/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const INSIGHT_EVENTS = {
  'insight.caseProposed': '提出未诉先办案例',
  'insight.caseAccepted': '未诉先办立项',
  'insight.caseDismissed': '未诉先办不予立项',
  'insight.caseClosed': '未诉先办办结',
  'insight.ruleSet': '调整聚集规则',
  'insight.topicSet': '设定每月一题',
  'insight.milestoneDone': '每月一题节点完成',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof INSIGHT_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
