/** What the certificate and export steps are called in the audit log (the ledger's own events live beside these). */
export const CERTIFICATE_EVENTS = {
  'hours.certificateIssued': '开具志愿服务记录证明',
  'hours.certificateRevoked': '撤销志愿服务记录证明',
  'hours.exported': '导出志愿服务表格',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof CERTIFICATE_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
