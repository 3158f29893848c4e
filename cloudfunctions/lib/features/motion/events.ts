/** What each of this feature's audit events is called, on a motion's history and in the audit log. */
export const MOTION_EVENTS = {
  'motion.proposed': '提出议题',
  'motion.thresholdMet': '附议已达标',
  'motion.recounted': '核对附议数',
  'motion.answered': '已答复',
  'motion.scheduled': '列入会议议程',
  'motion.unscheduled': '移出会议议程',
  'motion.decided': '会议已表决',
  'motion.resolutionLinked': '形成决议',
  'motion.expired': '附议期满未达标',
  'motion.chased': '逾期未上会或答复，已催办',
  'motion.escalated': '多次逾期，提请督办',
  'motion.configured': '修改附议规则',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MOTION_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
