import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, and who reads it. */
export const ACTIVITY_NOTICES = {
  'activity.booked': { audience: 'resident' },
  'activity.waitlisted': { audience: 'resident' },
  'activity.offered': { audience: 'resident' },
  'activity.expired': { audience: 'resident' },
  'activity.cancelled': { audience: 'resident' },
  // The organiser and the 项目负责人: a volunteer dropped out (their roster page).
  'activity.withdrawn': { audience: 'staff' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof ACTIVITY_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
