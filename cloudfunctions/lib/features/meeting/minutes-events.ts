/** The minutes' audit events (kept apart from events.ts, which the rest of the meeting feature fills). */
export const MINUTES_EVENTS = {
  'meeting.minutesSaved': '起草或修改会议纪要',
  'meeting.minutesApproved': '审定并公布会议纪要',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MINUTES_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
