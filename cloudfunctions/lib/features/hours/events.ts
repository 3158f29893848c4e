/** Audit events of the hours ledger and its disputes. */
export const HOURS_EVENTS = {
  'hours.recorded': '记录服务时长',
  'hours.firstVerified': '第一人核验通过，待第二人核验',
  'hours.verified': '核验通过',
  'hours.declined': '核验不通过',
  'hours.adjusted': '更正服务时长',
  'hours.disputed': '提出异议',
  'hours.disputeAnswered': '答复异议',
  'hours.disputeLate': '异议逾期未答复',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof HOURS_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
