/** What the report's steps are called in the audit log. */
export const REPORT_EVENTS = {
  'report.issued': '出具月度评事报告',
  'report.addendum': '追加报告补充说明',
  'report.exported': '导出表格',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof REPORT_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
