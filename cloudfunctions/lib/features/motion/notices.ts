import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const MOTION_NOTICES = {
  // To the admins: a new motion, its threshold met (the statutory 须上会或答复 task), and late.
  'motion.proposed': { audience: 'staff' },
  'motion.thresholdMet': { audience: 'staff', template: 'staffTask' },
  'motion.overdue': { audience: 'staff', template: 'staffTask' },
  'motion.escalated': { audience: 'staff', template: 'staffTask' },
  // To the mover and the author of the concern it came from.
  'motion.fromConcern': { audience: 'resident', template: 'concernProgress' },
  'motion.reached': { audience: 'resident', template: 'concernProgress' },
  'motion.unscheduled': { audience: 'resident', template: 'concernProgress' },
  'motion.answered': { audience: 'resident', template: 'concernProgress' },
  'motion.expired': { audience: 'resident', template: 'concernProgress' },
  'motion.scheduled': { audience: 'resident', template: 'concernProgress' },
  'motion.decided': { audience: 'resident', template: 'concernProgress' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof MOTION_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

export type MotionNoticeKind = keyof typeof MOTION_NOTICES;

/** Where a notice opens: staff answer from 民主议事 on the workbench, residents read the motion. */
export function motionPage(kind: MotionNoticeKind, motionId: string): string {
  return MOTION_NOTICES[kind].audience === 'staff' ? '/staff/council/index' : `/pages/motion/index?motionId=${encodeURIComponent(motionId)}`;
}
