/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const RESOLUTION_EVENTS = {
  'resolution.created': '会议决议，落实开始',
  'resolution.progressed': '记录落实进度',
  'resolution.done': '决议已办结',
  'resolution.reassigned': '更换负责人或期限',
  'resolution.stageRecorded': '登记四议两公开环节',
  'resolution.overdue': '决议逾期未办结',
  'resolution.chased': '催办逾期决议',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof RESOLUTION_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
